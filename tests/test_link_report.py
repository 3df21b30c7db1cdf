"""The report "Verweise prüfen" and the external link checker, against a local HTTP server, never the internet."""

import csv
import io
import threading
import time
from datetime import datetime, timezone as dt_timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction

from linkcheck.collect import find_problems
from linkcheck.models import ExternalLinkCheck
from linkcheck.problems import Kind
from pages.roles import EDITORS, OFFICE_STAFF
from tests.conftest import page_at
from tests.factories import CommitteePageFactory, OfficePageFactory, TopicPageFactory, make_document, user_in

REDIRECTED_PATH = "/themen/integration/staedtekooperation-integration.interkommunal/"
OLD_DORTMUND_URL = "https://www.dortmund.de/de/leben_in_dortmund/internationales/miado/aufgabenziele/index.html"
CHECK_DAY = datetime(2026, 11, 24, 9, 30, tzinfo=dt_timezone.utc)
AMT = "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"


class LinkServer(ThreadingHTTPServer):
    """Answers by path, and counts the requests it handles at the same time."""

    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), LinkHandler)
        self.lock = threading.Lock()
        self.active = self.most_active = 0
        self.requests = []
        self.release = threading.Event()

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class LinkHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)

    def answer(self, with_body):
        server = self.server
        with server.lock:
            server.requests.append((self.command, self.path, self.headers.get("User-Agent")))
            server.active += 1
            server.most_active = max(server.most_active, server.active)
        try:
            status, headers = self.route()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            body = b"Antwort" if with_body else b""
            self.send_header("Content-Length", str(len(b"Antwort")))
            self.end_headers()
            if with_body:
                self.wfile.write(body)
        finally:
            with server.lock:
                server.active -= 1

    def route(self):
        path = self.path
        if path == "/slow":
            self.server.release.wait(5)  # far longer than the checker's timeout
            return 200, {}
        if path.startswith("/wait/"):
            time.sleep(0.15)
            return 200, {}
        if path == "/no-head" and self.command == "HEAD":
            return 405, {"Allow": "GET"}
        return {
            "/ok": (200, {}),
            "/no-head": (200, {}),
            "/missing": (404, {}),
            "/broken": (500, {}),
            "/moved": (301, {"Location": "/new-place"}),
        }.get(path, (404, {}))


@pytest.fixture
def link_server(settings):
    # The seed content links to www.dortmund.de: a test run asks the local server only, never the internet.
    settings.LINKCHECK_ONLY_HOSTS = ["127.0.0.1"]
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = True
    server = LinkServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def related(*entries):
    """Raw "Mehr zum Thema" data: page ids and external addresses."""
    blocks = []
    for entry in entries:
        if isinstance(entry, int):
            blocks.append({"type": "page", "value": {"page": entry, "teaser": ""}})
        else:
            value = {"title": "Weitere Informationen", "teaser": "Ein Angebot.", "url": entry}
            blocks.append({"type": "external", "value": value})
    return blocks


def text(html):
    return [{"type": "text", "value": html}]


def save_as_old_content(page):
    """Stores a page's current fields as live content without the checks of today's form, as older content was."""
    page.save(clean=False)


def publish(page):
    page.save_revision().publish()


def rows_of(page, problems=None):
    problems = find_problems() if problems is None else problems
    return {(row.place, row.target, row.problem) for row in problems if row.page_id == page.pk}


