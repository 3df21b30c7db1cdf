"""The project's structure: complete migrations, page-tree rules, German admin."""

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pages.models import CommitteePage, HomePage, OfficePage, StandardPage, TopicPage


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


class TestPageTree(WagtailPageTestCase):
    def test_allowed_parents(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(TopicPage, {HomePage, TopicPage})
        self.assertAllowedParentPageTypes(OfficePage, {TopicPage, OfficePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage})

    def test_allowed_children(self):
        self.assertAllowedSubpageTypes(StandardPage, set())
        self.assertAllowedSubpageTypes(OfficePage, {OfficePage})
        self.assertAllowedSubpageTypes(CommitteePage, set())
        self.assertAllowedParentPageTypes(CommitteePage, {TopicPage})


@pytest.mark.django_db
def test_admin_speaks_german_and_shows_teaser_and_related_link_errors(admin_client, integration_page):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    page = integration_page
    url = f"/admin/pages/{page.pk}/edit/"
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="de"' in html
    assert "Teaser" in html and "Mehr zum Thema" in html

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "search_description": "",
            "short_title": "",
            "intro": page.intro,
            "body": streamfield([("text", rich_text("<p>Ein Absatz.</p>"))]),
            "downloads": streamfield([]),
            "related_links": streamfield([("page", {"page": page.pk, "teaser": ""})]),
        }
    )
    response = admin_client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte geben Sie einen Teaser ein" in html
    assert "Eine Seite kann nicht auf sich selbst verweisen." in html
    page.refresh_from_db()
    assert page.search_description


@pytest.mark.django_db
def test_the_editor_reads_the_portals_corrections_of_wagtails_german(admin_client, integration_page):
    """locale/de: Wagtail's own catalog says "seite-Objekt" and misspells "Kommentarbenachichtigungen"."""
    html = admin_client.get(f"/admin/pages/{integration_page.pk}/edit/").content.decode()
    assert "Nicht gesperrt: Alle mit Bearbeitungsrecht können den Inhalt ändern" in html
    assert "Kommentarbenachrichtigungen" in html
    assert "-Objekt" not in html and "Kommentarbenachichtigungen" not in html
    assert "Wählen Sie, wann diese Seite online gehen und wann sie ablaufen soll" in html


@pytest.mark.django_db
def test_a_draft_may_be_saved_before_its_teaser_and_related_page_are_chosen(admin_client, integration_page):
    """Wagtail saves drafts (and autosaves while typing) with required fields still empty; publishing needs them."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    page = integration_page
    url = f"/admin/pages/{page.pk}/edit/"
    teaser = page.search_description
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "search_description": "",
            "short_title": "",
            "intro": "Noch in Arbeit.",
            "body": streamfield([("text", rich_text("<p>Ein Absatz.</p>"))]),
            "downloads": streamfield([]),
            "related_links": streamfield([("page", {"page": "", "teaser": ""})]),
        }
    )
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.intro == "Noch in Arbeit." and draft.search_description == ""
    assert page.search_description == teaser  # the live page keeps its teaser

    response = admin_client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte geben Sie einen Teaser ein" in html
    # The entry of "Mehr zum Thema" without a page (block errors travel as JSON to the editor's script).
    assert "Dieses Feld muss ausgef\\u00fcllt werden." in html or "Dieses Feld muss ausgefüllt werden." in html
    assert "related_links" in response.context["form"].errors
    page.refresh_from_db()
    assert page.search_description == teaser and page.intro != "Noch in Arbeit."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/themen/integration/masterplan-migration-integration/",
        "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
        "kommunales-integrationszentrum-dortmund-mia-do-ki/",
        "/impressum/",
        "/themen/integration/gremien/rat-der-muslimischen-gemeinden/",
    ],
)
def test_every_page_type_opens_in_the_admin_editor(admin_client, path):
    from tests.conftest import page_at

    page = page_at(path)
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Teaser" in response.content.decode()


@pytest.mark.django_db
def test_office_staff_find_locations_as_snippets_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/pages/location/")
    assert response.status_code == 200
    assert "Südwall 21 - 23" in response.content.decode()


def test_the_compiled_catalog_matches_its_source():
    """locale/de/LC_MESSAGES/django.mo is committed; it must say what django.po says (msgfmt after each change)."""
    import gettext
    import json
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "locale" / "de" / "LC_MESSAGES"
    source = (folder / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid (".+")\nmsgstr (".*")$', source, re.MULTILINE)
    assert len(pairs) >= 10
    with (folder / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    for msgid, msgstr in pairs:
        assert catalog.gettext(json.loads(msgid)) == json.loads(msgstr)
