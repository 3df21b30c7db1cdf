"""Deadlines as iCalendar feeds (one per program, one for the finder) and the finder as JSON for open data."""

import datetime
import json
from decimal import Decimal

import pytest
from freezegun import freeze_time
from icalendar import Calendar

from programs.models import FundingProgramPage
from tests.factories import FundingProgramIndexPageFactory, FundingProgramPageFactory


@pytest.fixture
def finder(integration_page):
    index = FundingProgramIndexPageFactory(parent=integration_page, title="Förderprogramme im Test")
    FundingProgramPageFactory(
        parent=index,
        title="Nachbarschaftsfonds",
        target_groups=["vereine", "initiativen"],
        total_budget=Decimal("216351.59"),
        amount_max=Decimal("5000"),
        application_url="https://formulare.dortmund.de/nachbarschaftsfonds",
        rounds=[
            {"label": "Runde 2026", "opens": datetime.date(2026, 3, 1), "closes": datetime.date(2026, 4, 30)},
            {"label": "Runde 2027", "opens": datetime.date(2027, 5, 1), "closes": datetime.date(2027, 9, 15)},
        ],
    )
    FundingProgramPageFactory(parent=index, title="Schulpreis", target_groups=["schulen"],
                              rounds=[{"closes": datetime.date(2027, 11, 30)}])
    FundingProgramPageFactory(parent=index, title="Kleinstförderung", rolling=True, funder=FundingProgramPage.Funder.STATE)
    return index


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return sorted(
        ((str(event["summary"]), event.decoded("dtstart"), event.decoded("dtend"), str(event["uid"]))
         for event in calendar.walk("VEVENT")),
        key=lambda item: item[1],
    )


@pytest.mark.django_db
def test_a_programs_feed_holds_the_start_and_deadline_of_each_round_as_all_day_events(client, finder):
    program = FundingProgramPage.objects.get(title="Nachbarschaftsfonds")
    events = events_of(client.get(program.url + "kalender/"))
    assert [(summary, start, end) for summary, start, end, _ in events] == [
        ("Antragsbeginn: Nachbarschaftsfonds (Runde 2026)", datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)),
        ("Antragsfrist: Nachbarschaftsfonds (Runde 2026)", datetime.date(2026, 4, 30), datetime.date(2026, 5, 1)),
        ("Antragsbeginn: Nachbarschaftsfonds (Runde 2027)", datetime.date(2027, 5, 1), datetime.date(2027, 5, 2)),
        ("Antragsfrist: Nachbarschaftsfonds (Runde 2027)", datetime.date(2027, 9, 15), datetime.date(2027, 9, 16)),
    ]
    assert all(type(start) is datetime.date for _, start, _, _ in events)  # all-day, no time zone games
    assert len({uid for *_, uid in events}) == 4


@pytest.mark.django_db
def test_the_finders_feed_holds_every_programs_deadlines_and_follows_the_filters(client, finder):
    events = events_of(client.get(finder.url + "kalender/"))
    assert [summary for summary, *_ in events] == [
        "Antragsbeginn: Nachbarschaftsfonds (Runde 2026)",
        "Antragsfrist: Nachbarschaftsfonds (Runde 2026)",
        "Antragsbeginn: Nachbarschaftsfonds (Runde 2027)",
        "Antragsfrist: Nachbarschaftsfonds (Runde 2027)",
        "Antragsfrist: Schulpreis (Runde 2027)",
    ]
    only_schools = events_of(client.get(finder.url + "kalender/?zielgruppe=schulen"))
    assert [(summary, start) for summary, start, *_ in only_schools] == [
        ("Antragsfrist: Schulpreis (Runde 2027)", datetime.date(2027, 11, 30))
    ]


@pytest.mark.django_db
def test_the_finder_links_its_feeds_with_the_current_filters(client, finder):
    html = client.get(finder.url + "?zielgruppe=schulen").content.decode()
    assert f'href="{finder.url}kalender/?zielgruppe=schulen"' in html
    assert f'href="{finder.url}json/?zielgruppe=schulen"' in html
    # Rolling programs have no dates, so no empty calendar is offered for them.
    html = client.get(finder.url + "?foerdergeber=land").content.decode()
    assert "kalender/" not in html and f'href="{finder.url}json/?foerdergeber=land"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["status=%00", "zielgruppe=999999&zielgruppe=999999", "seite=%FF", "foerdergeber=" + "x" * 3000])
def test_the_feeds_answer_hostile_parameters_with_the_unfiltered_list(client, finder, query):
    assert len(events_of(client.get(f"{finder.url}kalender/?{query}"))) == 5


@pytest.mark.django_db
def test_the_json_lists_the_programs_with_status_window_and_amounts(client, finder):
    with freeze_time("2027-09-10 12:00:00+02:00"):
        response = client.get(finder.url + "json/?status=moeglich")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["as_of"] == "2027-09-10"
    assert data["summary"] == "3 Programme, Antragstellung möglich"
    assert data["filters"] == {"zielgruppe": [], "status": ["moeglich"], "foerdergeber": []}
    # A round with only a deadline is open until then.
    assert [program["title"] for program in data["programs"]] == ["Nachbarschaftsfonds", "Schulpreis", "Kleinstförderung"]
    fund = data["programs"][0]
    assert fund["status"] == {
        "code": "open", "label": "Antragstellung bis 15. September 2027", "opens": "2027-05-01",
        "closes": "2027-09-15", "days_left": 5,
    }
    assert fund["amounts"] == {"total_budget": "216351.59", "min_per_project": None, "max_per_project": "5000.00"}
    assert fund["target_groups"] == [{"slug": "initiativen", "name": "Initiativen"}, {"slug": "vereine", "name": "Vereine"}]
    assert fund["application_url"] == "https://formulare.dortmund.de/nachbarschaftsfonds"
    assert [entry["status"]["code"] for entry in fund["rounds"]] == ["closed", "open"]
    assert fund["calendar_url"].endswith(fund["url"].split("://", 1)[1].split("/", 1)[1] + "kalender/")
    assert data["programs"][2]["status"]["code"] == "rolling"
    assert data["programs"][2]["funder"] == {"code": "land", "label": "Land Nordrhein-Westfalen"}


@pytest.mark.django_db
def test_the_json_hides_the_application_link_once_the_deadline_has_passed(client, finder):
    with freeze_time("2027-09-16 12:00:00+02:00"):
        data = json.loads(client.get(finder.url + "json/").content)
    fund = next(program for program in data["programs"] if program["title"] == "Nachbarschaftsfonds")
    assert fund["status"]["code"] == "closed"
    assert fund["application_url"] is None


@pytest.mark.django_db
def test_the_json_answers_malformed_filters_with_a_hint(client, finder):
    response = client.get(finder.url + "json/?status=%00&zielgruppe=999999")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == 3
    assert len(data["hints"]) == 2
