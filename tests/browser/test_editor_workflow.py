"""An editor's new topic page goes through the workflow "Freigabe MIA-DO-KI" in Chromium, without a console error.

The editor ("Redaktion MIA-DO-KI") writes a topic page below "Integration" with a text, an image she uploads
with its credit, a PDF to download and a "Mehr zum Thema" entry, and submits it; the leadership ("Leitung
MIA-DO-KI") approves it with a comment, and only then does a citizen see it. Every browser context collects
CSP violations, console errors and uncaught exceptions (``Problems`` in conftest.py).

Wagtail autosaves the form after each change; a draft may be saved before its teaser and its "Mehr zum Thema"
entries are complete (``ContentPageForm`` defers those checks to submitting and publishing), so no autosave is
refused and Chromium logs no failed request.
"""

import re

import pytest
from playwright.sync_api import expect

from pages.blocks import BodyStreamBlock, DownloadStreamBlock, RelatedLinkStreamBlock
from pages.workflow import WORKFLOW_NAME

from .conftest import in_thread

pytestmark = pytest.mark.browser

EDITOR = {"username": "workflow-redakteurin", "password": "Sprachcafe-am-Nordmarkt-2027"}
APPROVER = {"username": "workflow-leiterin", "password": "Freigabe-im-Stadthaus-2027"}
PARENT_TITLE = "Integration"
TITLE = "Sprachcafés in Dortmund"
TEASER = "Wo Menschen in Dortmund im Gespräch Deutsch üben können, ohne Anmeldung und kostenlos."
INTRO = "In Sprachcafés treffen sich Menschen, die Deutsch lernen, mit Menschen, die Deutsch sprechen."
TEXT = "Jeden Dienstag um 16 Uhr im Dietrich-Keuning-Haus."
IMAGE = {
    "title": "Sprachcafé im Dietrich-Keuning-Haus",
    "description": "Sechs Menschen sitzen an einem Tisch mit Kaffeetassen und unterhalten sich.",
    "caption": "Gespräche beim Sprachcafé",
    "credit": "Erika Mustermann",
}
CREDIT_LINE = f"Bild (Bildlizenz/Fotograf/Grafiker): {IMAGE['credit']}"
DOCUMENT_TITLE = "Flyer Sprachcafé"
RELATED_TITLE = "Schwerpunkte der Arbeit"
APPROVAL_COMMENT = "Danke, die Seite kann so online gehen."

# The labels editors pick blocks by, read from the blocks so that a relabelled block does not break the test.
TEXT_BLOCK = BodyStreamBlock().child_blocks["text"].label
IMAGE_BLOCK = BodyStreamBlock().child_blocks["image"].label
DOWNLOAD_BLOCKS = DownloadStreamBlock().child_blocks
RELATED_PAGE_BLOCK = RelatedLinkStreamBlock().child_blocks["page"].label