@pytest.fixture
def broken_world(integration_page, link_server):
    """A topic page with every kind of broken link, one healthy link of each sort, and the targets it needs."""
    healthy = TopicPageFactory(parent=integration_page, title="Sprachkurse für Erwachsene")
    unpublished = TopicPageFactory(parent=integration_page, title="Sprach-Cafés im Quartier")
    deleted = TopicPageFactory(parent=integration_page, title="Willkommensklassen")
    private = TopicPageFactory(parent=integration_page, title="Interne Arbeitshilfen")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    document = make_document(title="Merkblatt Einbürgerung")

    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(
        healthy.pk, unpublished.pk, deleted.pk, private.pk,
        link_server.url("/ok"), link_server.url("/missing"), link_server.url("/broken"),
        link_server.url("/slow"), link_server.url("/moved"), link_server.url("/no-head"),
        REDIRECTED_PATH,
    )
    page.body = text(
        f'<p>Siehe <a linktype="page" id="{healthy.pk}">Sprachkurse</a>, '
        f'<a linktype="page" id="{unpublished.pk}">Sprach-Cafés</a>, '
        f'<a href="{OLD_DORTMUND_URL}">die alte Seite</a> und '
        f'<a linktype="document" id="{document.pk}">das Merkblatt</a>.</p>'
    )
    publish(page)
    # What breaks links in real life: a target taken offline, deleted; a file deleted.
    unpublished.unpublish()
    deleted.delete()
    document_id = document.pk
    document.delete()
    call_command("check_external_links", "--timeout", "0.5", "--concurrency", "4", stdout=io.StringIO())
    ExternalLinkCheck.objects.update(checked_at=CHECK_DAY)
    return {
        "page": page, "healthy": healthy, "deleted_id": deleted.pk, "document_id": document_id, "server": link_server,
    }


@pytest.mark.django_db
def test_the_link_report_finds_each_kind_of_broken_link(broken_world):
    page, server = broken_world["page"], broken_world["server"]

    assert rows_of(page) == {
        ("Mehr zum Thema", "Sprach-Cafés im Quartier", "Ziel nicht veröffentlicht"),
        ("Mehr zum Thema", f"gelöschte Seite (ID {broken_world['deleted_id']})", "Ziel gelöscht"),
        ("Mehr zum Thema", "Interne Arbeitshilfen", "Ziel nicht öffentlich"),
        ("Mehr zum Thema", server.url("/missing"), "Fehler 404"),
        ("Mehr zum Thema", server.url("/broken"), "Fehler 500"),
        ("Mehr zum Thema", server.url("/slow"), "Nicht erreichbar"),
        ("Mehr zum Thema", server.url("/moved"), "Ziel weitergeleitet"),
        ("Mehr zum Thema", REDIRECTED_PATH, "Ziel weitergeleitet"),
        ("Inhalt", "Sprach-Cafés im Quartier", "Ziel nicht veröffentlicht"),
        ("Inhalt", OLD_DORTMUND_URL, "Ziel weitergeleitet"),
        ("Inhalt", f"gelöschtes Dokument (ID {broken_world['document_id']})", "Ziel gelöscht"),
    }
    details = {row.target: row.detail for row in find_problems() if row.page_id == page.pk}
    assert details[server.url("/moved")] == f"leitet weiter auf {server.url('/new-place')}"
    city_cooperation = page_at("/themen/integration/staedtekooperation-integration-interkommunal/")
    assert details[REDIRECTED_PATH] == f"leitet weiter auf „{city_cooperation.title}“"
    assert details[OLD_DORTMUND_URL] == "leitet weiter auf „Schwerpunkte der Arbeit“"


@pytest.mark.django_db
def test_self_links_duplicates_and_an_empty_related_list_are_found(integration_page):
    other = TopicPageFactory(parent=integration_page, title="Sprachkurse für Erwachsene")
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(page.pk, other.pk, other.pk)
    page.body = text(f'<p>Mehr <a linktype="page" id="{page.pk}">auf dieser Seite</a>.</p>')
    save_as_old_content(page)
    committee = CommitteePageFactory(parent=page_at("/themen/integration/gremien/"), title="Arbeitskreis Sprache")

    problems = find_problems()

    assert rows_of(page, problems) == {
        ("Mehr zum Thema", "Beratung für Neuzugewanderte", "Seite verweist auf sich selbst"),
        ("Mehr zum Thema", "Sprachkurse für Erwachsene", "Doppelter Eintrag"),
        ("Inhalt", "Beratung für Neuzugewanderte", "Seite verweist auf sich selbst"),
    }
    assert rows_of(committee, problems) == {("Mehr zum Thema", "", "Mehr zum Thema ist leer")}
    # A topic page that lists its child topics is an overview and needs no "Mehr zum Thema".
    assert rows_of(integration_page, problems) == set()


