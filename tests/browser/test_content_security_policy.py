"""The site's Content-Security-Policy in Chromium: nothing a citizen or an editor does trips it.

Every ``securitypolicyviolation`` event of any frame is reported to the test through a Playwright
binding (init scripts and bindings run outside the page's policy), together with console errors and
uncaught exceptions: a blocked script or style shows up here before a citizen notices it missing.
"""

import pytest
from wagtail.admin.models import EditingSession

from .conftest import in_thread, visit
from .pages import FEEDBACK_SUBMIT_LABEL, FEEDBACK_URL

pytestmark = pytest.mark.browser

TOPIC_PATH = "/themen/integration/masterplan-migration-integration/"
# One page of each kind a citizen meets; the admin test adds the preview of a topic page.
PUBLIC_URLS = [
    "/",
    TOPIC_PATH,
    "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
    "kommunales-integrationszentrum-dortmund-mia-do-ki/",
    "/themen/integration/foerderprogramme/?zielgruppe=vereine&status=moeglich",
    "/suche/?q=Integration",
    "/gebaerdensprache/",
]
EDITOR = {"username": "csp-redakteurin", "password": "Rotes-Haus-am-Phoenixsee-2027"}


@pytest.fixture
def watched_page(watched_pages):
    """A fresh page whose CSP violations and console errors are collected: ``page, problems``."""
    return watched_pages()


@pytest.fixture
def editor(live_server):
    """An editor of the group "Redaktion MIA-DO-KI" and the id of a topic page she may edit."""

    from django.contrib.auth.models import Group, User
    from wagtail.models import Page

    from pages.roles import EDITORS

    def create():
        user = User.objects.create_user(**EDITOR, email="redaktion@dortmund.example")
        user.groups.add(Group.objects.get(name=EDITORS))
        return Page.objects.get(url_path__endswith=TOPIC_PATH).pk

    yield in_thread(create)
    in_thread(lambda: User.objects.filter(username=EDITOR["username"]).delete())


@pytest.mark.parametrize("path", PUBLIC_URLS)
def test_public_page_runs_under_the_policy_without_violations(watched_page, path):
    page, problems = watched_page
    visit(page, path)
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").is_visible()
    problems.assert_none(path)


def test_feedback_form_with_errors_runs_under_the_policy(watched_page):
    page, problems = watched_page
    visit(page, FEEDBACK_URL)
    page.evaluate("document.querySelectorAll('form').forEach((form) => { form.noValidate = true; })")
    with page.expect_navigation():
        page.get_by_role("button", name=FEEDBACK_SUBMIT_LABEL).click()
    assert page.locator("[aria-invalid='true']").count() > 0
    problems.assert_none(f"{FEEDBACK_URL} (leer abgeschickt)")


def test_editor_works_in_the_admin_under_its_policy(watched_page, editor):
    page, problems = watched_page
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(EDITOR["username"])
    page.locator("input[name=password]").fill(EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert page.url.endswith("/admin/"), page.url
    problems.assert_none("Dashboard")

    page.goto(f"/admin/pages/{editor}/edit/")
    page.wait_for_load_state("networkidle")
    title = page.locator("#id_title")
    title.fill("")
    title.press_sequentially("Masterplan Migration und Integration – Vorschau")

    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    heading = preview.locator("main h1")
    heading.wait_for(timeout=10_000)
    assert heading.inner_text() == "Masterplan Migration und Integration – Vorschau"
    problems.assert_none("Bearbeiten mit Vorschau")

    page.locator("[data-side-panel-toggle='preview']").click()
    hero = page.locator("[data-contentpath='hero_image']")
    hero.locator("button[data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("heading", name="Bild auswählen").wait_for()
    modal.locator("a.image-choice, [data-chooser-modal-choice]").first.wait_for()
    modal.locator("button[data-dismiss='modal']").click()
    modal.wait_for(state="hidden")
    problems.assert_none("Bildauswahl")

    page.get_by_role("button", name="Seiten", exact=True).click()
    explorer = page.locator(".c-page-explorer")
    explorer.get_by_text("Unterseiten von ‚Integration‘ anzeigen").click()
    explorer.get_by_text("Masterplan Migration/Integration in Dortmund").first.wait_for()
    page.wait_for_load_state("networkidle")
    problems.assert_none("Seiten-Explorer")

    # Leaving the edit view ends the editing session by a beacon, which Playwright does not track: wait until the
    # server has ended it, while the live server may still use the database.
    page.goto("/")
    for _ in range(100):
        if not in_thread(lambda: EditingSession.objects.filter(user__username=EDITOR["username"]).exists()):
            break
        page.wait_for_timeout(100)
