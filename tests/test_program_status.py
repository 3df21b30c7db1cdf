"""A program's status is computed from its windows on the day of the request, in German, and never stored."""

import datetime
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from programs.amounts import format_euro
from programs.models import FundingRound
from tests.factories import FundingProgramIndexPageFactory, FundingProgramPageFactory

MAY_TO_SEPTEMBER = {"opens": datetime.date(2027, 5, 1), "closes": datetime.date(2027, 9, 15)}


@pytest.fixture
def finder(integration_page):
    return FundingProgramIndexPageFactory(parent=integration_page, title="Förderung im Test")


@pytest.fixture
def program(finder):
    return FundingProgramPageFactory(
        parent=finder,
        title="Nachbarschaftsfonds",
        rounds=[MAY_TO_SEPTEMBER],
        application_url="https://formulare.dortmund.de/nachbarschaftsfonds",
        application_steps=[("step", {"title": "Antrag online ausfüllen", "text": "Mit Kosten- und Finanzierungsplan."})],
    )


def status_box(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.select_one(".program-status")
    return (" ".join(box.get_text(" ").split()) if box else ""), soup


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment, expected, can_apply",
    [
        ("2027-04-30 12:00:00+02:00", "Antragstellung ab 1. Mai 2027", False),
        ("2027-05-01 08:00:00+02:00", "Antragstellung bis 15. September 2027", True),
        ("2027-09-08 12:00:00+02:00", "Antragstellung bis 15. September 2027", True),
        ("2027-09-10 12:00:00+02:00", "Antragstellung bis 15. September 2027 – noch 5 Tage", True),
        ("2027-09-14 12:00:00+02:00", "Antragstellung bis 15. September 2027 – noch 1 Tag", True),
        ("2027-09-15 23:30:00+02:00", "Antragstellung bis 15. September 2027 – nur noch heute", True),
        ("2027-09-16 00:30:00+02:00", "Antragsfrist abgelaufen", False),
    ],
)
def test_status_before_inside_on_the_last_day_of_and_after_the_window(client, program, moment, expected, can_apply):
    with freeze_time(moment):
        status, soup = status_box(client, program)
    assert status.startswith(expected)
    if "noch" not in expected:
        assert "noch" not in status
    apply_links = [link for link in soup.find_all("a") if "formulare.dortmund.de" in link.get("href", "")]
    assert bool(apply_links) is can_apply
    assert ("Jetzt online beantragen" in status) is can_apply


@pytest.mark.django_db
def test_the_same_published_page_changes_its_status_with_the_date_alone(client, program):
    revisions = program.revisions.count()
    with freeze_time("2027-06-01 12:00:00+02:00"):
        before, _ = status_box(client, program)
    with freeze_time("2027-10-01 12:00:00+02:00"):
        after, _ = status_box(client, program)
    assert before.startswith("Antragstellung bis")
    assert after == "Antragsfrist abgelaufen"
    assert program.revisions.count() == revisions


@pytest.mark.django_db
def test_a_closed_program_shows_no_call_to_apply(client, program):
    with freeze_time("2027-10-01 12:00:00+02:00"):
        status, soup = status_box(client, program)
    assert status == "Antragsfrist abgelaufen"
    assert soup.find(id="so-beantragen-sie") is None
    main_text = soup.select_one("main").get_text()
    assert "Jetzt online beantragen" not in main_text and "Zum Online-Antrag" not in main_text
    assert not [link for link in soup.find_all("a") if "formulare.dortmund.de" in link.get("href", "")]


@pytest.mark.django_db
def test_an_upcoming_program_explains_how_to_apply_but_offers_no_form_yet(client, program):
    with freeze_time("2027-04-01 12:00:00+02:00"):
        status, soup = status_box(client, program)
    assert status == "Antragstellung ab 1. Mai 2027"
    assert "Antrag online ausfüllen" in soup.find(id="so-beantragen-sie").parent.get_text()
    assert not [link for link in soup.find_all("a") if "formulare.dortmund.de" in link.get("href", "")]


@pytest.mark.django_db
def test_a_rolling_program_accepts_applications_at_any_time(client, finder):
    program = FundingProgramPageFactory(parent=finder, rolling=True, application_url="https://formulare.dortmund.de/x")
    with freeze_time("2031-02-03 12:00:00+01:00"):
        status, _ = status_box(client, program)
    assert status == "Antragstellung laufend möglich Jetzt online beantragen (externer Link)"


@pytest.mark.django_db
def test_a_program_without_known_window_shows_no_status(client, finder):
    program = FundingProgramPageFactory(parent=finder)
    status, soup = status_box(client, program)
    assert status == ""
    assert "Antragsfrist" not in soup.select_one("main").get_text()


