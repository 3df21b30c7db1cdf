"""Committee pages: facts, members in German order, meetings split by today, an iCalendar feed."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from icalendar import Calendar

from pages.models import CommitteeMeeting, CommitteeMember, CommitteePage
from tests.conftest import page_at
from tests.factories import CommitteePageFactory, make_document

GREMIEN = "/themen/integration/gremien/"


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def texts(nodes):
    return [" ".join(node.get_text(" ").split()) for node in nodes]


@pytest.mark.django_db
def test_seed_committees_show_their_facts_and_members(client):
    soup = soup_of(client, GREMIEN + "rat-der-muslimischen-gemeinden/")
    assert "Gegründet 2007" in " ".join(soup.select_one("dl.facts").get_text(" ").split())
    members = texts(soup.select("ul.members li"))
    assert len(members) == 8
    assert members[0] == "die Arabischen Verbände"
    assert members[-1] == "die Union der Türkisch-Islamischen Kulturvereine in Europa ATIB"

    soup = soup_of(client, GREMIEN + "sprachfoerderung-vernetzungstreffen/")
    assert "Sitzungsrhythmus vierteljährlich" in " ".join(soup.select_one("dl.facts").get_text(" ").split())
    assert len(soup.select("ul.members li")) == 6

    soup = soup_of(client, GREMIEN)
    assert texts(soup.select("#unterthemen ~ ul a")) == [
        "Integrationsrat", "Rat der muslimischen Gemeinden", "Sprachförderung – Vernetzungstreffen",
    ]


@pytest.mark.django_db
def test_integrationsrat_shows_its_managing_office(client):
    soup = soup_of(client, GREMIEN + "integrationsrat/")
    assert soup.select_one(".kicker").get_text(strip=True) == "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
    assert "Südwall 21 - 23" in soup.select_one(".office-box address").get_text()


@pytest.mark.django_db
def test_members_in_german_alphabetical_order(client):
    committee = CommitteePageFactory(parent=page_at(GREMIEN), member_order=CommitteePage.MemberOrder.ALPHABETICAL)
    names = ["Zentralrat", "Straße e.V.", "Şehir Derneği", "Schützenverein", "Ostpark-Initiative", "Öko-Forum",
             "Çağdaş Verein", "Ärztekammer"]
    for position, name in enumerate(names):
        CommitteeMember.objects.create(committee=committee, name=name, sort_order=position)
    soup = soup_of(client, committee.url)
    assert texts(soup.select("ul.members li")) == [
        "Ärztekammer", "Çağdaş Verein", "Öko-Forum", "Ostpark-Initiative", "Schützenverein", "Şehir Derneği",
        "Straße e.V.", "Zentralrat",
    ]


@pytest.mark.django_db
def test_meetings_are_split_into_upcoming_and_past_in_german_format(client):
    committee = CommitteePageFactory(parent=page_at(GREMIEN))
    agenda = make_document("Tagesordnung April", size=90 * 1024)
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2022, 4, 6), starts="16:00",
                                    ends="19:30", place="Rathaus, Saal Westfalia", agenda=agenda)
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2027, 2, 3), starts="17:00")
    with freeze_time("2026-11-23 12:00:00+01:00"):
        soup = soup_of(client, committee.url)
    headings = texts(soup.select("#sitzungen ~ h3"))
    assert headings == ["Kommende Sitzungen", "Vergangene Sitzungen"]
    upcoming, past = soup.select("ul.meetings")
    assert texts(upcoming.select("time")) == ["3. Februar 2027, 17:00 Uhr"]
    first_past = " ".join(past.select_one(":scope > li").get_text().split())
    assert first_past.startswith("6. April 2022, 16:00–19:30 Uhr, Rathaus, Saal Westfalia")
    assert past.select_one(".download-list a").get_text() == "Tagesordnung der Sitzung vom 6. April 2022, 90 KB, PDF"


@pytest.mark.django_db
def test_meeting_ending_before_it_starts_is_refused():
    meeting = CommitteeMeeting(date=datetime.date(2027, 1, 1), starts=datetime.time(18), ends=datetime.time(17))
    with pytest.raises(ValidationError) as caught:
        meeting.clean()
    assert caught.value.message_dict["ends"] == ["Das Ende muss nach dem Beginn liegen."]


@pytest.mark.django_db
def test_calendar_feed_parses_and_keeps_berlin_time(client):
    committee = CommitteePageFactory(parent=page_at(GREMIEN), title="Integrationsrat Sondersitzung")
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2027, 7, 6), starts="16:00",
                                    ends="19:30", place="Rathaus")
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2027, 1, 12), starts="9:00")
    soup = soup_of(client, committee.url)
    feed_url = soup.find("a", string="Sitzungstermine als Kalenderdatei (iCal) herunterladen oder abonnieren")["href"]
    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))
    assert len(events) == 2
    winter, summer = events
    assert str(winter.decoded("dtstart").tzinfo) == "Europe/Berlin"
    assert winter.decoded("dtstart").utcoffset() == datetime.timedelta(hours=1)
    assert summer.decoded("dtstart").hour == 16 and summer.decoded("dtend").minute == 30
    assert summer.decoded("dtstart").utcoffset() == datetime.timedelta(hours=2)
    assert str(summer["location"]) == "Rathaus"
    assert "TZID=Europe/Berlin" in response.content.decode()
    assert calendar.walk("VTIMEZONE")


@pytest.mark.django_db
def test_renamed_committee_shows_its_former_name_and_the_old_address_redirects(
    client, django_capture_on_commit_callbacks
):
    committee = CommitteePageFactory(parent=page_at(GREMIEN), title="Arbeitskreis Sprache", slug="arbeitskreis-sprache")
    old_url = committee.url
    committee.title, committee.slug, committee.former_name = "Netzwerk Sprache", "netzwerk-sprache", "Arbeitskreis Sprache"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail creates the redirect after the commit
        committee.save_revision().publish()
    response = client.get(old_url)
    assert response.status_code == 301
    soup = soup_of(client, response["Location"])
    assert soup.select_one(".former-name").get_text() == "früher: Arbeitskreis Sprache"


@pytest.mark.django_db
def test_committee_page_query_count_does_not_grow_with_members_and_meetings(client):
    from tests.test_query_budget import count_queries

    def committee_with(members, meetings, title):
        committee = CommitteePageFactory(parent=page_at(GREMIEN), title=title)
        for n in range(members):
            CommitteeMember.objects.create(committee=committee, name=f"Verein {n}", sort_order=n)
        for n in range(meetings):
            CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=30 * n),
                                            starts="16:00", agenda=make_document(f"Tagesordnung {n}"))
        return committee

    small = committee_with(2, 1, "Kleines Gremium")
    large = committee_with(30, 20, "Großes Gremium")
    assert count_queries(client, small)[0] == count_queries(client, large)[0]


@pytest.mark.django_db
def test_staedtekooperation_of_seed_004_is_a_committee_page(client):
    path = "/themen/integration/staedtekooperation-integration-interkommunal/"
    assert isinstance(page_at(path), CommitteePage)
    facts = " ".join(soup_of(client, path).select_one("dl.facts").get_text(" ").split())
    assert "Art Städtekooperation" in facts and "Gegründet 2008" in facts
    assert "Neun Ruhrgebietsstädte" in soup_of(client, path).get_text()


@pytest.mark.django_db
def test_a_late_meeting_without_an_end_lasts_two_hours_in_the_feed(client):
    committee = CommitteePageFactory(parent=page_at(GREMIEN))
    CommitteeMeeting.objects.create(committee=committee, date=datetime.date(2027, 7, 6), starts="23:00")
    soup = soup_of(client, committee.url)
    feed_url = soup.select_one("#sitzungen ~ p a")["href"]
    event = Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")[0]
    assert event.decoded("dtstart").hour == 23
    assert event.decoded("duration") == datetime.timedelta(hours=2)
