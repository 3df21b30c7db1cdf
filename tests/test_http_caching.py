"""HTTP caching: which pages a change purges, the headers that let Varnish keep a page, and the
content generation that lets each worker keep what every visitor sees alike."""

import datetime
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page, Site

from caching import purge_set
from caching.backends import ban_pattern
from caching.lifetime import shared_max_age
from caching.purging import to_urls
from pages.models import Location, SiteNotice, TopicPage
from tests.conftest import MIA_DO_KI_PATH, page_at
from tests.factories import OfficePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

SEED_TOPIC = "/themen/integration/masterplan-migration-integration/"
BERLIN = ZoneInfo("Europe/Berlin")


def live_site_pages():
    site = Site.objects.get(is_default_site=True)
    return [page.specific for page in Page.objects.live().descendant_of(site.root_page, inclusive=True)]


def path_of(page):
    return purge_set.path_of(page)


# --- purge sets, computed without HTTP ----------------------------------------------------------


def test_the_purge_set_of_an_office_is_every_page_whose_box_shows_it(mia_do_ki):
    expected = {page.pk for page in live_site_pages() if page.effective_office and page.effective_office.pk == mia_do_ki.pk}

    assert {page.pk for page in purge_set.pages_showing_office(mia_do_ki)} == expected
    assert page_at(SEED_TOPIC).pk in expected  # inherits the office from an ancestor
    paths = purge_set.for_office(mia_do_ki).paths
    assert {path_of(Page.objects.get(pk=pk)) for pk in expected} <= paths | purge_set.for_office(mia_do_ki).prefixes


def test_inheritance_stops_at_a_page_that_names_another_office(integration_page):
    first = OfficePageFactory(parent=page_at("/rathaus/"), title="Amt A")
    second = OfficePageFactory(parent=page_at("/rathaus/"), title="Amt B")
    naming_first = TopicPageFactory(parent=integration_page, title="Zuständig: A", responsible_office=first)
    inheriting_first = TopicPageFactory(parent=naming_first, title="Erbt A")
    naming_second = TopicPageFactory(parent=inheriting_first, title="Zuständig: B", responsible_office=second)
    inheriting_second = TopicPageFactory(parent=naming_second, title="Erbt B")

    showing_first = {page.pk for page in purge_set.pages_showing_office(first)}
    showing_second = {page.pk for page in purge_set.pages_showing_office(second)}

    assert showing_first == {first.pk, naming_first.pk, inheriting_first.pk}
    assert showing_second == {second.pk, naming_second.pk, inheriting_second.pk}
    for page in (naming_first, inheriting_first, naming_second, inheriting_second):
        fresh = Page.objects.get(pk=page.pk).specific
        assert (fresh.effective_office.pk in showing_first) == (fresh.pk in showing_first)


def test_the_purge_set_of_a_topic_page_is_what_lists_it_or_shows_its_title():
    page = page_at(SEED_TOPIC)
    purge = purge_set.for_page(page)

    parent = page.get_parent()
    topic_siblings = TopicPage.objects.live().sibling_of(page, inclusive=False)
    linking = [
        other
        for other in live_site_pages()
        if any(block.block_type == "page" and block.value["page"] and block.value["page"].pk == page.pk
               for block in getattr(other, "related_links", []))
    ]
    assert linking, "the seed content links to the Masterplan page from other pages"
    expected = {path_of(page), path_of(parent), "/themen-a-z/", "/sitemap.xml"}
    expected |= {path_of(sibling) for sibling in topic_siblings}
    expected |= {path_of(other) for other in linking}
    assert expected <= purge.paths
    assert path_of(page) in purge.prefixes  # breadcrumbs of its sub-pages
    assert "/api/" in purge.prefixes
    assert not purge.is_everything


def test_a_page_made_private_purges_what_links_to_it_or_shows_an_office_inside(mia_do_ki, integration_page):
    """Links to private pages and boxes of private offices disappear, so the pages showing them leave the cache."""
    page = page_at(SEED_TOPIC)
    linking = {path_of(other) for other in live_site_pages() if other.pk != page.pk and any(
        block.block_type == "page" and block.value["page"] and block.value["page"].pk == page.pk
        for block in getattr(other, "related_links", []))}  # fmt: skip
    purge = purge_set.for_view_restriction(page)
    assert linking and linking <= purge.paths
    assert path_of(page) in purge.prefixes

    inner_office = OfficePageFactory(parent=mia_do_ki, title="Beratungsstelle im Haus")
    naming_inner = TopicPageFactory(parent=integration_page, title="Beratung", responsible_office=inner_office)
    purge = purge_set.for_view_restriction(mia_do_ki)
    assert path_of(naming_inner) in purge.paths  # shows the inner office's box until it becomes private
    assert {path_of(shown) for shown in purge_set.pages_showing_office(mia_do_ki)} <= purge.paths


def test_a_page_in_the_main_navigation_purges_everything():
    assert purge_set.for_page(page_at("/themen/")).is_everything


def test_feeds_and_vcards_are_purged_with_their_page(mia_do_ki):
    office_path = path_of(mia_do_ki)
    assert office_path + "visitenkarte/" in purge_set.for_office(mia_do_ki).paths
    finder = page_at("/themen/integration/foerderprogramme/")
    program = finder.get_children().live().first()
    paths = purge_set.for_page(program).paths
    assert {path_of(finder), path_of(finder) + "kalender/", path_of(finder) + "json/"} <= paths


@override_settings(HTTP_CACHE_MAX_PURGE=3)
def test_a_purge_too_large_becomes_one_purge_of_everything():
    purge = purge_set.PurgeSet(paths={"/a/", "/b/", "/c/", "/d/"})
    assert to_urls(purge, "http://portal.test") == ["http://portal.test/*"]