@pytest.mark.django_db
def test_only_the_published_state_is_checked(integration_page):
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(999_999)
    page.save_revision(clean=False)  # a draft with a link to a page that does not exist
    draft_only = TopicPageFactory(parent=integration_page, title="Entwurf", live=False)
    draft_only.related_links = related(999_999)
    save_as_old_content(draft_only)

    problems = find_problems()

    assert rows_of(page, problems) == {("Mehr zum Thema", "", "Mehr zum Thema ist leer")}
    assert rows_of(draft_only, problems) == set()


@pytest.mark.django_db
def test_the_seed_content_has_no_broken_internal_link():
    problems = find_problems()

    assert {row.kind for row in problems} <= {Kind.EMPTY}
    assert {row.page_title for row in problems} == {
        "Masterplanprozess ab 2005",
        "Schwerpunkte der Arbeit",
        "Integrationsrat",
        "Rat der muslimischen Gemeinden",
        "Sprachförderung – Vernetzungstreffen",
    }


# --- the external link checker ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_checker_records_status_redirects_and_timeouts_quickly(integration_page, link_server):
    paths = ["/ok", "/missing", "/broken", "/moved", "/slow", "/no-head"]
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(*(link_server.url(path) for path in paths))
    publish(page)
    out = io.StringIO()

    started = time.monotonic()
    call_command("check_external_links", "--timeout", "0.5", stdout=out)

    assert time.monotonic() - started < 3
    checks = {check.url: check for check in ExternalLinkCheck.objects.all()}
    assert {path: checks[link_server.url(path)].status_code for path in paths} == {
        "/ok": 200, "/missing": 404, "/broken": 500, "/moved": 301, "/slow": None, "/no-head": 200,
    }
    assert checks[link_server.url("/moved")].redirect_to == link_server.url("/new-place")
    assert checks[link_server.url("/slow")].error == "Keine Antwort innerhalb von 0,5 Sekunden"
    asked = [(method, path) for method, path, _ in link_server.requests]
    assert ("GET", "/no-head") in asked and ("GET", "/ok") not in asked and ("GET", "/moved") not in asked
    assert all("Integrationsportal-Dortmund-Linkpruefung" in agent for _, _, agent in link_server.requests)
    summary = out.getvalue()
    assert "6 Adressen" in summary and "2 in Ordnung, 1 weitergeleitet, 2 mit Fehler, 1 nicht erreichbar" in summary


@pytest.mark.django_db
def test_the_checker_never_asks_more_addresses_at_once_than_allowed(integration_page, link_server):
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(*(link_server.url(f"/wait/{number}") for number in range(12)))
    publish(page)

    call_command("check_external_links", "--concurrency", "3", stdout=io.StringIO())

    assert len(link_server.requests) == 12
    assert 2 <= link_server.most_active <= 3
    assert set(ExternalLinkCheck.objects.values_list("status_code", flat=True)) == {200}


@pytest.mark.django_db
def test_a_run_stops_at_its_time_limit_and_the_next_run_resumes(integration_page, link_server):
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(link_server.url("/slow"), *(link_server.url(f"/wait/{number}") for number in range(4)))
    publish(page)
    out = io.StringIO()

    started = time.monotonic()
    call_command("check_external_links", "--concurrency", "1", "--timeout", "2", "--time-limit", "0.5", stdout=out)

    assert time.monotonic() - started < 1.5
    assert "wegen der Zeitgrenze nicht geprüft" in out.getvalue()
    checked = ExternalLinkCheck.objects.count()
    assert checked < 5
    link_server.release.set()
    call_command("check_external_links", "--max-age", "24", stdout=io.StringIO())
    assert ExternalLinkCheck.objects.count() == 5


@pytest.mark.django_db
def test_addresses_in_the_internal_network_are_not_asked(integration_page, link_server, settings):
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = False
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(link_server.url("/ok"))
    publish(page)

    call_command("check_external_links", stdout=io.StringIO())

    assert link_server.requests == []
    check = ExternalLinkCheck.objects.get()
    assert check.status_code is None and check.error == "Adresse im internen Netz, von außen nicht erreichbar"


@pytest.mark.django_db
def test_checks_of_addresses_no_page_links_to_any_more_are_dropped(integration_page, link_server):
    page = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    page.related_links = related(link_server.url("/missing"))
    publish(page)
    call_command("check_external_links", stdout=io.StringIO())
    page.related_links = related(link_server.url("/ok"))
    publish(page)

    call_command("check_external_links", stdout=io.StringIO())

    assert list(ExternalLinkCheck.objects.values_list("url", "status_code")) == [(link_server.url("/ok"), 200)]