# Set once Wagtail's unsaved-changes tracking has taken its snapshot of the form (2 s after it loads): changes
# before that would never be autosaved.
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => { window.wagtailWatchesEdits = true; });
"""
# Wagtail's German for "Submit to <workflow>" in the footer's action menu.
SUBMIT_LABEL = f"In {WORKFLOW_NAME} einreichen"
# A real PDF (the upload form checks the content, not only the name) of 0 KB, shown as "1 KB".
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def users(live_server):
    """An editor and an approver of the groups ``sync_groups()`` sets up; removed with all they made."""
    from django.contrib.auth.models import Group, User

    from pages.roles import EDITORS, LEADERSHIP

    def create():
        for account, group, email in [(EDITOR, EDITORS, "redaktion"), (APPROVER, LEADERSHIP, "leitung")]:
            user = User.objects.create_user(**account, email=f"{email}@dortmund.example")
            user.groups.add(Group.objects.get(name=group))

    in_thread(create)
    yield
    in_thread(remove_what_the_test_made)


def remove_what_the_test_made():
    """The page, the uploads and the users: the browser tests after this one see the seed content only."""
    from django.contrib.auth.models import User
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import ModelLogEntry, Page, PageLogEntry

    for page in Page.objects.filter(title=TITLE):
        page.delete()
    PageLogEntry.objects.filter(label=TITLE).delete()
    for model, title in [(get_image_model(), IMAGE["title"]), (get_document_model(), DOCUMENT_TITLE)]:
        for upload in model.objects.filter(title=title):
            upload.delete()
    ModelLogEntry.objects.filter(label__in=[IMAGE["title"], DOCUMENT_TITLE]).delete()
    User.objects.filter(username__in=[EDITOR["username"], APPROVER["username"]]).delete()


@pytest.fixture
def upload_files(tmp_path):
    """A small real photo (PNG) and PDF, as an editor has them on her computer."""
    from PIL import Image, ImageDraw

    image_path, pdf_path = tmp_path / "sprachcafe.png", tmp_path / "flyer-sprachcafe.pdf"
    image = Image.new("RGB", (640, 400), (32, 96, 160))
    ImageDraw.Draw(image).ellipse((220, 100, 420, 300), fill=(250, 200, 60))
    image.save(image_path)
    pdf_path.write_bytes(PDF)
    return image_path, pdf_path


def log_in(page, account):
    page.goto("/admin/login/")
    page.get_by_role("textbox", name=re.compile("^Benutzername")).fill(account["username"])
    # Wagtail's login form leaves its password field without a label of its own: Django shows "Password".
    page.get_by_role("textbox", name=re.compile("^Passw(ort|ord)")).fill(account["password"])
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    assert page.url.endswith("/admin/"), page.url


def add_block(field, label, only_block=False):
    """Appends a block to a StreamField; a field with one kind of block adds it without a menu."""
    field.get_by_role("button", name="Einen Block einfügen").last.click()
    if not only_block:
        field.page.get_by_role("option", name=label, exact=True).click()


def upload_in_chooser(page, fields, file):
    """Fills the "Hochladen" tab of the open chooser and uploads; the chooser closes with the upload chosen.

    ``fields`` maps the fields' labels (a pattern: required ones end in "*") to their values.
    """
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Hochladen").click()
    modal.get_by_label("Datei").set_input_files(file)
    for label, value in fields.items():
        modal.get_by_role("textbox", name=re.compile(label)).fill(value)
    modal.get_by_role("button", name="Hochladen").click()
    modal.wait_for(state="hidden")


class Autosaves:
    """Counts Wagtail's autosave requests (background POSTs of the editor form that ask for JSON) still under way."""

    def __init__(self, page):
        self.under_way = set()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    @staticmethod
    def _is_autosave(request):
        return request.method == "POST" and request.headers.get("accept") == "application/json"

    def _started(self, request):
        if self._is_autosave(request):
            self.under_way.add(request)

    def _ended(self, request):
        self.under_way.discard(request)

    def wait_until_idle(self, page):
        """Until no autosave is under way and the indicator no longer says "Wird gespeichert"."""
        indicator = page.locator("#w-autosave-indicator")
        for _ in range(300):
            if not self.under_way and indicator.get_attribute("data-w-autosave-state-value") != "saving":
                return
            page.wait_for_timeout(100)
        raise AssertionError("Das automatische Speichern wurde nicht fertig.")


