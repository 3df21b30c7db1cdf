"""The read-only JSON API (Wagtail API v2) for open data: its shapes, and that drafts and private pages never appear."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from wagtail.models import Collection, CollectionViewRestriction

from pages.collation import german_sort_key
from pages.models import (
    CommitteeMeeting,
    CommitteeMember,
    OfficeClosure,
    OfficeContactPerson,
    OfficeOpeningHours,
    OfficePage,
)
from programs.models import FundingProgramPage
from tests.conftest import page_at
from tests.factories import (
    CommitteePageFactory,
    FundingProgramIndexPageFactory,
    FundingProgramPageFactory,
    LocationFactory,
    OfficePageFactory,
    TopicPageFactory,
    make_document,
)

API = "/api/v2/pages/"
COMMITTEE_PATH = "/themen/integration/gremien/rat-der-muslimischen-gemeinden/"


def api_get(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def listed_ids(client, query):
    data = api_get(client, f"{API}?{query}")
    return {item["id"] for item in data["items"]}


@pytest.fixture
def furnished_office(mia_do_ki):
    """The seed office with hours, a closure, a contact person and a move of its (seeded) location ahead."""
    OfficeOpeningHours.objects.create(office=mia_do_ki, weekday=3, opens="14:00", closes="18:00", note="mit Termin")
    OfficeOpeningHours.objects.create(office=mia_do_ki, weekday=0, until_weekday=2, opens="08:30", closes="12:00")
    OfficeClosure.objects.create(
        office=mia_do_ki, starts=datetime.date(2026, 12, 24), ends=datetime.date(2027, 1, 1), note="Jahreswechsel"
    )
    OfficeClosure.objects.create(office=mia_do_ki, starts=datetime.date(2027, 7, 1), ends=datetime.date(2027, 7, 3))
    OfficeContactPerson.objects.create(
        office=mia_do_ki, name="Erika Mustermann", role="Leitung", phone="0231 50-12345", email="e.mustermann@dortmund.de"
    )
    row = mia_do_ki.office_locations.get()
    row.new_location = LocationFactory(street="Kampstraße 47", postcode="44137", name="Neues Stadthaus")
    row.moves_on = datetime.date(2027, 3, 1)
    row.save()
    mia_do_ki.phone = "0231 50-11111"
    mia_do_ki.email = "mia-do-ki@dortmund.de"
    mia_do_ki.languages = "Deutsch, Englisch, Türkisch"
    mia_do_ki.save()
    return mia_do_ki


@pytest.fixture
def committee(db):
    return page_at(COMMITTEE_PATH)


@pytest.fixture
def program_index(integration_page):
    return FundingProgramIndexPageFactory(parent=integration_page, title="Förderprogramme für die API")


@pytest.fixture
def program(program_index):
    return FundingProgramPageFactory(
        parent=program_index,
        title="Nachbarschaftsfonds",
        intro="Kleine Zuschüsse für Nachbarschaftsprojekte.",
        target_groups=["vereine", "initiativen"],
        total_budget=Decimal("216351.59"),
        amount_max=Decimal("5000"),
        application_url="https://formulare.dortmund.de/nachbarschaftsfonds",
        rounds=[
            {"label": "Runde 2026", "opens": datetime.date(2026, 3, 1), "closes": datetime.date(2026, 4, 30),
             "outcome": "Zwölf Projekte wurden gefördert."},
            {"label": "Runde 2027", "opens": datetime.date(2027, 5, 1), "closes": datetime.date(2027, 9, 15)},
        ],
    )


@pytest.fixture
def hidden_pages(integration_page):
    """A public page, a draft, a private page and a published child of the private page, side by side."""
    parent = TopicPageFactory(parent=integration_page, title="Bereich mit verborgenen Seiten")
    public = TopicPageFactory(parent=parent, title="Öffentliche Seite")
    draft = TopicPageFactory(parent=parent, title="Entwurf", live=False)
    private = TopicPageFactory(parent=parent, title="Interne Seite")
    private.view_restrictions.create(restriction_type="login")
    private_child = OfficePageFactory(parent=private, title="Interne Dienststelle")
    return parent, public, [draft, private, private_child]


# --- offices ---------------------------------------------------------------


@pytest.mark.django_db
@freeze_time("2027-01-01 12:00:00+01:00")
def test_an_office_lists_its_address_reachability_opening_hours_and_what_applies_today(client, furnished_office):
    data = api_get(client, f"{API}?type=pages.OfficePage&fields=*&short_name=MIA-DO-KI")
    assert data["meta"]["total_count"] == 1
    office = data["items"][0]
    assert office["id"] == furnished_office.pk
    assert office["meta"]["type"] == "pages.OfficePage"
    assert office["meta"]["html_url"].endswith("/kommunales-integrationszentrum-dortmund-mia-do-ki/")
    assert office["meta"]["search_description"].startswith("Das Kommunale Integrationszentrum Dortmund")
    assert office["title"] == "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
    assert office["short_name"] == "MIA-DO-KI"
    assert office["phone"] == "0231 50-11111"
    assert office["email"] == "mia-do-ki@dortmund.de"
    assert office["fax"] == office["website"] == office["appointment_url"] == ""
    assert office["languages"] == ["Deutsch", "Englisch", "Türkisch"]
    assert office["locations"] == [
        {
            "name": "",
            "street": "Südwall 21 - 23",
            "postcode": "44137",
            "city": "Dortmund",
            "note": "",
            "step_free": "unbekannt",
            "lift": "unbekannt",
            "accessible_wc": "unbekannt",
            "transit_stop": "",
            "transit_lines": "",
            "planned_move": {
                "date": "2027-03-01",
                "new_location": {
                    "name": "Neues Stadthaus",
                    "street": "Kampstraße 47",
                    "postcode": "44137",
                    "city": "Dortmund",
                    "note": "",
                    "step_free": "unbekannt",
                    "lift": "unbekannt",
                    "accessible_wc": "unbekannt",
                    "transit_stop": "",
                    "transit_lines": "",
                },
            },
        }
    ]
    # In weekday order, with the weekday names the page shows.
    assert office["opening_hours"] == [
        {"weekday": 0, "weekday_name": "Montag", "until_weekday": 2, "until_weekday_name": "Mittwoch",
         "days": "Montag bis Mittwoch", "opens": "08:30", "closes": "12:00", "note": ""},
        {"weekday": 3, "weekday_name": "Donnerstag", "until_weekday": None, "until_weekday_name": None,
         "days": "Donnerstag", "opens": "14:00", "closes": "18:00", "note": "mit Termin"},
    ]
    # Only the closure that applies today; the one in July is not yet shown.
    assert office["closures"] == [{"starts": "2026-12-24", "ends": "2027-01-01", "note": "Jahreswechsel"}]
    assert office["contact_persons"] == [
        {"name": "Erika Mustermann", "role": "Leitung", "phone": "0231 50-12345", "email": "e.mustermann@dortmund.de"}
    ]


@pytest.mark.django_db
def test_an_office_shows_its_new_address_from_the_day_of_the_move_on(client, furnished_office):
    with freeze_time("2027-03-01 08:00:00+01:00"):
        office = api_get(client, f"{API}{furnished_office.pk}/")
    assert [location["street"] for location in office["locations"]] == ["Kampstraße 47"]
    assert office["locations"][0]["planned_move"] is None
    assert office["closures"] == []


@pytest.mark.django_db
def test_listing_by_type_shows_the_default_fields_and_only_pages_of_that_type(client, mia_do_ki):
    data = api_get(client, f"{API}?type=pages.OfficePage")
    assert data["meta"]["total_count"] == OfficePage.objects.live().public().count() >= 2
    assert {item["meta"]["type"] for item in data["items"]} == {"pages.OfficePage"}
    office = next(item for item in data["items"] if item["id"] == mia_do_ki.pk)
    assert set(office) == {"id", "meta", "title"}
    assert set(office["meta"]) == {"type", "detail_url", "html_url", "slug", "first_published_at"}
    assert office["meta"]["detail_url"].endswith(f"{API}{mia_do_ki.pk}/")


@pytest.mark.django_db
def test_chosen_fields_are_added_to_the_listing(client, mia_do_ki):
    data = api_get(client, f"{API}?type=pages.OfficePage&fields=short_name,locations&short_name=MIA-DO-KI")
    office = data["items"][0]
    assert set(office) == {"id", "meta", "title", "short_name", "locations"}
    assert office["locations"][0]["street"] == "Südwall 21 - 23"


# --- committees ------------------------------------------------------------


@pytest.mark.django_db
def test_a_committee_shows_its_kind_members_in_page_order_and_meetings_with_papers(client, committee, mia_do_ki):
    committee.managing_office = mia_do_ki
    committee.save()
    agenda = make_document("Tagesordnung der Sitzung im März")
    CommitteeMeeting.objects.create(
        committee=committee, date=datetime.date(2027, 3, 4), starts=datetime.time(16), ends=datetime.time(18, 30),
        place="Rathaus, Saal Westfalia", agenda=agenda,
    )
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2026, 11, 5), place="Südwall 21 - 23")

    data = api_get(client, f"{API}{committee.pk}/")

    assert data["meta"]["type"] == "pages.CommitteePage"
    assert data["meta"]["parent"]["title"] == "Gremien und Netzwerke"
    assert data["title"] == "Rat der muslimischen Gemeinden"
    assert data["kind"] == {"code": "gremium", "label": "Gremium"}
    assert data["founded"] == 2007
    assert data["composition"] == "Im Rat der muslimischen Gemeinden sind acht Organisationen vertreten."
    for name in ("former_name", "legal_basis", "chair", "deputy_chair", "meeting_rhythm", "intro"):
        assert data[name] == ""
    assert data["managing_office"] == {"id": mia_do_ki.pk, "title": mia_do_ki.title, "html_url": mia_do_ki.full_url}
    assert len(data["members"]) == 8
    assert [member["name"] for member in data["members"]] == [member.name for member in committee.sorted_members]
    assert data["members"][0] == {"name": "die Arabischen Verbände", "affiliation": "", "role": None}
    assert data["meetings"] == [
        {"date": "2026-11-05", "starts": None, "ends": None, "place": "Südwall 21 - 23",
         "agenda_url": None, "minutes_url": None},
        {"date": "2027-03-04", "starts": "16:00", "ends": "18:30", "place": "Rathaus, Saal Westfalia",
         "agenda_url": "http://localhost" + agenda.url, "minutes_url": None},
    ]


@pytest.mark.django_db
def test_committee_members_come_alphabetically_when_the_page_shows_them_so(client, committee):
    committee.member_order = committee.MemberOrder.ALPHABETICAL
    committee.save()
    CommitteeMember.objects.create(committee=committee, name="Ökumenischer Arbeitskreis", role="advisory")
    data = api_get(client, f"{API}{committee.pk}/?fields=_,members")
    names = [member["name"] for member in data["members"]]
    assert names == [member.name for member in page_at(COMMITTEE_PATH).sorted_members]
    assert names == sorted(names, key=german_sort_key) != [member.name for member in committee.members.all()]
    advisory = next(member for member in data["members"] if member["name"] == "Ökumenischer Arbeitskreis")
    assert advisory["role"] == {"code": "advisory", "label": "beratend"}


@pytest.mark.django_db
def test_a_committee_names_neither_a_draft_managing_office_nor_private_papers(client, committee, integration_page):
    committee.managing_office = OfficePageFactory(parent=integration_page, title="Noch nicht veröffentlicht", live=False)
    committee.save()
    internal = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    minutes = make_document("Interne Niederschrift")
    minutes.collection = internal
    minutes.save()
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2027, 3, 4), minutes=minutes)

    data = api_get(client, f"{API}?type=pages.CommitteePage&fields=managing_office,meetings&id={committee.pk}")

    assert data["items"][0]["managing_office"] is None
    assert data["items"][0]["meetings"][0]["minutes_url"] is None
    assert "Noch nicht veröffentlicht" not in json.dumps(data, ensure_ascii=False)


# --- funding programs --------------------------------------------------------


@pytest.mark.django_db
def test_a_program_shows_funder_target_groups_amounts_rounds_and_todays_status(client, program, program_index):
    with freeze_time("2027-09-10 12:00:00+02:00"):
        data = api_get(client, f"{API}?type=programs.FundingProgramPage&child_of={program_index.pk}&fields=*")
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["id"] == program.pk
    assert item["intro"] == "Kleine Zuschüsse für Nachbarschaftsprojekte."
    assert item["funder"] == {"code": "stadt", "label": "Stadt Dortmund"}
    assert item["target_groups"] == [{"slug": "initiativen", "name": "Initiativen"}, {"slug": "vereine", "name": "Vereine"}]
    assert item["rolling"] is False
    assert item["amounts"] == {"total_budget": "216351.59", "min_per_project": None, "max_per_project": "5000.00"}
    assert item["status"] == {
        "code": "open", "label": "Antragstellung bis 15. September 2027", "opens": "2027-05-01",
        "closes": "2027-09-15", "days_left": 5,
    }
    assert item["application_url"] == "https://formulare.dortmund.de/nachbarschaftsfonds"
    assert [(entry["title"], entry["year"], entry["opens"], entry["closes"], entry["status"]["code"])
            for entry in item["rounds"]] == [
        ("Runde 2026", None, "2026-03-01", "2026-04-30", "closed"),
        ("Runde 2027", None, "2027-05-01", "2027-09-15", "open"),
    ]
    assert item["rounds"][0]["outcome"] == "Zwölf Projekte wurden gefördert."
    assert item["rounds"][0]["amounts"] == {"total_budget": None, "min_per_project": None, "max_per_project": None}
    assert item["contact_persons"] == []


@pytest.mark.django_db
def test_a_program_hides_its_application_link_once_the_deadline_has_passed(client, program):
    with freeze_time("2027-09-16 12:00:00+02:00"):
        data = api_get(client, f"{API}{program.pk}/")
    assert data["status"]["code"] == "closed"
    assert data["status"]["label"] == "Antragsfrist abgelaufen"
    assert data["application_url"] is None


@pytest.mark.django_db
def test_a_rolling_program_accepts_applications_and_programs_filter_by_funder(client, program, program_index):
    rolling = FundingProgramPageFactory(
        parent=program_index, title="Kleinstförderung", rolling=True, funder=FundingProgramPage.Funder.STATE,
        application_url="https://formulare.dortmund.de/kleinst",
    )
    with freeze_time("2027-01-10 12:00:00+01:00"):
        data = api_get(
            client,
            f"{API}?type=programs.FundingProgramPage&child_of={program_index.pk}&funder=land"
            "&fields=status,application_url",
        )
    assert [item["id"] for item in data["items"]] == [rolling.pk]
    assert data["items"][0]["status"]["code"] == "rolling"
    assert data["items"][0]["application_url"] == "https://formulare.dortmund.de/kleinst"


# --- never a draft or private page ---------------------------------------------


@pytest.mark.django_db
def test_drafts_private_pages_and_their_children_are_absent_from_listings(client, hidden_pages):
    parent, public, hidden = hidden_pages
    assert listed_ids(client, f"child_of={parent.pk}") == {public.pk}
    assert listed_ids(client, f"descendant_of={parent.pk}") == {public.pk}
    assert not listed_ids(client, "type=pages.OfficePage&title=Interne Dienststelle")
    for page in hidden:
        assert not listed_ids(client, f"type=pages.TopicPage,pages.OfficePage&slug={page.slug}")
        assert not listed_ids(client, f"type={type(page)._meta.label}&id={page.pk}")
        assert page.title not in json.dumps(api_get(client, f"{API}?descendant_of={parent.pk}&fields=*"))


@pytest.mark.django_db
def test_drafts_private_pages_and_their_children_answer_404_on_detail(client, hidden_pages):
    _, public, hidden = hidden_pages
    assert api_get(client, f"{API}{public.pk}/")["title"] == "Öffentliche Seite"
    for page in hidden:
        assert "message" in api_get(client, f"{API}{page.pk}/", status=404)
        api_get(client, f"{API}find/?html_path={page.url_path.split('/', 2)[2]}", status=404)
        api_get(client, f"{API}?child_of={page.pk}", status=400)


@pytest.mark.django_db
def test_private_pages_stay_hidden_from_a_logged_in_editor_too(client, hidden_pages):
    parent, public, hidden = hidden_pages
    client.force_login(get_user_model().objects.create_superuser("redaktion", "redaktion@dortmund.de", "geheim"))
    assert listed_ids(client, f"descendant_of={parent.pk}") == {public.pk}
    for page in hidden:
        api_get(client, f"{API}{page.pk}/", status=404)


@pytest.mark.django_db
def test_an_alias_in_a_public_section_does_not_name_its_private_original(client, hidden_pages):
    parent, public, (_, private, _) = hidden_pages
    public_alias = public.create_alias(parent=parent, update_slug="zweite-kopie")
    assert api_get(client, f"{API}{public_alias.pk}/")["meta"]["alias_of"]["id"] == public.pk
    alias = private.create_alias(parent=parent, update_slug="oeffentliche-kopie")
    api_get(client, f"{API}{alias.pk}/", status=404)  # Wagtail copies the restriction to the alias
    alias.view_restrictions.all().delete()
    assert api_get(client, f"{API}{alias.pk}/")["meta"]["alias_of"] is None


@pytest.mark.django_db
def test_a_search_finds_published_pages_only(client, hidden_pages):
    _, public, _ = hidden_pages
    # On PostgreSQL the search uses German stemming, so whole words are searched.
    assert public.pk in listed_ids(client, "search=Öffentliche")
    assert not listed_ids(client, "search=Interne")
    assert not listed_ids(client, "search=Entwurf")


# --- robustness ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
def test_a_browser_asking_for_html_gets_json(client, mia_do_ki, accept):
    data = api_get(client, f"{API}?type=pages.OfficePage", HTTP_ACCEPT=accept)
    assert data["meta"]["total_count"] >= 1
    assert api_get(client, f"{API}{mia_do_ki.pk}/?format=api", HTTP_ACCEPT=accept)["id"] == mia_do_ki.pk


@pytest.mark.django_db
def test_any_website_may_read_the_api(client):
    response = client.get(API)
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=-1",
        "limit=1000",
        "offset=abc",
        "type=foo.Bar",
        "type=pages",
        "type=pages.Location",
        "fields=nonexistent",
        "fields=title(",
        "type=pages.OfficePage&fields=locations(street)",
        "type=pages.OfficePage&opening_hours=1",
        "type=programs.FundingProgramPage&target_groups=abc",
        "type=programs.FundingProgramPage&order=rounds",
        "order=nonexistent",
        "unbekannt=1",
        "child_of=abc",
        "descendant_of=999999",
        "id=abc",
        "first_published_at=gestern",
        "type=pages.CommitteePage&founded=neunzehnhundert",
        "type=pages.CommitteePage&managing_office=abc",
        "slug=%00",
        "offset=99999999999999999999",
        "search=%00",
        "search=Integration&offset=%00",
    ],
)
def test_a_bad_parameter_answers_400_with_a_json_message(client, query):
    data = api_get(client, f"{API}?{query}", status=400)
    assert data["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["html_path=%00", "html_path=/%00/", "id=abc", "id=1e99"])
def test_a_bad_find_parameter_answers_400(client, query):
    assert api_get(client, f"{API}find/?{query}", status=400)["message"]


@pytest.mark.django_db
def test_an_unknown_site_answers_404_with_a_json_message(client):
    assert api_get(client, f"{API}?site=nirgendwo.example", status=404)["message"]


@pytest.mark.django_db
def test_the_api_is_read_only(client):
    response = client.post(API, data={"title": "Neu"})
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"


# --- queries ----------------------------------------------------------------


def _listing_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        data = api_get(client, f"{API}?{query}&fields=*&limit=20")
    return len(queries), data["meta"]["total_count"]


def _office_with_rows(parent, n):
    office = OfficePageFactory(parent=parent, title=f"Dienststelle {n}", locations=[LocationFactory()])
    OfficeOpeningHours.objects.create(office=office, weekday=1, opens="08:00", closes="12:00")
    OfficeClosure.objects.create(office=office, starts=datetime.date(2020, 1, 1), ends=datetime.date(2099, 1, 1))
    OfficeContactPerson.objects.create(office=office, name=f"Person {n}")


def _committee_with_rows(parent, n):
    committee = CommitteePageFactory(parent=parent, title=f"Beirat {n}")
    CommitteeMember.objects.create(committee=committee, name=f"Mitglied {n}")
    CommitteeMeeting.objects.create(
        committee=committee, date=datetime.date(2027, 1, n + 1), agenda=make_document(f"Tagesordnung {n}")
    )


def _program_with_rows(parent, n):
    FundingProgramPageFactory(
        parent=parent, title=f"Programm {n}", target_groups=["vereine"],
        rounds=[{"opens": datetime.date(2027, 1, 1), "closes": datetime.date(2027, 2, 1)}],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page_type, make",
    [
        ("pages.OfficePage", _office_with_rows),
        ("pages.CommitteePage", _committee_with_rows),
        ("programs.FundingProgramPage", _program_with_rows),
    ],
)
def test_a_listing_with_all_fields_needs_no_query_per_page(client, integration_page, page_type, make):
    parent = integration_page
    if page_type == "programs.FundingProgramPage":
        parent = FundingProgramIndexPageFactory(parent=integration_page)
    query = f"type={page_type}&descendant_of={parent.pk}"
    make(parent, 0)
    api_get(client, f"{API}?{query}&fields=*")  # warm caches (site root paths, content types)
    few, few_total = _listing_queries(client, query)
    for n in range(1, 6):
        make(parent, n)
    api_get(client, f"{API}?{query}&fields=*")  # new content: the worker fetches site and settings once again
    many, many_total = _listing_queries(client, query)
    assert many_total == few_total + 5
    assert many == few
