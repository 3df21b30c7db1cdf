"""Office data: reachability, opening hours, closures and contact persons, stored once and shown in the box."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from pages.models import OfficeClosure, OfficeContactPerson, OfficeOpeningHours
from pages.snippets import Access
from tests.factories import LocationFactory, OfficePageFactory, TopicPageFactory


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def box_of(client, page):
    return soup_of(client, page).find("section", attrs={"aria-labelledby": "anschrift"})


@pytest.fixture
def office(mia_do_ki):
    return OfficePageFactory(parent=mia_do_ki, title="Geschäftsstelle des Integrationsrates")


@pytest.mark.django_db
def test_opening_hours_render_in_weekday_order_with_german_names(client, office):
    OfficeOpeningHours.objects.create(office=office, weekday=3, opens="14:00", closes="18:00", note="mit Termin")
    OfficeOpeningHours.objects.create(office=office, weekday=0, until_weekday=2, opens="08:30", closes="12:00")
    OfficeOpeningHours.objects.create(office=office, weekday=4, until_weekday=5, opens="09:00", closes="11:00")
    rows = box_of(client, office).select("table.opening-hours tr")
    assert [" ".join(row.get_text(" ").split()) for row in rows] == [
        "Montag bis Mittwoch 8:30–12:00 Uhr",
        "Donnerstag 14:00–18:00 Uhr (mit Termin)",
        "Freitag und Samstag 9:00–11:00 Uhr",
    ]


@pytest.mark.django_db
def test_opening_hours_whose_end_is_before_the_start_are_refused(office):
    row = OfficeOpeningHours(office=office, weekday=1, opens=datetime.time(12), closes=datetime.time(8))
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert caught.value.message_dict["closes"] == ["Das Ende muss nach dem Beginn liegen."]
    row = OfficeOpeningHours(office=office, weekday=4, until_weekday=1, opens=datetime.time(8), closes=datetime.time(9))
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert caught.value.message_dict["until_weekday"] == ["Der letzte Tag muss nach dem ersten Tag liegen."]


@pytest.mark.django_db
def test_office_without_weekly_hours_shows_its_note_and_never_an_empty_table(client, office):
    office.phone = "0231 50-12345"
    office.save()
    box = box_of(client, office)
    assert box.find("table") is None
    assert "Öffnungszeiten" not in box.get_text()

    office.hours_note = (
        "Die allgemeinen Öffnungszeiten entfallen. Eine Vorsprache ist nur nach vorheriger Terminvereinbarung möglich."
    )
    office.save()
    box = box_of(client, office)
    assert box.find("table") is None
    assert box.find("h3").get_text() == "Öffnungszeiten"
    assert "nur nach vorheriger Terminvereinbarung möglich" in box.get_text()


@pytest.mark.django_db
def test_phone_and_email_are_links_and_the_appointment_link_is_offered(client, office):
    office.phone = "0231 50-12345"
    office.email = "integration@stadtdo.de"
    office.appointment_url = "https://termine.dortmund.de/integration"
    office.save()
    box = box_of(client, office)
    assert box.find("a", href="tel:+49231501234" + "5").get_text() == "0231 50-12345"
    assert box.find("a", href="mailto:integration@stadtdo.de") is not None
    assert box.find("a", string="Termin online vereinbaren")["href"] == "https://termine.dortmund.de/integration"


@pytest.mark.parametrize(
    "number, href",
    [("0231 50-12345", "+492315012345"), ("+49 (0)231 50-12345", "+492315012345"), ("0049 231 501", "+49231501")],
)
def test_phone_numbers_become_international_tel_links(number, href):
    from pages.validators import phone_href

    assert phone_href(number) == href


@pytest.mark.django_db
@pytest.mark.parametrize("field, value", [("phone", "ruf mich an"), ("fax", "12"), ("email", "keine-adresse")])
def test_invalid_contact_data_is_refused_in_german(office, field, value):
    setattr(office, field, value)
    with pytest.raises(ValidationError) as caught:
        office.full_clean()
    message = caught.value.message_dict[field][0]
    assert "Telefonnummer" in message or "E-Mail-Adresse" in message


@pytest.mark.django_db
def test_closures_are_shown_only_while_they_apply(client, office):
    today = datetime.date.today()
    OfficeClosure.objects.create(
        office=office, starts=today - datetime.timedelta(days=1), ends=today + datetime.timedelta(days=2),
        note="zwischen Weihnachten und Neujahr",
    )
    OfficeClosure.objects.create(office=office, starts=today - datetime.timedelta(days=30), ends=today - datetime.timedelta(days=20))
    OfficeClosure.objects.create(office=office, starts=today + datetime.timedelta(days=20), ends=today + datetime.timedelta(days=30))
    topic = TopicPageFactory(parent=office.get_parent().get_parent(), responsible_office=office)
    for page in (office, topic):
        notices = box_of(client, page).select(".office-box__closure")
        assert len(notices) == 1
        assert "zwischen Weihnachten und Neujahr" in notices[0].get_text()


@pytest.mark.django_db
def test_closure_ending_before_it_starts_is_refused(office):
    closure = OfficeClosure(office=office, starts=datetime.date(2027, 1, 5), ends=datetime.date(2027, 1, 2))
    with pytest.raises(ValidationError) as caught:
        closure.full_clean()
    assert caught.value.message_dict["ends"] == ["Das Ende der Schließzeit darf nicht vor ihrem Beginn liegen."]


@pytest.mark.django_db
def test_several_locations_in_the_editors_order_with_access_and_transit(client, mia_do_ki):
    office = OfficePageFactory(
        parent=mia_do_ki,
        locations=[
            LocationFactory(street="Olpe 1", step_free=Access.YES, lift=Access.NO, transit_stop="Stadtgarten",
                            transit_lines="U41, U45"),
            LocationFactory(street="Kampstraße 4"),
        ],
    )
    box = box_of(client, office)
    addresses = [" ".join(a.get_text(" ").split()) for a in box.find_all("address")]
    assert addresses[0].startswith("Olpe 1") and addresses[1].startswith("Kampstraße 4")
    access = [li.get_text() for li in box.select(".location__access li")]
    assert access == ["Stufenloser Zugang: ja", "Aufzug: nein"]
    assert "Haltestelle Stadtgarten (U41, U45)" in box.get_text()


@pytest.mark.django_db
def test_office_page_lists_contact_persons_and_languages(client, office):
    OfficeContactPerson.objects.create(office=office, name="Ayşe Yılmaz", role="Geschäftsführung", phone="0231 50-2")
    office.languages = "Deutsch, Englisch, Türkisch"
    office.save()
    soup = soup_of(client, office)
    people = soup.find("section", attrs={"aria-labelledby": "ansprechpersonen"})
    assert "Ayşe Yılmaz, Geschäftsführung" in " ".join(people.get_text(" ").split()).replace(" ,", ",")
    assert people.find("a", href="tel:+49231502") is not None
    assert "Deutsch, Englisch, Türkisch" in soup.find("section", attrs={"aria-labelledby": "sprachen"}).get_text()


@pytest.mark.django_db
def test_office_page_query_count_does_not_grow_with_locations_hours_and_contacts(client, mia_do_ki):
    from tests.test_query_budget import count_queries

    def office_with(count, title):
        office = OfficePageFactory(parent=mia_do_ki, title=title, locations=[LocationFactory() for _ in range(count)])
        for n in range(count):
            OfficeOpeningHours.objects.create(office=office, weekday=n % 7, opens="08:00", closes="12:00")
            OfficeContactPerson.objects.create(office=office, name=f"Person {n}", email=f"p{n}@stadtdo.de")
        return office

    small, large = office_with(1, "Kleine Stelle"), office_with(10, "Große Stelle")
    topic_small = TopicPageFactory(parent=mia_do_ki.get_parent().get_parent(), responsible_office=small)
    topic_large = TopicPageFactory(parent=mia_do_ki.get_parent().get_parent(), responsible_office=large)
    assert count_queries(client, small)[0] == count_queries(client, large)[0]
    assert count_queries(client, topic_small)[0] == count_queries(client, topic_large)[0]


SEED_PAGES_WITH_BOX = (
    "/themen/integration/masterplan-migration-integration/",
    "/themen/integration/staedtekooperation-integration-interkommunal/",
    "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
    "kommunales-integrationszentrum-dortmund-mia-do-ki/",
)


@pytest.mark.django_db
def test_planned_move_switches_every_page_on_its_day_without_publishing_again(client, mia_do_ki):
    from freezegun import freeze_time

    olpe = LocationFactory(street="Olpe 1", postcode="44135")
    link = mia_do_ki.office_locations.get()
    link.new_location, link.moves_on = olpe, datetime.date(2027, 3, 1)
    mia_do_ki.office_locations = [link]  # as the admin's inline form does
    mia_do_ki.save_revision().publish()

    with freeze_time("2027-02-28 23:59:00+01:00"):
        for path in SEED_PAGES_WITH_BOX:
            box = BeautifulSoup(client.get(path).content, "html.parser").select_one(".office-box")
            assert "Südwall 21 - 23" in box.find("address").get_text()
            assert " ".join(box.select_one(".office-box__move").get_text().split()) == (
                "Ab 1. März 2027: Olpe 1, 44135 Dortmund"
            )
    with freeze_time("2027-03-01 00:00:30+01:00"):
        for path in SEED_PAGES_WITH_BOX:
            html = client.get(path).content.decode()
            box = BeautifulSoup(html, "html.parser").select_one(".office-box")
            assert "Olpe 1" in box.find("address").get_text()
            assert box.select_one(".office-box__move") is None
            assert "Südwall" not in html

    revisions = list(mia_do_ki.revisions.order_by("created_at"))
    assert revisions[0].as_object().office_locations.get().new_location_id is None
    assert revisions[-1].as_object().office_locations.get().new_location_id == olpe.pk


@pytest.mark.django_db
def test_a_move_needs_both_building_and_date(mia_do_ki):
    link = mia_do_ki.office_locations.get()
    link.moves_on = datetime.date(2027, 3, 1)
    with pytest.raises(ValidationError) as caught:
        link.full_clean()
    assert caught.value.message_dict["new_location"] == [
        "Für einen Umzug geben Sie bitte den neuen Standort und das Datum an."
    ]


@pytest.mark.django_db
def test_office_page_describes_itself_as_json_ld_government_office(client, mia_do_ki):
    import json

    OfficeOpeningHours.objects.create(office=mia_do_ki, weekday=0, until_weekday=4, opens="08:30", closes="12:00")
    OfficeContactPerson.objects.create(office=mia_do_ki, name="Erika Mustermann", role="Leitung", phone="0231 50-1")
    mia_do_ki.phone = "0231 50-12345"
    mia_do_ki.save()
    soup = soup_of(client, mia_do_ki)
    scripts = [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
    data = next(item for item in scripts if item["@type"] == "GovernmentOffice")
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
    assert data["alternateName"] == "MIA-DO-KI"
    assert data["telephone"] == "+492315012345"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Südwall 21 - 23",
        "postalCode": "44137",
        "addressLocality": "Dortmund",
        "addressCountry": "DE",
    }
    hours = data["openingHoursSpecification"][0]
    assert hours["@type"] == "OpeningHoursSpecification"
    assert hours["dayOfWeek"][0] == "https://schema.org/Monday" and len(hours["dayOfWeek"]) == 5
    assert (hours["opens"], hours["closes"]) == ("08:30", "12:00")
    assert data["contactPoint"] == [
        {"@type": "ContactPoint", "name": "Erika Mustermann", "contactType": "Leitung", "telephone": "+49231501"}
    ]
    assert data["parentOrganization"]["name"] == "Amt für Angelegenheiten des Oberbürgermeisters und des Rates"


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_element(client, office):
    office.title = "Stelle </script><script>alert(1)</script>"
    office.save()
    html = client.get(office.url).content.decode()
    assert "</script><script>alert(1)" not in html


@pytest.mark.django_db
def test_office_page_lists_the_pages_it_is_responsible_for(client, mia_do_ki):
    soup = soup_of(client, mia_do_ki)
    section = soup.find("section", attrs={"aria-labelledby": "zustaendig-fuer"})
    assert [a.get_text() for a in section.find_all("a")] == ["Integration in Dortmund", "Integrationsrat"]
    topic = TopicPageFactory(parent=mia_do_ki.get_parent().get_parent(), title="Aufenthalt", responsible_office=mia_do_ki)
    topic.unpublish()
    TopicPageFactory(parent=mia_do_ki.get_parent().get_parent(), title="Arbeit", responsible_office=mia_do_ki)
    section = soup_of(client, mia_do_ki).find("section", attrs={"aria-labelledby": "zustaendig-fuer"})
    assert [a.get_text() for a in section.find_all("a")] == ["Arbeit", "Integration in Dortmund", "Integrationsrat"]


@pytest.mark.django_db
def test_kontakt_speichern_downloads_a_vcard_of_the_office(client, mia_do_ki):
    mia_do_ki.phone, mia_do_ki.email = "0231 50-12345", "integration@stadtdo.de"
    mia_do_ki.save()
    box = box_of(client, mia_do_ki)
    link = box.select_one(".office-box__vcard a")
    assert link.get_text().startswith("Kontakt speichern")
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    assert response["Content-Disposition"].endswith('.vcf"')
    lines = response.content.decode().split("\r\n")
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", "KIND:org"]
    assert "FN:Kommunales Integrationszentrum Dortmund (MIA-DO-KI)" in lines
    assert "ADR;TYPE=work:;;Südwall 21 - 23;Dortmund;;44137;Deutschland" in lines
    assert "TEL;TYPE=work,voice;VALUE=uri:tel:+492315012345" in lines
    assert "EMAIL;TYPE=work:integration@stadtdo.de" in lines
    assert lines[-2] == "END:VCARD"
