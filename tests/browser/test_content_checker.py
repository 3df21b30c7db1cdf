"""Wagtail's content checker ("Prüfungen") in Chromium flags, in German, what the report "Inhalte prüfen" lists.

An old page, imported before teasers were required, has a teaser of 400 characters, a heading that skips
the level H2 and an image without alt text; an editor has started a draft that shortens the teaser. On the
published page the editor's userbar names all three problems; in the editor the checks of the preview name
the heading and the image (a preview of a page with a too long teaser is refused before it is rendered).

Everything the test writes is committed (see conftest.py) and deleted again afterwards, so that the pages the
other browser tests visit stay as the seed made them.
"""

import json

import pytest
from playwright.sync_api import expect

from .conftest import in_thread

pytestmark = pytest.mark.browser

EDITOR = {"username": "pruefung-redakteurin", "password": "Gruener-Baum-am-Westfalenpark-2027"}
PAGE_PATH = "/themen/integration/sprachcafes-in-der-nordstadt/"
LONG_TEASER = ("Sprachcafés in der Nordstadt laden zum Deutschsprechen ein. " * 7).strip()
HEADING_SKIPPED = "Überschriftenebene übersprungen"
IMAGE_WITHOUT_ALT = "Bild ohne Alternativtext"
CHECKER_TIMEOUT = 20_000


def create_old_page():
    from django.contrib.auth.models import Group, User
    from wagtail.models import Collection, Page

    from pages.models import TopicPage
    from pages.roles import EDITORS
    from tests.factories import PortalImageFactory, TopicPageFactory

    user = User.objects.create_user(**EDITOR, email="pruefung@dortmund.example")
    user.groups.add(Group.objects.get(name=EDITORS))
    image = PortalImageFactory(
        title="Sprachcafé im Dietrich-Keuning-Haus",
        description="",
        caption="",
        collection=Collection.get_first_root_node(),
    )
    parent = Page.objects.get(url_path__endswith="/themen/integration/").specific
    page = TopicPageFactory(
        parent=parent,
        title="Sprachcafés in der Nordstadt",
        slug="sprachcafes-in-der-nordstadt",
        search_description="Sprachcafés laden zum Deutschsprechen ein.",
    )
    page.body = json.dumps(
        [
            {"type": "text", "value": "<p>Jeden Dienstag treffen sich Menschen, die Deutsch üben.</p>"},
            {"type": "heading", "value": {"text": "Termine im Sommer", "level": "h3"}},
            {"type": "image", "value": {"image": image.pk, "caption": "Im Sprachcafé"}},
        ]
    )
    page.save_revision().publish()
    # The import wrote the long teaser past the form's validation; the editor's draft has the short one.
    TopicPage.objects.filter(pk=page.pk).update(search_description=LONG_TEASER)
    page.save_revision(user=user)
    return page.pk, image.pk


def editing_session_open():
    from wagtail.admin.models import EditingSession

    return EditingSession.objects.filter(user__username=EDITOR["username"]).exists()


def delete_old_page(page_id, image_id):
    from django.contrib.auth.models import User
    from wagtail.admin.models import EditingSession
    from wagtail.models import Page

    from pages.models import PortalImage

    EditingSession.objects.filter(user__username=EDITOR["username"]).delete()
    Page.objects.get(pk=page_id).delete()
    PortalImage.objects.filter(pk=image_id).delete()
    User.objects.filter(username=EDITOR["username"]).delete()


@pytest.fixture
def old_page(live_server):
    """The id of the old page, with an editor who may edit it."""
    page_id, image_id = in_thread(create_old_page)
    yield page_id
    in_thread(lambda: delete_old_page(page_id, image_id))


@pytest.fixture
def editor_page(browser, site):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=site, locale="de-DE")
    page = context.new_page()
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(EDITOR["username"])
    page.locator("input[name=password]").fill(EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    yield page
    context.close()


def test_the_userbar_on_the_published_page_names_teaser_heading_and_image(old_page, editor_page):
    page = editor_page
    page.goto(PAGE_PATH)
    userbar = page.locator("wagtail-userbar")
    userbar.locator("#wagtail-userbar-trigger").click()
    # The count appears once axe has run.
    expect(userbar.locator(".w-userbar-axe-count")).to_have_text("3", timeout=CHECKER_TIMEOUT)
    userbar.locator("#checker-trigger").click()

    results = userbar.locator("#checker-results")
    expect(results).to_contain_text(
        f"Teaser zu lang ({len(LONG_TEASER)} von höchstens 300 Zeichen)", timeout=CHECKER_TIMEOUT
    )
    expect(results).to_contain_text(HEADING_SKIPPED)
    expect(results).to_contain_text(IMAGE_WITHOUT_ALT)
    expect(results).to_contain_text("Beschreiben Sie das Bild in der Bildverwaltung")


def test_the_checks_in_the_editor_name_the_skipped_heading_and_the_image_without_alt_text(old_page, editor_page):
    page = editor_page
    page.goto(f"/admin/pages/{old_page}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator("[data-side-panel-toggle='checks']").click()

    issues = page.locator("[data-checks-panel]")
    expect(issues).to_contain_text(HEADING_SKIPPED, timeout=CHECKER_TIMEOUT)
    expect(issues).to_contain_text(IMAGE_WITHOUT_ALT)
    expect(issues).to_contain_text("Die erste Zwischenüberschrift ist eine H2")
    expect(page.locator("[data-side-panel='checks'] [data-content-checker-count]")).to_have_text("2")

    # The draft's teaser is short: the checks say nothing about it.
    expect(issues).not_to_contain_text("Teaser")

    # Leaving the edit view ends the editing session by a beacon, which Playwright does not track: wait until the
    # server has ended it before the fixture deletes the editor.
    page.goto("/")
    for _ in range(100):
        if not in_thread(editing_session_open):
            break
        page.wait_for_timeout(100)
