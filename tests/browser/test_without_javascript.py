"""Without JavaScript every page reads and navigates: heading, main landmark, navigation, search."""

import pytest

from .conftest import visit
from .pages import URLS

pytestmark = pytest.mark.browser

FINDER = "/themen/integration/foerderprogramme/"


@pytest.mark.parametrize("path", URLS)
def test_page_reads_without_javascript(new_page, path):
    page = new_page(javascript=False)
    visit(page, path)
    assert page.get_by_role("main").count() == 1
    heading = page.locator("main h1")
    assert heading.count() == 1 and heading.is_visible() and heading.inner_text().strip(), f"{path}: no visible h1"

    nav_links = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link")
    assert nav_links.count() >= 1, f"{path}: no main navigation"
    for i in range(nav_links.count()):
        link = nav_links.nth(i)
        assert link.is_visible() and link.get_attribute("href"), f"{path}: {link.inner_text()} cannot be followed"

    search = page.get_by_role("search", name="Website durchsuchen")
    assert search.get_by_role("searchbox").is_visible() and search.get_by_role("button", name="Suchen").is_visible()


def test_main_navigation_works_without_javascript(new_page, site):
    page = new_page(javascript=False)
    visit(page, "/")
    links = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link")
    targets = [(links.nth(i).inner_text().strip(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert targets
    for label, href in targets:
        visit(page, "/")
        with page.expect_navigation():
            page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name=label, exact=True).click()
        assert page.url.startswith(site) and page.url.endswith(href), (label, page.url)
        assert page.locator("main h1").is_visible(), label


def test_header_search_works_without_javascript(new_page, site):
    page = new_page(javascript=False)
    visit(page, "/themen/integration/")
    search = page.get_by_role("search", name="Website durchsuchen")
    search.get_by_role("searchbox").fill("Integration")
    with page.expect_navigation():
        search.get_by_role("button", name="Suchen").click()
    assert page.url == f"{site}/suche/?q=Integration"
    assert page.locator(".search-result a").count() > 0
    assert "Ergebnis" in page.locator("#ergebnisse").inner_text()


def test_finder_filters_work_without_javascript(new_page, site):
    page = new_page(javascript=False)
    visit(page, FINDER)
    page.get_by_role("group", name="Zielgruppe").get_by_role("checkbox").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    assert "zielgruppe=" in page.url
    assert page.locator("main h1").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Alle Filter zurücksetzen").click()
    assert page.url == f"{site}{FINDER}"