def write_and_submit(page, autosaves, image_path, pdf_path):
    """The editor adds a topic page below "Integration" through the page explorer and submits it."""
    page.get_by_role("link", name=f"Unterseiten von ‚{PARENT_TITLE}‘ durchsehen").click()
    page.get_by_role("link", name="Unterseite hinzufügen", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Themenseite", exact=True).click()
    page.wait_for_function("() => window.wagtailWatchesEdits === true")

    page.get_by_role("textbox", name="Titel*", exact=True).press_sequentially(TITLE)
    page.keyboard.press("Tab")  # leaving the title fills the page's address (slug)
    page.get_by_role("textbox", name="Teaser*", exact=True).fill(TEASER)
    page.get_by_role("textbox", name="Einleitung", exact=True).fill(INTRO)

    body = page.locator("[data-contentpath='body']")
    add_block(body, TEXT_BLOCK)
    body.get_by_role("textbox").last.click()
    page.keyboard.type(TEXT)
    add_block(body, IMAGE_BLOCK)
    body.get_by_role("button", name="Bild auswählen").click()
    upload_in_chooser(
        page,
        {
            r"^Titel\*?$": IMAGE["title"],
            r"^(Beschreibung|Alternativtext)\*?$": IMAGE["description"],
            r"^Bildunterschrift$": IMAGE["caption"],
            r"^Bildnachweis$": IMAGE["credit"],
        },
        image_path,
    )
    expect(body.get_by_text(IMAGE["title"])).to_be_visible()

    downloads = page.locator("[data-contentpath='downloads']")
    add_block(downloads, DOWNLOAD_BLOCKS["document"].label, only_block=len(DOWNLOAD_BLOCKS) == 1)
    downloads.get_by_role("button", name="Dokument auswählen").click()
    upload_in_chooser(page, {r"^Titel\*?$": DOCUMENT_TITLE}, pdf_path)
    expect(downloads.get_by_text(DOCUMENT_TITLE)).to_be_visible()

    related = page.locator("[data-contentpath='related_links']")
    add_block(related, RELATED_PAGE_BLOCK)
    related.get_by_role("button", name="Seite auswählen").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_placeholder("Suchen…").fill(RELATED_TITLE)
    chooser.get_by_role("link", name=RELATED_TITLE, exact=True).click()
    chooser.wait_for(state="hidden")
    expect(related.get_by_text(RELATED_TITLE)).to_be_visible()
    # The first autosave created the page: the form now posts to its edit view, so submitting cannot create it
    # twice. An autosave still under way when the form is submitted would be cut off: wait for it.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    autosaves.wait_until_idle(page)

    page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        page.get_by_role("button", name=SUBMIT_LABEL).click()
    expect(page.get_by_role("status").filter(has_text="Moderation")).to_contain_text(
        f"Seite ‚{TITLE}‘ wurde zur Moderation eingereicht."
    )


def approve(page):
    """The approver finds the page on her dashboard, opens it and approves it with a comment."""
    awaiting = page.locator("section").filter(has=page.get_by_role("heading", name="Ihre Überprüfung steht aus"))
    with page.expect_navigation():
        awaiting.get_by_role("link", name=TITLE, exact=True).click()
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Mit Kommentar freigeben und veröffentlichen").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_label("Kommentar").fill(APPROVAL_COMMENT)
    with page.expect_navigation():
        modal.get_by_role("button", name="Mit Kommentar freigeben").click()
    expect(page.get_by_role("status").filter(has_text=TITLE)).to_contain_text(f"Seite ‚{TITLE}‘ wurde aktualisiert.")


def test_editor_submits_a_topic_page_and_the_leadership_approves_it(users, watched_pages, upload_files):
    image_path, pdf_path = upload_files
    editor_page, editor_problems = watched_pages()
    editor_page.context.add_init_script(WATCH_EDITS)
    citizen_page, citizen_problems = watched_pages()

    log_in(editor_page, EDITOR)
    editor_page.goto("/admin/pages/")
    write_and_submit(editor_page, Autosaves(editor_page), image_path, pdf_path)
    row = editor_page.get_by_role("row").filter(has=editor_page.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text(re.compile("In Moderation", re.IGNORECASE))
    expect(row).not_to_contain_text(re.compile("Veröffentlicht", re.IGNORECASE))
    citizen_page.goto("/themen/integration/")
    expect(citizen_page.get_by_role("region", name="Unterthemen")).not_to_contain_text(TITLE)

    approver_page, approver_problems = watched_pages()
    log_in(approver_page, APPROVER)
    approve(approver_page)
    row = approver_page.get_by_role("row").filter(has=approver_page.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text(re.compile("Veröffentlicht", re.IGNORECASE))

    citizen_page.goto("/themen/integration/")
    with citizen_page.expect_navigation():
        citizen_page.get_by_role("region", name="Unterthemen").get_by_role("link", name=TITLE, exact=True).click()
    main = citizen_page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(TITLE)
    figure = main.locator("figure").filter(has_text=IMAGE["caption"])
    expect(figure).to_contain_text(CREDIT_LINE)
    image = figure.get_by_role("img", name=IMAGE["description"])
    expect(image).to_be_visible()
    citizen_page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    downloads = main.get_by_role("region", name="Downloads")
    expect(downloads.get_by_role("link", name=f"{DOCUMENT_TITLE}, 1 KB, PDF", exact=True)).to_be_visible()
    related = citizen_page.get_by_role("region", name="Mehr zum Thema")
    expect(related.get_by_role("link", name=RELATED_TITLE, exact=True)).to_be_visible()

    editor_problems.assert_none("Redaktion")
    approver_problems.assert_none("Freigabe")
    citizen_problems.assert_none("Besucherin")
