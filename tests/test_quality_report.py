"""The report "Inhalte prüfen" lists what an editor should fix: alt texts, teasers, heading levels, office data."""

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.models import Collection

from pages.models import TopicPage
from pages.roles import EDITORS, OFFICE_STAFF
from tests.factories import PortalImageFactory, TopicPageFactory, user_in

URL = "/admin/berichte/inhalte-pruefen/"


def topic(parent, title, body=(), teaser="Ein Satz, der die Seite beschreibt.", **fields):
    page = TopicPageFactory(parent=parent, title=title, **fields)
    page.body = json.dumps(list(body))
    page.save_revision().publish()
    if teaser != page.search_description:
        # Imported before teasers were required: the form would refuse this teaser, the database holds it.
        TopicPage.objects.filter(pk=page.pk).update(search_description=teaser)
    return page


def image_in_library(**fields):
    """An image in the library's root collection, where the editors' permissions apply."""
    return PortalImageFactory(collection=Collection.get_first_root_node(), **fields)


def heading(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


def text(html):
    return {"type": "text", "value": html}


def rows(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()



@pytest.mark.django_db
def test_every_kind_of_problem_is_listed_with_what_to_fix(admin_client, integration_page):
    unused = image_in_library(title="Blick auf den Phoenixsee", description="")
    used = image_in_library(title="Sprachcafé im Dietrich-Keuning-Haus", description="  ")
    topic(integration_page, "Sprachcafés", hero_image=used)
    topic(integration_page, "Willkommenslotsen", teaser="")
    topic(integration_page, "Interkulturelle Wochen", teaser="Ein langer Satz über die Woche. " * 12)
    topic(
        integration_page,
        "Elterncafés",
        body=[heading("Angebote", "h2"), text("<h4>Ziele</h4><p>Eltern stärken.</p>"), heading("Ablauf", "h3")],
    )
    topic(integration_page, "Nachhilfe im Stadtteil", body=[heading("Termine", "h3")])
    topic(integration_page, "Beratung für Neuzugewanderte", body=[text("<p>Telefon: 0231 50-12345</p>")])

    html = rows(admin_client)

    assert "Blick auf den Phoenixsee" in html and "auf keiner veröffentlichten Seite verwendet" in html
    assert "Sprachcafé im Dietrich-Keuning-Haus" in html and "auf 1 veröffentlichten Seite verwendet" in html
    assert f"/admin/images/{unused.pk}/" in html
    assert "Willkommenslotsen" in html and "Teaser fehlt" in html
    assert "Teaser zu lang (383 von höchstens 300 Zeichen)" in html
    assert "Überschriftenebene übersprungen (H2 → H4 bei „Ziele“)" in html
    assert "Überschriftenebene übersprungen (H1 → H3 bei „Termine“)" in html
    assert "Kontaktdaten im Text (Telefonnummer „0231 50-12345“)" in html


@pytest.mark.django_db
def test_a_healthy_page_and_a_described_image_are_not_listed(admin_client, integration_page):
    image = image_in_library(title="Friedensplatz am Abend", description="Der Friedensplatz am Abend")
    image_in_library(title="Schmuckband", description="", is_decorative=True)
    topic(
        integration_page,
        "Sprachförderung in Kitas",
        body=[heading("Angebote", "h2"), heading("Für Eltern", "h3"), heading("Kontakt", "h2"), text("<p>Hallo.</p>")],
        hero_image=image,
    )

    html = rows(admin_client)

    assert "Sprachförderung in Kitas" not in html
    assert "Friedensplatz am Abend" not in html
    assert "Schmuckband" not in html


@pytest.mark.django_db
def test_the_report_filters_by_kind_of_problem(admin_client, integration_page):
    topic(integration_page, "Willkommenslotsen", teaser="")
    topic(integration_page, "Nachhilfe im Stadtteil", body=[heading("Termine", "h3")])

    html = rows(admin_client, "?problem=teaser-fehlt")

    assert "Willkommenslotsen" in html
    assert "Nachhilfe im Stadtteil" not in html
    assert "Impressum" not in html  # its address is "Kontaktdaten im Text", another kind


@pytest.mark.django_db
def test_an_unknown_filter_value_is_no_error(admin_client):
    assert admin_client.get(URL + "?problem=gibt-es-nicht").status_code == 200


@pytest.mark.django_db
def test_the_report_exports_csv_and_xlsx(admin_client, integration_page):
    topic(integration_page, "Willkommenslotsen", teaser="")

    csv_response = admin_client.get(URL + "?export=csv")
    csv_text = b"".join(csv_response.streaming_content).decode()
    assert csv_text.splitlines()[0] == "Inhalt,Art,Art des Problems,Problem,Status,Bearbeiten"
    row = "Willkommenslotsen,Themenseite,Teaser fehlt,Teaser fehlt,veröffentlicht,http://testserver/admin/pages/"
    assert row in csv_text

    xlsx_response = admin_client.get(URL + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["Inhalt", "Art", "Art des Problems", "Problem"]
    assert ["Willkommenslotsen", "Themenseite", "Teaser fehlt", "Teaser fehlt"] in [row[:4] for row in values]


def report_queries(client):
    rows(client)  # fills the caches a running site has filled long ago
    with CaptureQueriesContext(connection) as queries:
        html = rows(client)
    return len(queries), html


def add_problem_pages(parent, numbers):
    for number in numbers:
        topic(parent, f"Nachhilfe im Stadtteil {number}", body=[heading("Termine", "h3"), text("<p>0231 50-12345</p>")],
              teaser="")
        image_in_library(title=f"Stadtteilfest {number}", description="")


@pytest.mark.django_db
def test_the_report_needs_the_same_queries_for_1_and_20_problem_pages(admin_client, integration_page,
                                                                     django_assert_max_num_queries):
    add_problem_pages(integration_page, range(1))
    with_one, html = report_queries(admin_client)
    assert "Nachhilfe im Stadtteil 0" in html

    add_problem_pages(integration_page, range(1, 20))
    rows(admin_client)
    with django_assert_max_num_queries(with_one):
        html = rows(admin_client)
    assert "Stadtteilfest 19" in html
    assert "Nachhilfe im Stadtteil 19" in rows(admin_client, "?p=2")  # 50 rows a page
    assert with_one <= 45


@pytest.mark.django_db
def test_editors_see_their_section_and_the_image_library(client, integration_page):
    topic(integration_page, "Willkommenslotsen", teaser="")
    image_in_library(title="Blick auf den Phoenixsee", description="")

    html = rows(user_in(EDITORS, client))

    assert "Willkommenslotsen" in html
    assert "Blick auf den Phoenixsee" in html
    assert "Impressum" not in html  # outside /themen/: not theirs to fix


@pytest.mark.django_db
def test_office_staff_see_only_offices(client, integration_page):
    topic(integration_page, "Willkommenslotsen", teaser="")
    image_in_library(title="Blick auf den Phoenixsee", description="")

    html = rows(user_in(OFFICE_STAFF, client))

    assert "Willkommenslotsen" not in html
    assert "Blick auf den Phoenixsee" not in html


def checker_rules(html):
    """The content checker's rules as the userbar on a page hands them to axe: {rule id: selector}."""
    configuration = re.search(r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S)
    return {rule["id"]: rule["selector"] for rule in json.loads(configuration.group(1))["spec"]["rules"]}


@pytest.mark.django_db
def test_the_content_checker_points_at_the_same_problems_on_the_page(admin_client, integration_page):
    image = image_in_library(title="Blick auf den Phoenixsee", description="")
    image_block = {"type": "image", "value": {"image": image.pk, "caption": ""}}
    problem = topic(integration_page, "Sprachcafés", body=[image_block], teaser="Ein langer Satz über die Woche. " * 12)
    healthy = topic(integration_page, "Sprachförderung in Kitas")

    html = admin_client.get(problem.url).content.decode()
    rules = checker_rules(html)
    assert rules["quality-teaser-too-long"] == "h1"
    assert rules["quality-teaser-missing"] == "quality-nothing"
    # The image is rendered with an empty alt like a decorative one; the rule finds it by its rendition's file name.
    fragment = re.match(r'img\[src\*="(.+?)"\]', rules["quality-image-alt"]).group(1)
    sources = re.findall(r'<img[^>]* src="([^"]+)"', html.split("<main", 1)[1])
    assert [source for source in sources if fragment in source]

    rules = checker_rules(admin_client.get(healthy.url).content.decode())
    assert rules["quality-teaser-too-long"] == rules["quality-teaser-missing"] == "quality-nothing"
