"""An editor who types an address, phone number or opening hours into a text is warned: the office box shows them."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import HomePage, TopicPage
from quality.office_data import find_office_data
from tests.conftest import page_at

TOPIC = "/themen/integration/schwerpunkte-der-arbeit/"


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("Sie finden uns am Südwall 21 - 23, 44137 Dortmund.", "Anschrift", "Südwall 21 - 23"),
        ("Sie finden uns am Südwall 21 - 23, 44137 Dortmund.", "Anschrift", "44137 Dortmund"),
        ("Das Büro liegt in der Betenstraße 19.", "Anschrift", "Betenstraße 19"),
        ("Eingang Hoher Wall 9, erster Stock", "Anschrift", "Hoher Wall 9"),
        ("Telefon: 0231 50-12345", "Telefonnummer", "0231 50-12345"),
        ("Rufen Sie an unter (0231) 50 12 345.", "Telefonnummer", "(0231) 50 12 345"),
        ("Aus dem Ausland: +49 231 50-12345", "Telefonnummer", "+49 231 50-12345"),
        ("Schreiben Sie an mia-do-ki@dortmund.de.", "E-Mail-Adresse", "mia-do-ki@dortmund.de"),
        ("Geöffnet Mo–Fr 8–12 Uhr", "Öffnungszeiten", "Mo–Fr 8–12 Uhr"),
        ("Montag bis Freitag von 8:00 bis 12:00 Uhr", "Öffnungszeiten", "Montag bis Freitag von 8:00 bis 12:00 Uhr"),
        ("<p>Unsere <b>Öffnungszeiten</b>: nach Vereinbarung</p>", "Öffnungszeiten", "Öffnungszeiten"),
        ("<p>Tel.&nbsp;0231&nbsp;50-12345</p>", "Telefonnummer", "0231 50-12345"),
    ],
)
def test_office_data_is_recognised_in_german_texts(text, kind, found):
    assert (kind, found) in [(match.kind, match.text) for match in find_office_data(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Erste Periode von 2006-2010: Aufbau der Strukturen",
        "Der Integrationsrat 2020 hat 33 Mitglieder.",
        "Am 30. Januar 2025 eröffnete die Ausstellung um 16 Uhr.",
        "Die Sitzung am Freitag, 30. Januar 2025, dauert 16–19 Uhr.",
        "Das Projekt hat den Platz 1 belegt und rund 12000 Euro erhalten.",
        "Nach § 27 GO NRW wählen 2.000 Menschen.",
        "Im Jahr 2023 wurden 231 Projekte gefördert.",
        "Kontakt zum Verein: info@nachbarschaft-example.org",
        "Die Vorwahl 02314 gehört nicht zu Dortmund.",
    ],
)
def test_ordinary_sentences_are_no_office_data(text):
    assert find_office_data(text) == []


def topic_form(page, body_html, title=None):
    return nested_form_data(
        {
            "title": title or page.title,
            "slug": page.slug,
            "search_description": page.search_description,
            "short_title": page.short_title,
            "intro": page.intro,
            "body": streamfield([("text", rich_text(body_html))]),
            "downloads": streamfield([]),
            "related_links": streamfield([]),
        }
    )


def save_draft(client, page, body_html):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), topic_form(page, body_html), follow=True)


@pytest.mark.django_db
def test_saving_a_phone_number_and_opening_hours_in_the_text_warns_and_still_saves(admin_client):
    page = page_at(TOPIC)
    body = "<p>Rufen Sie uns an: 0231 50-12345. Wir sind Mo–Fr 8–12 Uhr für Sie da.</p>"

    response = save_draft(admin_client, page, body)

    html = response.content.decode()
    assert "Im Text stehen Kontaktdaten: Telefonnummer „0231 50-12345“ und Öffnungszeiten „Mo–Fr 8–12 Uhr“" in html
    assert (
        "Der Kasten „Anschrift und Erreichbarkeit“ zeigt die Kontaktdaten der Stelle "
        "„Kommunales Integrationszentrum Dortmund (MIA-DO-KI)“ bereits" in html
    )
    # A warning, not an error: the draft is saved with the text as typed.
    draft = page_at(TOPIC).get_latest_revision_as_object()
    assert "0231 50-12345" in str(draft.body)


@pytest.mark.django_db
def test_an_editor_who_submitted_the_page_is_not_told_to_change_what_she_cannot_edit(client):
    from pages.roles import EDITORS
    from tests.factories import user_in

    user_in(EDITORS, client)
    page = page_at(TOPIC)
    form = {**topic_form(page, "<p>Rufen Sie uns an: 0231 50-12345.</p>"), "action-submit": "1"}

    html = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form, follow=True).content.decode()

    assert "Im Text stehen Kontaktdaten: Telefonnummer „0231 50-12345“" in html
    assert "Die Seite wartet jetzt auf die Freigabe" in html
    assert "Bitte streichen Sie sie aus dem Text" not in html


@pytest.mark.django_db
def test_a_new_page_with_the_office_address_in_its_text_warns(admin_client, integration_page):
    page = TopicPage(title="Sprachcafés in der Nordstadt", slug="sprachcafes", search_description="Treffpunkte.")
    url = reverse("wagtailadmin_pages:add", args=["pages", "topicpage", integration_page.pk])
    form = topic_form(page, "<p>Treffpunkt: Südwall 21 - 23, 44137 Dortmund</p>")

    response = admin_client.post(url, form, follow=True)

    html = response.content.decode()
    assert "Anschrift „Südwall 21 - 23“ und Anschrift „44137 Dortmund“" in html
    assert TopicPage.objects.filter(slug="sprachcafes").exists()


@pytest.mark.django_db
def test_autosaves_while_typing_collect_no_warnings(admin_client):
    page = page_at(TOPIC)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    autosave = admin_client.post(url, topic_form(page, "<p>Telefon: 0231 50-12345</p>"), HTTP_ACCEPT="application/json")
    assert autosave.json()["success"]

    assert "Im Text stehen Kontaktdaten" not in admin_client.get(url).content.decode()


@pytest.mark.django_db
def test_a_text_without_office_data_saves_without_warning(admin_client):
    page = page_at(TOPIC)

    response = save_draft(admin_client, page, "<p>Der Integrationsrat 2020 tagt in der ersten Periode 2006-2010.</p>")

    assert response.status_code == 200
    assert "Im Text stehen Kontaktdaten" not in response.content.decode()


@pytest.mark.django_db
def test_a_page_without_an_office_box_gets_no_warning(admin_client):
    # Without an office anywhere up the tree the page shows no box, so the text is the only place for a phone number.
    HomePage.objects.update(responsible_office=None)
    page = page_at(TOPIC)
    assert page.effective_office is None

    response = save_draft(admin_client, page, "<p>Rufen Sie uns an: 0231 50-12345.</p>")

    assert "Im Text stehen Kontaktdaten" not in response.content.decode()
