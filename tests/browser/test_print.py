"""A page prints with its content and address box, without navigation, search or notices' buttons."""

import pytest

from .conftest import visit

pytestmark = pytest.mark.browser

PAGE = "/themen/integration/masterplan-migration-integration/"


def test_a_printed_page_keeps_the_address_box_and_drops_the_navigation(new_page):
    page = new_page()
    visit(page, PAGE)
    page.emulate_media(media="print")
    assert page.locator("main h1").is_visible()
    assert page.locator(".office-box").is_visible()
    assert "Südwall 21 - 23" in page.locator(".office-box").inner_text()
    for selector in (".main-nav", ".site-search", ".skip-link", ".breadcrumb", ".site-footer nav"):
        assert not page.locator(selector).first.is_visible(), selector
    page.emulate_media(media="screen")
    assert page.locator(".main-nav").is_visible()
