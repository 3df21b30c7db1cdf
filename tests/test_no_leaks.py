"""Drafts and private pages never leak: not in search, sitemap, API, "Mehr zum Thema", rich text, listings,
the finder, feeds or the cache.

Every hidden page carries a word no other page has; each channel is checked for those words and addresses,
and shows a public control page built the same way, so that a channel showing nothing at all cannot pass.
"""

import datetime
import json
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from pages.models import CommitteeMeeting
from pages.roles import EDITORS
from tests.conftest import page_at
from tests.factories import CommitteePageFactory, FundingProgramPageFactory, OfficePageFactory, TopicPageFactory

FINDER = "/themen/integration/foerderprogramme/"
COMMITTEES = "/themen/integration/gremien/"
API = "/api/v2/pages/"


@dataclass
class Hidden:
    """A page no anonymous visitor may find: ``word`` stands in its title and teaser, ``url`` is its address
    (None for a live page whose unpublished draft carries the word: the page itself is public)."""

    kind: str
    page: object
    word: str
    url: str | None


def restrict(page, restriction_type, **values):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **values)
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=EDITORS)])
    return restriction


def with_draft(page, word):
    """Saves a newer revision with ``word`` in title, teaser and text, and leaves the live version as it was."""
    page.title = f"Entwurfstitel {word}"
    page.search_description = f"Der Entwurf über {word} ist noch nicht freigegeben."
    page.body = [("text", RichText(f"<p>Neuer Text zu {word}.</p>"))]
    page.save_revision()
    return page


def topic(parent, word, **kwargs):
    kwargs.setdefault("search_description", f"Alles über {word} in Dortmund.")
    return TopicPageFactory(parent=parent, title=kwargs.pop("title", f"{word} im Quartier"), **kwargs)


def build_site_pages(integration_page, mia_do_ki):
    """The hidden pages of every kind below /themen/integration/, each naming MIA-DO-KI as responsible,
    and the public pages a citizen sees next to them."""
    office = {"responsible_office": mia_do_ki}
    control = topic(integration_page, "Sanddorn", **office)
    revised = with_draft(topic(integration_page, "Holunder", **office), "Mirabelle")
    unpublished = topic(integration_page, "Schlehe", **office)
    below_unpublished = topic(unpublished, "Hagebutte", **office)  # stays live: Wagtail unpublishes one page
    unpublished.unpublish()
    login = topic(integration_page, "Kornelkirsche", **office)
    restrict(login, PageViewRestriction.LOGIN)
    password = topic(integration_page, "Speierling", **office)
    restrict(password, PageViewRestriction.PASSWORD, password="geheim")
    section = topic(integration_page, "Wacholder", **office)
    restrict(section, PageViewRestriction.GROUPS)
    hidden = [
        Hidden("Entwurf", topic(integration_page, "Quittenbaum", live=False, **office), "Quittenbaum", None),
        Hidden("neuere Fassung", revised, "Mirabelle", None),
        Hidden("zurückgezogen", unpublished, "Schlehe", None),
        Hidden("nur angemeldet", login, "Kornelkirsche", None),
        Hidden("Kennwort", password, "Speierling", None),
        Hidden("Gruppen", section, "Wacholder", None),
        Hidden("unter geschütztem Bereich", topic(section, "Elsbeere", **office), "Elsbeere", None),
    ]
    for entry in hidden:
        if entry.page is not revised:
            entry.url = entry.page.url
    return {"control": control, "revised": revised, "below_unpublished": below_unpublished, "hidden": hidden}


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def assert_hidden(text, hidden, channel):
    for entry in hidden:
        assert entry.word not in text, f"{entry.kind}: „{entry.word}“ in {channel}"
        if entry.url:
            # The address itself, not a live page below it (whose address starts with it).
            assert f'{entry.url}"' not in text and f"{entry.url}<" not in text, f"{entry.kind}: {entry.url} in {channel}"