# --- the admin report --------------------------------------------------------------------------------------



@pytest.mark.django_db
def test_the_report_shows_problems_with_edit_links_and_the_date_of_the_check(admin_client, broken_world):
    page, server = broken_world["page"], broken_world["server"]

    response = admin_client.get(reverse("linkcheck_report"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Verweise prüfen" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "Fehler 404: Seite nicht gefunden" in html and "geprüft am 24. November 2026" in html
    assert "Externe Links wurden zuletzt am 24. November 2026 geprüft." in html
    assert server.url("/ok") not in html and server.url("/no-head") not in html


@pytest.mark.django_db
def test_the_report_filters_by_problem_and_exports_a_spreadsheet(admin_client, broken_world):
    server = broken_world["server"]

    filtered = admin_client.get(reverse("linkcheck_report"), {"problem": "error"}).content.decode()
    exported = admin_client.get(reverse("linkcheck_report"), {"problem": "error", "export": "csv"})
    spreadsheet = admin_client.get(reverse("linkcheck_report"), {"export": "xlsx"})
    invalid = admin_client.get(reverse("linkcheck_report"), {"problem": "kaputt"})

    assert server.url("/missing") in filtered and server.url("/broken") in filtered
    assert "Ziel gelöscht" not in filtered.split("Filtern nach")[-1].split("</select>")[-1]
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert rows[0] == ["Seite", "Stelle", "Ziel", "Problem", "Einzelheiten", "Geprüft am"]
    assert sorted(row[3] for row in rows[1:]) == ["Fehler 404", "Fehler 500"]
    assert rows[1][5] == "2026-11-24"
    assert spreadsheet.status_code == 200 and spreadsheet["Content-Type"].startswith("application/vnd.openxmlformats")
    assert invalid.status_code == 200


@pytest.mark.django_db
def test_editors_see_the_rows_of_pages_they_can_edit(client, integration_page):
    office = OfficePageFactory(parent=page_at(AMT), title="Bürgerdienste International")
    office.related_links = related(999_999)
    save_as_old_content(office)
    topic = TopicPageFactory(parent=integration_page, title="Beratung für Neuzugewanderte")
    topic.related_links = related(999_998)
    save_as_old_content(topic)

    editor_html = user_in(EDITORS, client).get(reverse("linkcheck_report")).content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    staff_html = user_in(OFFICE_STAFF, client).get(reverse("linkcheck_report")).content.decode()

    assert "gelöschte Seite (ID 999998)" in editor_html and "gelöschte Seite (ID 999999)" not in editor_html
    assert "gelöschte Seite (ID 999999)" in staff_html and "gelöschte Seite (ID 999998)" not in staff_html
    assert "verweise-pruefen" in menu


@pytest.mark.django_db
def test_the_report_needs_the_same_queries_for_many_pages_as_for_one(
    admin_client, integration_page, django_assert_max_num_queries
):
    target = TopicPageFactory(parent=integration_page, title="Sprach-Cafés im Quartier")

    def add_pages(start, count):
        for number in range(start, start + count):
            page = TopicPageFactory(parent=integration_page, title=f"Beratung {number}")
            page.related_links = related(target.pk, 900_000 + number, f"https://beispiel.invalid/{number}")
            page.body = text(
                f'<p><a linktype="page" id="{target.pk}">Sprach-Cafés</a> <a href="/seite-{number}/">alt</a></p>'
            )
            save_as_old_content(page)

    def report_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse("linkcheck_report")).status_code == 200
        return len(queries)

    add_pages(0, 1)
    target.unpublish()
    report_queries()  # warms the caches of content types and sites
    with_one = report_queries()
    add_pages(1, 40)

    with django_assert_max_num_queries(with_one):
        response = admin_client.get(reverse("linkcheck_report"), {"export": "csv"})
        assert len(list(response.streaming_content)) > 80
    with django_assert_max_num_queries(with_one):
        assert admin_client.get(reverse("linkcheck_report"), {"p": 2}).status_code == 200
