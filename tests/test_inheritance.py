"""Responsible office and hero image come from the nearest ancestor that has one."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import LocationFactory, OfficePageFactory, PortalImageFactory, TopicPageFactory


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_new_topic_inherits_office_and_hero_from_its_ancestors(client, integration_page):
    child = TopicPageFactory(parent=integration_page, title="Sprachkurse")
    grandchild = TopicPageFactory(parent=child, title="Sprachkurse für Eltern")

    soup = soup_of(client, grandchild)
    assert soup.select_one(".kicker").get_text(strip=True) == "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
    assert "Südwall 21 - 23" in soup.select_one(".office-box address").get_text()
    assert "Jesús González Rebordinos" in soup.select_one(".hero figcaption").get_text()


@pytest.mark.django_db
def test_own_office_and_hero_win_over_the_ancestors_and_pass_to_children(client, integration_page, mia_do_ki):
    office = OfficePageFactory(
        parent=mia_do_ki, title="Integrationsrat – Geschäftsstelle", locations=[LocationFactory(street="Friedensplatz 5")]
    )
    image = PortalImageFactory(caption="Westfalenpark mit Florianturm", credit="Erika Mustermann")
    topic = TopicPageFactory(parent=integration_page, responsible_office=office, hero_image=image)
    child = TopicPageFactory(parent=topic)

    for page in (topic, child):
        soup = soup_of(client, page)
        assert soup.select_one(".kicker").get_text(strip=True) == "Integrationsrat – Geschäftsstelle"
        assert "Friedensplatz 5" in soup.select_one(".office-box address").get_text()
        assert "Südwall" not in soup.select_one(".office-box").get_text()
        assert soup.select_one(".page-header__office").get_text(strip=True) == (
            "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
        )
        assert "Bild (Bildlizenz/Fotograf/Grafiker): Erika Mustermann" in soup.select_one(".hero figcaption").get_text()


@pytest.mark.django_db
def test_office_page_shows_its_own_box_and_lists_its_units(client, mia_do_ki):
    from tests.conftest import page_at

    amt = page_at("/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/")
    soup = soup_of(client, amt)
    units = soup.find("section", attrs={"aria-labelledby": "untergeordnete-stellen"})
    assert "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)" in units.get_text()

    soup = soup_of(client, mia_do_ki)
    assert "Südwall 21 - 23" in soup.select_one(".office-box address").get_text()
    assert soup.select_one(".page-header__office").get_text(strip=True) == (
        "Amt für Angelegenheiten des Oberbürgermeisters und des Rates"
    )


@pytest.mark.django_db
def test_new_address_shows_on_every_page_after_one_publish(client, mia_do_ki):
    location = mia_do_ki.locations[0]
    location.street, location.postcode = "Olpe 1", "44135"
    location.save()
    mia_do_ki.save_revision().publish()
    for path in (
        "/themen/integration/masterplan-migration-integration/",
        "/themen/integration/staedtekooperation-integration-interkommunal/",
        "/themen/integration/schwerpunkte-der-arbeit/",
    ):
        html = client.get(path).content.decode()
        assert "Olpe 1" in html and "44135 Dortmund" in html
        assert "Südwall" not in html


@pytest.mark.django_db
def test_unpublished_office_disappears_from_every_page(client, mia_do_ki):
    mia_do_ki.unpublish()
    from tests.conftest import page_at

    soup = soup_of(client, page_at("/themen/integration/schwerpunkte-der-arbeit/"))
    assert soup.select_one(".kicker") is None
    assert soup.select_one(".office-box") is None
    assert "Südwall" not in soup.get_text()


@pytest.mark.django_db
def test_office_without_an_address_shows_no_empty_address_box(client):
    from tests.conftest import page_at

    soup = soup_of(client, page_at("/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"))
    assert soup.select_one(".office-box") is None
    assert "Anschrift und Erreichbarkeit" not in soup.get_text()


@pytest.mark.django_db
def test_preview_of_an_office_shows_the_unsaved_address(admin_client, mia_do_ki):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    new_location = LocationFactory(street="Olpe 1", postcode="44135")
    data = nested_form_data(
        {
            "title": "Kommunales Integrationszentrum Dortmund (Vorschau)",
            "slug": mia_do_ki.slug,
            "search_description": mia_do_ki.search_description,
            "short_title": "",
            "short_name": "MIA-DO-KI",
            "body": streamfield([]),
            "related_links": streamfield([]),
            "office_locations": inline_formset(
                [{"id": mia_do_ki.office_locations.get().pk, "location": new_location.pk, "ORDER": 1}], initial=1
            ),
            "opening_hours": inline_formset([]),
            "closures": inline_formset([]),
            "contact_persons": inline_formset([]),
        }
    )
    url = f"/admin/pages/{mia_do_ki.pk}/edit/preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Olpe 1" in html and "Südwall" not in html
    assert "Kommunales Integrationszentrum Dortmund (Vorschau)" in html