@pytest.mark.django_db
def test_rounds_show_the_current_round_first_and_past_rounds_below(client, finder):
    program = FundingProgramPageFactory(
        parent=finder,
        title="Integrationspreis im Test",
        rounds=[
            {"label": "Preis 2025", "opens": datetime.date(2025, 1, 1), "closes": datetime.date(2025, 3, 31),
             "outcome": "Gewinner: Kulturverein Nordstadt e.V."},
            {"label": "Preis 2027", "opens": datetime.date(2027, 1, 1), "closes": datetime.date(2027, 3, 31),
             "total_budget": Decimal("216351.59"), "amount_min": Decimal("500"), "amount_max": Decimal("5000")},
            {"label": "Preis 2026", "opens": datetime.date(2026, 1, 1), "closes": datetime.date(2026, 3, 31)},
        ],
    )
    with freeze_time("2027-02-01 12:00:00+01:00"):
        status, soup = status_box(client, program)
    assert status == "Antragstellung bis 31. März 2027"
    current = soup.find(id="antragszeitraum").parent
    assert [h3.get_text() for h3 in current.find_all("h3")] == ["Preis 2027"]
    current_text = re.sub(r"[ \n]+", " ", current.get_text(" "))  # keeps the non-breaking spaces
    assert "Gesamtbudget 216.351,59\u00a0€" in current_text
    assert "Pro Projekt 500\u00a0€ bis 5.000\u00a0€" in current_text
    assert "Antragszeitraum 1. Januar 2027 bis 31. März 2027" in current_text
    past = soup.find(id="fruehere-runden").parent
    assert [h3.get_text() for h3 in past.find_all("h3")] == ["Preis 2026", "Preis 2025"]
    assert "Ergebnis: Gewinner: Kulturverein Nordstadt e.V." in " ".join(past.get_text(" ").split())
    # Headings follow the page's h1 > h2 > h3 order.
    assert soup.find(id="antragszeitraum").name == "h2"


@pytest.mark.django_db
def test_an_open_round_wins_over_a_rolling_flag_which_wins_over_an_upcoming_round(client, finder):
    program = FundingProgramPageFactory(
        parent=finder,
        rolling=True,
        application_url="https://formulare.dortmund.de/x",
        rounds=[{"closes": datetime.date(2027, 1, 10)}, {"opens": datetime.date(2027, 3, 1), "closes": datetime.date(2027, 4, 1)}],
    )
    with freeze_time("2027-01-05 12:00:00+01:00"):
        assert status_box(client, program)[0].startswith("Antragstellung bis 10. Januar 2027 – noch 5 Tage")
    with freeze_time("2027-02-01 12:00:00+01:00"):
        status, soup = status_box(client, program)
    # Applications are possible at any time, also while the next round has not opened yet.
    assert status == "Antragstellung laufend möglich Jetzt online beantragen (externer Link)"
    assert soup.find(id="antragszeitraum").get_text() == "Nächste Runde"
    with freeze_time("2027-03-02 12:00:00+01:00"):
        assert status_box(client, program)[0].startswith("Antragstellung bis 1. April 2027")
    with freeze_time("2027-05-01 12:00:00+02:00"):
        assert status_box(client, program)[0].startswith("Antragstellung laufend möglich")


@pytest.mark.django_db
def test_an_upcoming_round_is_the_next_round_and_an_open_one_the_current_round(client, finder):
    program = FundingProgramPageFactory(parent=finder, rounds=[MAY_TO_SEPTEMBER, {"opens": datetime.date(2028, 5, 1)}])
    with freeze_time("2027-04-01 12:00:00+02:00"):
        _, soup = status_box(client, program)
    assert soup.find(id="antragszeitraum").get_text() == "Kommende Runden"
    with freeze_time("2027-06-01 12:00:00+02:00"):
        _, soup = status_box(client, program)
    assert soup.find(id="antragszeitraum").get_text() == "Aktuelle und kommende Runden"


@pytest.mark.django_db
def test_a_round_without_dates_is_past_once_its_year_is_over_without_claiming_a_deadline(finder):
    program = FundingProgramPageFactory(parent=finder, rounds=[{"year": 2009, "label": "Integrationspreis 2009"}])
    assert program.status_on(datetime.date(2009, 6, 1)).label == ""
    assert program.status_on(datetime.date(2010, 1, 1)).label == "Derzeit keine Antragstellung möglich"


def test_a_window_ending_before_it_starts_is_refused_in_german():
    funding_round = FundingRound(opens=datetime.date(2027, 5, 1), closes=datetime.date(2027, 4, 30))
    with pytest.raises(ValidationError) as error:
        funding_round.clean()
    assert error.value.message_dict["closes"] == ["Das Ende der Antragsfrist darf nicht vor ihrem Beginn liegen."]


@pytest.mark.parametrize("field", ["opens", "closes"])
def test_dates_far_outside_any_real_window_are_refused(field):
    funding_round = FundingRound(**{field: datetime.date(9999, 12, 31)})
    with pytest.raises(ValidationError) as error:
        funding_round.clean()
    assert error.value.message_dict[field] == ["Bitte ein Datum zwischen 1950 und 2100 angeben."]


def test_a_round_needs_a_year_or_a_window():
    with pytest.raises(ValidationError) as error:
        FundingRound(label="Herbstrunde").clean()
    assert error.value.message_dict["year"] == ["Bitte geben Sie ein Jahr oder einen Antragszeitraum an."]


def test_a_maximum_below_the_minimum_is_refused_in_german():
    funding_round = FundingRound(year=2027, amount_min=Decimal("5000"), amount_max=Decimal("500"))
    with pytest.raises(ValidationError) as error:
        funding_round.clean()
    assert error.value.message_dict["amount_max"] == ["Der Höchstbetrag darf nicht kleiner als der Mindestbetrag sein."]


@pytest.mark.parametrize(
    "amount, expected",
    [
        (Decimal("216351.59"), "216.351,59\u00a0€"),
        (Decimal("5000"), "5.000\u00a0€"),
        (Decimal("5000.50"), "5.000,50\u00a0€"),
        (Decimal("0.99"), "0,99\u00a0€"),
        (Decimal("1250000"), "1.250.000\u00a0€"),
    ],
)
def test_euro_amounts_are_written_the_german_way(amount, expected):
    assert format_euro(amount) == expected
