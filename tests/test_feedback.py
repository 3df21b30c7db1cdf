"""'Barriere melden': a German, accessible form whose reports reach the editors and the responsible office."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from feedback.models import BarrierReport
from feedback.views import RATE_LIMIT
from pages.roles import EDITORS, OFFICE_STAFF
from tests.test_roles import user_in

URL = "/barriere-melden/"
REPORT = {
    "description": "Das Bild auf der Seite hat keine Beschreibung.",
    "page_url": "/themen/integration/",
    "name": "Erika Mustermann",
    "email": "erika@example.org",
    "zusatzfeld": "",
}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def office_email(mia_do_ki):
    mia_do_ki.email = "mia-do-ki@example.org"
    mia_do_ki.save_revision().publish()
    return mia_do_ki.email


@pytest.mark.django_db
def test_a_report_is_stored_mailed_to_the_responsible_office_and_thanked_for(client, office_email):
    response = client.post(URL, REPORT)
    assert response.status_code == 302 and response["Location"] == f"{URL}?gesendet=1"
    report = BarrierReport.objects.get()
    assert (report.description, report.page_url, report.recipient) == (REPORT["description"], "/themen/integration/", office_email)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [office_email] and "keine Beschreibung" in mail.outbox[0].body
    thanks = soup_of(client.get(response["Location"]))
    assert "Vielen Dank für Ihre Meldung." in thanks.get_text()


@pytest.mark.django_db
def test_errors_are_german_tied_to_their_fields_and_nothing_typed_is_lost(client):
    response = client.post(URL, {**REPORT, "description": "   ", "email": "kein-at-zeichen"})
    assert response.status_code == 200
    soup = soup_of(response)
    description = soup.find("textarea", attrs={"name": "description"})
    assert description["aria-invalid"] == "true"
    error_ids = description["aria-describedby"].split()
    errors = " ".join(soup.find(id=error_id).get_text(" ") for error_id in error_ids)
    assert "Bitte beschreiben Sie die Barriere, damit wir sie beheben können." in errors
    email = soup.find("input", attrs={"name": "email"})
    assert email["value"] == "kein-at-zeichen" and email["aria-invalid"] == "true"
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in soup.find(id=email["aria-describedby"].split()[-1]).get_text()
    assert soup.find("input", attrs={"name": "name"})["value"] == "Erika Mustermann"
    summary = soup.find(role="alert")
    assert summary.find("a")["href"] == f"#{description['id']}"
    assert soup.title.get_text().startswith("Fehler: ")
    assert not BarrierReport.objects.exists()


@pytest.mark.django_db
def test_every_field_has_a_label(client):
    soup = soup_of(client.get(URL))
    for field in soup.select("form.feedback-form input:not([type=hidden]), form.feedback-form textarea"):
        assert soup.find("label", attrs={"for": field["id"]}) is not None


@pytest.mark.django_db
def test_the_page_concerned_is_taken_from_the_link(client):
    soup = soup_of(client.get(URL, {"seite": "/themen/integration/gremien/"}))
    assert soup.find("input", attrs={"name": "page_url"})["value"] == "/themen/integration/gremien/"
    soup = soup_of(client.get(URL, {"seite": "javascript:alert(1)"}))
    assert soup.find("input", attrs={"name": "page_url"}).get("value", "") == ""


@pytest.mark.django_db
def test_a_bot_filling_the_honeypot_is_thanked_but_nothing_is_stored(client):
    response = client.post(URL, {**REPORT, "zusatzfeld": "https://spam.example"})
    assert response.status_code == 302
    assert not BarrierReport.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_a_double_submission_creates_one_report(client):
    client.post(URL, REPORT)
    client.post(URL, REPORT)
    assert BarrierReport.objects.count() == 1


@pytest.mark.django_db
def test_a_flood_from_one_address_is_stopped_with_the_text_kept(client):
    for number in range(RATE_LIMIT):
        assert client.post(URL, {**REPORT, "description": f"Barriere Nummer {number}"}).status_code == 302
    response = client.post(URL, {**REPORT, "description": "Noch eine Barriere"})
    assert response.status_code == 200
    assert "viele Meldungen" in response.content.decode()
    assert "Noch eine Barriere" in response.content.decode()
    assert BarrierReport.objects.count() == RATE_LIMIT
    other = client.post(URL, {**REPORT, "description": "Von anderswo"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_a_limit_of_their_own(client):
    """Varnish and the TLS proxy call the application from 127.0.0.1: the visitor is in X-Forwarded-For."""
    behind_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for number in range(RATE_LIMIT):
        sent = client.post(URL, {**REPORT, "description": f"Barriere {number}"}, **behind_proxy,
                           HTTP_X_FORWARDED_FOR="198.51.100.4")  # fmt: skip
        assert sent.status_code == 302
    flood = client.post(URL, {**REPORT, "description": "Eine zu viel"}, **behind_proxy,
                        HTTP_X_FORWARDED_FOR="198.51.100.4")  # fmt: skip
    assert "viele Meldungen" in flood.content.decode()
    # Another citizen through the same proxy is not blocked by the first one's reports,
    neighbour = client.post(URL, {**REPORT, "description": "Meine erste Meldung"}, **behind_proxy,
                            HTTP_X_FORWARDED_FOR="203.0.113.9")  # fmt: skip
    assert neighbour.status_code == 302
    # and a forged X-Forwarded-For from the first one changes nothing: the proxy appends the real address.
    forged = client.post(URL, {**REPORT, "description": "Verkleidet"}, **behind_proxy,
                         HTTP_X_FORWARDED_FOR="203.0.113.77, 198.51.100.4")  # fmt: skip
    assert "viele Meldungen" in forged.content.decode()
    assert BarrierReport.objects.count() == RATE_LIMIT + 1


@pytest.mark.django_db
def test_without_an_office_address_the_sites_address_gets_the_report(client):
    from pages.models import SiteSettings
    from wagtail.models import Site

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.feedback_email = "barrierefreiheit@example.org"
    settings.save()
    client.post(URL, {**REPORT, "page_url": "https://www.example.org/irgendwo"})
    assert BarrierReport.objects.get().recipient == "barrierefreiheit@example.org"
    assert mail.outbox[0].to == ["barrierefreiheit@example.org"]


@pytest.mark.django_db
def test_editors_see_and_close_reports_and_office_staff_do_not(client):
    report = BarrierReport.objects.create(description="Kontrast zu schwach", page_url="/impressum/")
    user_in(EDITORS, client)
    listing = client.get("/admin/barriere_meldungen/")
    assert listing.status_code == 200 and "/impressum/" in listing.content.decode()
    response = client.post(f"/admin/barriere_meldungen/edit/{report.pk}/", {"handled": "on", "note": "Behoben"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled and report.note == "Behoben"
    client.logout()
    user_in(OFFICE_STAFF, client)
    assert client.get("/admin/barriere_meldungen/").status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/gebaerdensprache/"])
def test_legal_and_access_pages_are_linked_and_link_the_form(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert 'href="/barriere-melden/"' in response.content.decode()


@pytest.mark.django_db
def test_the_accessibility_statement_has_the_parts_of_the_eu_model(client):
    text = soup_of(client.get("/barrierefreiheit/")).select_one("main").get_text(" ")
    for part in ("Stand der Vereinbarkeit", "teilweise vereinbar", "Nicht barrierefreie Inhalte",
                 "Erstellung dieser Erklärung", "23. November 2026", "axe-core", "Barrieren melden",
                 "Durchsetzungsverfahren", "Ombudsstelle für barrierefreie Informationstechnik"):
        assert part in text, part


@pytest.mark.django_db
@pytest.mark.parametrize(
    "description, decorative, caption, error",
    [
        ("", False, "", "Bitte beschreiben Sie, was das Bild zeigt"),
        ("Friedensplatz mit Stadthaus", False, "Friedensplatz mit Stadthaus", "die Bildunterschrift steht ohnehin darunter"),
    ],
)
def test_images_need_a_text_alternative_that_is_not_the_caption(description, decorative, caption, error):
    from django.core.exceptions import ValidationError

    from tests.factories import PortalImageFactory

    image = PortalImageFactory.build(description=description, caption=caption)
    image.is_decorative = decorative
    with pytest.raises(ValidationError) as raised:
        image.clean()
    assert error in raised.value.message_dict["description"][0]


@pytest.mark.django_db
def test_a_decorative_image_needs_no_alt_text_and_gets_an_empty_one():
    from tests.factories import PortalImageFactory

    image = PortalImageFactory.build(description="")
    image.is_decorative = True
    image.clean()
    assert image.alt_text == ""


@pytest.mark.django_db
def test_an_image_marked_decorative_stays_decorative_after_loading_and_saving():
    from pages.models import PortalImage
    from tests.factories import PortalImageFactory

    image = PortalImageFactory(description="Schmuckband in Stadtfarben", is_decorative=True)
    loaded = PortalImage.objects.get(pk=image.pk)
    assert loaded.is_decorative and loaded.alt_text == ""
    loaded.title = "Schmuckband"
    loaded.save()
    assert PortalImage.objects.get(pk=image.pk).is_decorative


def test_the_stylesheet_prints_the_address_box_without_navigation():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "static" / "css" / "site.css").read_text(encoding="utf-8")
    print_rules = css.split("@media print", 1)[1]
    assert ".main-nav" in print_rules and ".site-search" in print_rules and "display: none" in print_rules
    assert ".office-box { break-inside: avoid" in print_rules


@pytest.mark.django_db
@pytest.mark.parametrize("page_url", ["http://[abc/", "https://[::1", "\\\\server\\share"])
def test_a_page_address_that_is_no_address_is_still_stored(client, page_url):
    assert client.post(URL, {**REPORT, "page_url": page_url}).status_code == 302
    assert BarrierReport.objects.get().page_url == page_url


@pytest.mark.django_db
def test_two_readers_with_the_same_words_about_different_pages_are_two_reports(client):
    client.post(URL, {**REPORT, "name": "", "email": "", "page_url": "/impressum/"})
    client.post(URL, {**REPORT, "name": "", "email": "", "page_url": "/datenschutz/"})
    assert BarrierReport.objects.count() == 2


def test_the_preview_checker_also_checks_images():
    from wagtail.admin.userbar import AccessibilityItem

    from pages.wagtail_hooks import PortalContentChecker, use_portal_content_checker

    items = [AccessibilityItem(in_editor=True)]
    use_portal_content_checker(None, items, None)
    assert isinstance(items[0], PortalContentChecker) and items[0].in_editor
    assert {"image-alt", "image-redundant-alt", "heading-order"} <= set(items[0].axe_run_only)