def test_one_ban_pattern_covers_paths_with_any_query_and_whole_subtrees():
    pattern = re.compile(ban_pattern(["http://x/themen/a.b/", "http://x/rathaus/*", "http://x/stra%C3%9Fe/"]))
    assert pattern.match("/themen/a.b/")
    assert not pattern.match("/themen/aXb/")
    assert pattern.match("/rathaus/amt/unterseite/")
    assert pattern.match("/stra%C3%9Fe/")
    assert not pattern.match("/themen/a.b/mehr/")
    assert "\\" not in ban_pattern(["http://x/a-b_c/"])


# --- purging on publish, against a real HTTP server ---------------------------------------------


class BanRecorder(BaseHTTPRequestHandler):
    received = []

    def do_BAN(self):  # noqa: N802 - the HTTP method's name
        BanRecorder.received.append(self.headers["X-Ban-Path"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def ban_server(settings):
    BanRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), BanRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": f"http://127.0.0.1:{server.server_port}"}
    }
    yield BanRecorder.received
    server.shutdown()


def test_publishing_an_office_bans_every_page_showing_it_in_few_requests(mia_do_ki, ban_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mia_do_ki.phone = "0231 50-12345"
        mia_do_ki.save_revision().publish()

    showing = [path_of(page) for page in purge_set.pages_showing_office(mia_do_ki)]
    assert 1 <= len(ban_server) <= 5
    patterns = [re.compile(pattern) for pattern in ban_server]
    for path in showing:
        assert any(pattern.match(path) for pattern in patterns), path


def test_publishing_does_not_fail_when_the_cache_is_down(integration_page, settings, caplog, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": "http://127.0.0.1:9", "TIMEOUT": 1}
    }
    page = TopicPageFactory(parent=integration_page, title="Neu veröffentlicht")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert Page.objects.get(pk=page.pk).live
    assert any(record.name == "caching.purge" and record.levelname == "ERROR" for record in caplog.records)


# --- cache headers ------------------------------------------------------------------------------


def test_an_anonymous_page_may_be_kept_by_the_shared_cache_only(client):
    response = client.get(SEED_TOPIC)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control and "max-age=0" in cache_control


@pytest.mark.parametrize(
    "path",
    ["/suche/?q=Integration", "/barriere-melden/", "/admin/login/"],
)
def test_searches_forms_and_the_admin_are_never_shared(client, path):
    response = client.get(path)
    assert "s-maxage" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_logged_in_editor_never_gets_a_shareable_page(admin_client):
    response = admin_client.get(SEED_TOPIC)
    assert "private" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]


def test_a_missing_page_may_be_cached_until_it_is_published(client):
    response = client.get("/gibt-es-noch-nicht/")
    assert response.status_code == 404 and "s-maxage" in response["Cache-Control"]


def test_a_cached_page_expires_at_midnight_when_moves_and_deadlines_take_effect():
    with freeze_time(datetime.datetime(2026, 11, 23, 23, 59, 30, tzinfo=BERLIN)):
        assert shared_max_age() == 30
    with freeze_time(datetime.datetime(2026, 3, 28, 23, 0, tzinfo=BERLIN)):  # the night the clocks go forward
        assert shared_max_age() == 3600


@freeze_time(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN))  # far from midnight, which would cut first
def test_a_cached_page_expires_when_a_notice_starts():
    now = timezone.now()
    SiteNotice.objects.create(title="Geschlossen", text="Heute geschlossen.", starts=now + datetime.timedelta(minutes=5), ends=now + datetime.timedelta(days=1))
    assert 295 <= shared_max_age(now) <= 300


# --- the content generation ----------------------------------------------------------------------


def test_a_worker_keeps_what_every_visitor_sees_until_content_changes(client, django_assert_max_num_queries, mia_do_ki):
    client.get(SEED_TOPIC)
    with django_assert_max_num_queries(0):
        assert client.get(SEED_TOPIC).status_code == 200  # the same generation: nothing queried again

    location = Location.objects.filter(office_locations__office=mia_do_ki).first()
    location.street = "Neue Straße 1"
    location.save()

    assert "Neue Straße 1" in client.get(SEED_TOPIC).content.decode()


def test_a_published_title_shows_on_the_next_request(client):
    client.get(SEED_TOPIC)
    page = page_at(SEED_TOPIC)
    page.title = "Masterplan neu benannt"
    page.save_revision().publish()

    assert "Masterplan neu benannt" in client.get(SEED_TOPIC).content.decode()


def test_a_planned_move_shows_from_the_first_request_of_its_day(client, mia_do_ki):
    """The same worker, no publish in between: the new address from midnight on, and no cached copy outlives it."""
    office_location = mia_do_ki.office_locations.first()
    new_building = Location.objects.create(name="Neues Haus", street="Umzugsweg 7", postcode="44137")
    office_location.new_location = new_building
    office_location.moves_on = datetime.date(2026, 12, 1)
    office_location.save()

    old_street = office_location.location.street

    with freeze_time(datetime.datetime(2026, 11, 30, 23, 59, 50, tzinfo=BERLIN)):
        before = client.get(SEED_TOPIC)
        assert old_street in before.content.decode()
        assert "s-maxage=10" in before["Cache-Control"]
    with freeze_time(datetime.datetime(2026, 12, 1, 0, 0, 1, tzinfo=BERLIN)):
        after = client.get(SEED_TOPIC).content.decode()
    assert "Umzugsweg 7" in after
    assert old_street not in after