def soup_of(text):
    return BeautifulSoup(text, "html.parser")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for this module in a transaction rolled back at its end; each test runs in a savepoint inside."""
    from tests.conftest import MIA_DO_KI_PATH

    with django_db_blocker.unblock(), transaction.atomic():
        integration_page = page_at("/themen/integration/")
        site_pages = build_site_pages(integration_page, page_at(MIA_DO_KI_PATH))
        yield {
            "site_pages": site_pages,
            "linking_page": build_linking_page(site_pages, integration_page),
            "programs": build_programs(),
        }
        transaction.set_rollback(True)


@pytest.fixture
def site_pages(world, db):
    return world["site_pages"]


@pytest.fixture
def linking_page(world, db):
    return world["linking_page"]


@pytest.fixture
def programs(world, db):
    return world["programs"]


# --- search ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_the_live_version_of_public_pages_only(client, site_pages):
    def hits(query):
        soup = soup_of(html(client, f"/suche/?q={query}"))
        return soup.select("ol.search-results li.search-result")

    found = " ".join(str(hit) for hit in hits("Quartier"))  # a word every page of the fixture has in its title
    assert "Sanddorn im Quartier" in found and "Holunder im Quartier" in found
    assert_hidden(found, site_pages["hidden"], "der Suche nach „Quartier“")
    for entry in site_pages["hidden"]:
        assert hits(entry.word) == [], entry.kind


@pytest.mark.django_db
def test_search_recommendations_of_drafts_and_private_pages_are_not_shown(client, site_pages):
    query = Query.get("Obstwiese")
    SearchPromotion.objects.create(query=query, page=site_pages["control"], sort_order=0)
    for position, entry in enumerate(site_pages["hidden"], start=1):
        SearchPromotion.objects.create(query=query, page=entry.page, sort_order=position)
    soup = soup_of(html(client, "/suche/?q=Obstwiese"))
    promoted = soup.find(id="empfohlen").parent
    assert [link["href"] for link in promoted.select("h3 a")] == [site_pages["control"].url, site_pages["revised"].url]
    assert_hidden(str(soup), site_pages["hidden"], "den Empfehlungen")


# --- sitemap --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sitemap_lists_public_pages_only(client, site_pages):
    sitemap = html(client, "/sitemap.xml")
    assert f"{site_pages['control'].url}</loc>" in sitemap
    assert f"{site_pages['revised'].url}</loc>" in sitemap
    for entry in site_pages["hidden"]:
        if entry.url:
            assert f"{entry.url}</loc>" not in sitemap, entry.kind


# --- the API --------------------------------------------------------------------------------------------


def api(client, query="", status=200):
    response = client.get(f"{API}{query}")
    assert response.status_code == status, query
    return response.content.decode()


def listed_ids(answer):
    return [item["id"] for item in json.loads(answer)["items"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["?limit=20&order=-id&fields=*", "?search={word}", "?child_of={parent}&fields=*&limit=20",
     "?descendant_of={parent}&fields=*&limit=20&order=-id", "?type=pages.TopicPage&fields=*&order=-id", "?slug={slug}"],
)
def test_the_api_lists_public_pages_in_their_live_version_only(client, site_pages, integration_page, query):
    control = site_pages["control"]
    assert control.pk in listed_ids(api(client, query.format(word="Sanddorn", parent=integration_page.pk, slug=control.slug)))
    for entry in site_pages["hidden"]:
        answer = api(client, query.format(word=entry.word, parent=integration_page.pk, slug=entry.page.slug))
        assert_hidden(answer, site_pages["hidden"], f"der API ({query})")
        if entry.url:
            assert entry.page.pk not in listed_ids(answer)


@pytest.mark.django_db
def test_the_api_answers_404_for_hidden_pages_and_shows_the_live_version(client, site_pages):
    revised = api(client, f"{site_pages['revised'].pk}/")
    assert json.loads(revised)["title"] == "Holunder im Quartier" and "Mirabelle" not in revised
    for entry in site_pages["hidden"]:
        if entry.url:
            api(client, f"{entry.page.pk}/", status=404)
            api(client, f"find/?html_path={entry.url}", status=404)


@pytest.mark.django_db
def test_the_api_lists_no_hidden_funding_program(client, programs):
    ids = listed_ids(api(client, f"?type=programs.FundingProgramPage&fields=*&limit=20&child_of={programs['finder'].pk}"))
    assert programs["control"].pk in ids
    assert not {program.pk for program in programs["hidden"]} & set(ids)


# --- "Mehr zum Thema" and links in the text ----------------------------------------------------------------


def build_linking_page(site_pages, integration_page):
    """A public page whose "Mehr zum Thema" and text name every hidden page and the public control."""
    targets = [site_pages["control"], *(entry.page for entry in site_pages["hidden"])]
    text = "".join(f'<p><a linktype="page" id="{page.pk}">Verweis {number}</a></p>' for number, page in enumerate(targets))
    page = TopicPageFactory(parent=integration_page, title="Obstbäume in Dortmund", body=[("text", RichText(text))])
    page.related_links = [("page", {"page": target, "teaser": ""}) for target in targets]
    page.save(clean=False)  # as an import or an old revision may have stored it: the editor's form refuses drafts
    return page, targets


@pytest.mark.django_db
def test_mehr_zum_thema_shows_public_targets_only(client, site_pages, linking_page):
    page, _ = linking_page
    section = soup_of(html(client, page.url)).find(id="mehr-zum-thema").parent
    assert [link["href"] for link in section.select("a")] == [site_pages["control"].url, site_pages["revised"].url]
    assert_hidden(str(section), site_pages["hidden"], "„Mehr zum Thema“")


@pytest.mark.django_db
def test_links_in_the_text_to_hidden_pages_become_plain_text(client, site_pages, linking_page):
    page, targets = linking_page
    article = soup_of(html(client, page.url)).find("article")
    links = {link.get_text(strip=True): link.get("href") for link in article.select("a")}
    assert links["Verweis 0"] == site_pages["control"].url
    for number, target in enumerate(targets[1:], start=1):
        expected = site_pages["revised"].url if target.pk == site_pages["revised"].pk else None
        assert links[f"Verweis {number}"] == expected, f"Verweis {number} führt zu {target.url}"
    assert_hidden(str(article), site_pages["hidden"], "Links im Text")


# --- listings ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_parent_topic_lists_and_the_section_navigation_shows_public_pages_only(client, site_pages, integration_page):
    for url, channel in ((integration_page.url, "Unterthemen"), (site_pages["control"].url, "In diesem Bereich")):
        text = html(client, url)
        assert "Sanddorn im Quartier" in text and "Holunder im Quartier" in text, channel
        assert_hidden(text, site_pages["hidden"], channel)


@pytest.mark.django_db
def test_themen_a_bis_z_lists_public_pages_only(client, site_pages):
    text = html(client, "/themen-a-z/")
    assert "Sanddorn im Quartier" in text and "Holunder im Quartier" in text
    assert_hidden(text, site_pages["hidden"], "Themen A–Z")


@pytest.mark.django_db
def test_zustaendig_fuer_lists_public_pages_only(client, site_pages, mia_do_ki):
    section = soup_of(html(client, mia_do_ki.url)).find(id="zustaendig-fuer").parent
    assert "Sanddorn im Quartier" in section.get_text() and "Holunder im Quartier" in section.get_text()
    assert_hidden(str(section), site_pages["hidden"], "„Zuständig für“")


@pytest.mark.django_db
def test_the_main_navigation_shows_public_pages_only(client):
    home = page_at("/")
    TopicPageFactory(parent=home, title="Sanddorn", show_in_menus=True)
    TopicPageFactory(parent=home, title="Quittenbaum", show_in_menus=True, live=False)
    restrict(TopicPageFactory(parent=home, title="Kornelkirsche", show_in_menus=True), PageViewRestriction.LOGIN)
    with_draft(TopicPageFactory(parent=home, title="Holunder", show_in_menus=True), "Mirabelle")
    navigation = soup_of(html(client, "/impressum/")).select_one("nav.main-nav").get_text(" ", strip=True)
    assert "Sanddorn" in navigation and "Holunder" in navigation
    for word in ("Quittenbaum", "Kornelkirsche", "Mirabelle"):
        assert word not in navigation


@pytest.mark.django_db
def test_breadcrumbs_name_neither_unpublished_ancestors_nor_drafts(client, site_pages):
    below_draft = TopicPageFactory(parent=site_pages["revised"], title="Unterseite am Holunder")
    text = html(client, below_draft.url)
    assert "Holunder im Quartier" in soup_of(text).select_one("nav.breadcrumb").get_text()
    assert "Mirabelle" not in text
    text = html(client, site_pages["below_unpublished"].url)
    assert "Integration" in soup_of(text).select_one("nav.breadcrumb").get_text()
    assert_hidden(text, site_pages["hidden"], "der Brotkrumennavigation")


# --- the finder and its feeds -------------------------------------------------------------------------------


def build_programs():
    """A draft, a login-only, a group-only and an unpublished program with an open round for associations, and a
    public control program like them."""
    finder = page_at(FINDER)
    today = timezone.localdate()

    def program(title, **kwargs):
        return FundingProgramPageFactory(
            parent=finder, title=title, target_groups=["vereine"],
            rounds=[{"opens": today - datetime.timedelta(days=5), "closes": today + datetime.timedelta(days=40)}],
            **kwargs,
        )

    control = program("Sanddornförderung für Vereine")
    draft = program("Quittenförderung für Vereine", live=False)
    login = program("Kornelkirschenförderung für Vereine")
    restrict(login, PageViewRestriction.LOGIN)
    groups = program("Wacholderförderung für Vereine")
    restrict(groups, PageViewRestriction.GROUPS)
    unpublished = program("Schlehenförderung für Vereine")
    unpublished.unpublish()
    return {"finder": finder, "control": control, "hidden": [draft, login, groups, unpublished]}


def finder_counts(client, query=""):
    soup = soup_of(html(client, FINDER + query))
    options = {label["for"]: label.select_one(".finder-form__count").get_text(strip=True) for label in soup.select(".finder-form label")}
    return soup.select_one(".finder-results__summary").get_text(strip=True), options


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?zielgruppe=vereine&status=moeglich", "?foerdergeber=stadt&seite=1"])
def test_the_finder_neither_lists_nor_counts_hidden_programs(client, programs, query):
    text = html(client, FINDER + query)
    assert programs["control"].title in text
    for program in programs["hidden"]:
        assert program.title not in text and program.url not in text
    counted = finder_counts(client, query)
    Page.objects.filter(pk__in=[program.pk for program in programs["hidden"]]).delete()
    assert finder_counts(client, query) == counted


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["kalender/", "json/", "kalender/?zielgruppe=vereine", "json/?status=moeglich&zielgruppe=vereine"])
def test_the_finders_feeds_hold_public_programs_only(client, programs, feed):
    text = html(client, FINDER + feed)
    if feed.startswith("json/"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert programs["control"].title in text
    for program in programs["hidden"]:
        assert program.title not in text and program.url not in text


@pytest.mark.django_db
def test_feeds_of_hidden_programs_and_committees_are_not_served(client, programs):
    committees = page_at(COMMITTEES)
    meeting_day = timezone.localdate() + datetime.timedelta(days=14)
    control = CommitteePageFactory(parent=committees, title="Arbeitskreis Sanddorn")
    draft = CommitteePageFactory(parent=committees, title="Arbeitskreis Quittenbaum", live=False)
    private = CommitteePageFactory(parent=committees, title="Arbeitskreis Kornelkirsche")
    restrict(private, PageViewRestriction.LOGIN)
    for committee in (control, draft, private):
        CommitteeMeeting.objects.create(committee=committee, date=meeting_day, place=f"Raum {committee.title}")

    assert "Arbeitskreis Sanddorn" in html(client, control.url + "kalender/")
    assert programs["control"].title in html(client, programs["control"].url + "kalender/")
    for page in (draft, programs["hidden"][0], programs["hidden"][3]):
        html(client, page.url + "kalender/", status=404)
    for page in (private, programs["hidden"][1], programs["hidden"][2]):
        response = client.get(page.url + "kalender/")
        assert response.status_code == 302 and page.title not in response.content.decode()
    listing = html(client, committees.url)
    assert "Arbeitskreis Sanddorn" in listing
    assert "Quittenbaum" not in listing and "Kornelkirsche" not in listing


# --- the cache -------------------------------------------------------------------------------------------


def cache_control(response):
    return response.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_private_page_is_never_kept_by_a_shared_cache(client, site_pages):
    login = next(entry.page for entry in site_pages["hidden"] if entry.word == "Kornelkirsche")
    anonymous = client.get(login.url)
    assert anonymous.status_code == 302
    assert "s-maxage" not in cache_control(anonymous)
    # The visitor lands on the portal's German login form, which brings them back to the page.
    assert anonymous["Location"].startswith(reverse("wagtailadmin_login") + "?next=")
    login_form = client.get(anonymous["Location"])
    assert login_form.status_code == 200 and "Anmelden" in login_form.content.decode()
    client.force_login(get_user_model().objects.create_user("buerger", "buerger@example.org", "kennwort-1234"))
    allowed = client.get(login.url)
    assert allowed.status_code == 200 and "Kornelkirsche im Quartier" in allowed.content.decode()
    assert "private" in cache_control(allowed) and "no-store" in cache_control(allowed)
    assert "s-maxage" not in cache_control(allowed)


@pytest.mark.django_db
def test_a_password_protected_page_opened_with_its_password_is_never_shared(client, site_pages):
    password = next(entry.page for entry in site_pages["hidden"] if entry.word == "Speierling")
    form = client.get(password.url)
    assert form.status_code == 200 and "Speierling" not in form.content.decode()
    restriction = password.view_restrictions.get()
    opened = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{password.pk}/",
        {"password": "geheim", "return_url": password.url},
        follow=True,
    )
    assert "Speierling im Quartier" in opened.content.decode()
    assert "private" in cache_control(opened) and "s-maxage" not in cache_control(opened)


@pytest.mark.django_db
def test_a_page_made_private_after_it_was_served_is_not_served_again(client, integration_page):
    page = topic(integration_page, "Berberitze")
    first = client.get(page.url)
    assert first.status_code == 200 and "s-maxage" in cache_control(first)
    restrict(page, PageViewRestriction.LOGIN)
    again = client.get(page.url)
    assert again.status_code == 302 and "s-maxage" not in cache_control(again)


@pytest.mark.django_db
def test_a_page_unpublished_after_it_was_served_answers_404(client, integration_page):
    page = topic(integration_page, "Sauerdorn")
    assert client.get(page.url).status_code == 200
    assert "Sauerdorn im Quartier" in html(client, integration_page.url)
    page.unpublish()
    html(client, page.url, status=404)
    assert "Sauerdorn" not in html(client, integration_page.url)


@pytest.mark.django_db
def test_a_draft_preview_is_never_stored_and_the_next_visitor_sees_the_live_version(client, site_pages):
    revised = site_pages["revised"]
    html(client, revised.url)
    client.force_login(get_user_model().objects.create_superuser("redaktion", "redaktion@dortmund.de", "kennwort-1234"))
    preview = client.get(f"/admin/pages/{revised.pk}/view_draft/")
    assert "Entwurfstitel Mirabelle" in preview.content.decode()
    assert "s-maxage" not in cache_control(preview)
    client.logout()
    live = client.get(revised.url)
    assert "Holunder im Quartier" in live.content.decode()
    assert "Mirabelle" not in live.content.decode()
    assert "s-maxage" in cache_control(live)


@pytest.mark.django_db
def test_the_address_box_never_shows_a_private_office(client, integration_page, mia_do_ki):
    inner = OfficePageFactory(parent=mia_do_ki, title="Vertrauliche Beratungsstelle Quitte", phone="0231 50-11111")
    naming = topic(integration_page, "Mispel", responsible_office=inner)
    assert "Vertrauliche Beratungsstelle Quitte" in html(client, naming.url)  # the control: a public office shows
    restrict(inner, PageViewRestriction.LOGIN)
    shown = html(client, naming.url)
    assert "Vertrauliche Beratungsstelle Quitte" not in shown and "0231 50-11111" not in shown
