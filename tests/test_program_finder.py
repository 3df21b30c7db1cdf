"""The finder: filters by target group, status and funder as a plain GET form, sorted by what matters now."""

import datetime

import pytest
from bs4 import BeautifulSoup
from freezegun import freeze_time

from programs.models import FundingProgramPage
from tests.factories import FundingProgramIndexPageFactory, FundingProgramPageFactory

TODAY = "2027-06-01 12:00:00+02:00"
LAND = FundingProgramPage.Funder.STATE


def window(opens, closes):
    return [{"opens": opens, "closes": closes}]


@pytest.fixture
def finder(integration_page):
    """Six programs in every state on 1 June 2027, created in an order that is not the expected one."""
    index = FundingProgramIndexPageFactory(parent=integration_page, title="Förderfinder")
    FundingProgramPageFactory(parent=index, title="Abgelaufen", target_groups=["vereine"],
                              rounds=window(datetime.date(2027, 1, 1), datetime.date(2027, 1, 31)))
    FundingProgramPageFactory(parent=index, title="Ohne Termin")
    FundingProgramPageFactory(parent=index, title="Laufend", target_groups=["vereine"], rolling=True,
                              funder=FundingProgramPage.Funder.FEDERAL)
    FundingProgramPageFactory(parent=index, title="Demnächst", target_groups=["schulen"],
                              rounds=window(datetime.date(2027, 7, 1), datetime.date(2027, 8, 1)))
    FundingProgramPageFactory(parent=index, title="Frist am 10. Juni", target_groups=["vereine"],
                              rounds=window(datetime.date(2027, 5, 1), datetime.date(2027, 6, 10)))
    FundingProgramPageFactory(parent=index, title="Frist am 5. Juni", target_groups=["vereine", "initiativen"],
                              funder=LAND, rounds=window(datetime.date(2027, 5, 1), datetime.date(2027, 6, 5)))
    return index


def visit(client, url):
    with freeze_time(TODAY):
        response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [heading.get_text(strip=True) for heading in soup.select(".program-card__title")]


def summary(soup):
    return soup.select_one(".finder-results__summary").get_text(strip=True)


def hints(soup):
    return [item.get_text(strip=True) for item in soup.select(".finder-results__hints li")]


@pytest.mark.django_db
def test_open_by_nearest_deadline_then_upcoming_then_rolling_then_closed(client, finder):
    soup = visit(client, finder.url)
    assert titles(soup) == ["Frist am 5. Juni", "Frist am 10. Juni", "Demnächst", "Laufend", "Ohne Termin", "Abgelaufen"]
    assert summary(soup) == "6 Programme"
    first = " ".join(soup.select_one(".program-card").get_text(" ").split())
    assert "Fördergeber Land Nordrhein-Westfalen" in first
    assert "Antragstellung Antragstellung bis 5. Juni 2027 – noch 4 Tage" in first
    assert "Zielgruppen Initiativen, Vereine" in first
    upcoming = " ".join(soup.select(".program-card")[2].get_text(" ").split())
    assert "Antragstellung ab 1. Juli 2027 Antragsfrist 1. August 2027" in upcoming


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected_titles, expected_summary",
    [
        ("zielgruppe=vereine", ["Frist am 5. Juni", "Frist am 10. Juni", "Laufend", "Abgelaufen"],
         "4 Programme für Vereine"),
        ("status=moeglich", ["Frist am 5. Juni", "Frist am 10. Juni", "Laufend"], "3 Programme, Antragstellung möglich"),
        ("status=demnaechst", ["Demnächst"], "1 Programm, Antragstellung demnächst"),
        ("status=abgelaufen", ["Abgelaufen"], "1 Programm, Antragsfrist abgelaufen"),
        ("foerdergeber=land", ["Frist am 5. Juni"], "1 Programm, Fördergeber: Land Nordrhein-Westfalen"),
        ("zielgruppe=vereine&status=moeglich", ["Frist am 5. Juni", "Frist am 10. Juni", "Laufend"],
         "3 Programme für Vereine, Antragstellung möglich"),
        ("zielgruppe=vereine&zielgruppe=schulen&status=moeglich&status=demnaechst",
         ["Frist am 5. Juni", "Frist am 10. Juni", "Demnächst", "Laufend"],
         "4 Programme für Schulen oder Vereine, Antragstellung möglich oder Antragstellung demnächst"),
        ("zielgruppe=vereine&status=moeglich&foerdergeber=bund", ["Laufend"],
         "1 Programm für Vereine, Antragstellung möglich, Fördergeber: Bund"),
        ("zielgruppe=schulen&status=abgelaufen", [], "Kein Programm für Schulen, Antragsfrist abgelaufen"),
    ],
)
def test_each_filter_alone_and_combined(client, finder, query, expected_titles, expected_summary):
    soup = visit(client, f"{finder.url}?{query}")
    assert titles(soup) == expected_titles
    assert summary(soup) == expected_summary
    assert hints(soup) == []


@pytest.mark.django_db
def test_the_chosen_filters_stay_selected_and_counts_follow_the_other_filters(client, finder):
    soup = visit(client, f"{finder.url}?zielgruppe=vereine&status=moeglich")
    checked = sorted(box["id"] for box in soup.select("form.finder-form input[checked]"))
    assert checked == ["status-moeglich", "zielgruppe-vereine"]
    label = soup.find("label", attrs={"for": "foerdergeber-bund"})
    assert label.get_text() == "Bund (1 Programm)"
    # Counts of status options follow the target group filter, not the status filter itself.
    assert "(1" in soup.find("label", attrs={"for": "status-abgelaufen"}).get_text()


@pytest.mark.django_db
def test_the_form_is_a_labelled_get_form_without_javascript(client, finder):
    soup = visit(client, finder.url)
    form = soup.select_one("form.finder-form")
    assert form["method"] == "get" and form["action"] == finder.url
    assert [legend.get_text() for legend in form.find_all("legend")] == ["Zielgruppe", "Antragstellung", "Fördergeber"]
    for box in form.select("input[type=checkbox]"):
        assert form.find("label", attrs={"for": box["id"]}) is not None
    assert form.find("button", attrs={"type": "submit"}).get_text() == "Filter anwenden"
    inline = [script for script in soup.find_all("script") if not script.get("src") and script.get("type") != "application/ld+json"]
    assert inline == [] and not [name for name in form.attrs if name.startswith("on")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected_hint",
    [
        ("status=%00", "Eine Angabe für „Antragstellung“ ist uns nicht bekannt und wurde nicht berücksichtigt."),
        ("zielgruppe=999999", "Eine Angabe für „Zielgruppe“ ist uns nicht bekannt und wurde nicht berücksichtigt."),
        ("foerdergeber=%FF%FE", "Eine Angabe für „Fördergeber“ ist uns nicht bekannt und wurde nicht berücksichtigt."),
        ("zielgruppe=%ZZ", "Eine Angabe für „Zielgruppe“ ist uns nicht bekannt und wurde nicht berücksichtigt."),
        ("zielgruppe=" + "x" * 5000, "Eine Angabe für „Zielgruppe“ ist uns nicht bekannt und wurde nicht berücksichtigt."),
        ("seite=abc", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=0", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=-1", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=1e5", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=%D9%A2", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=" + "9" * 5000, "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=1&seite=2", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
        ("seite=7", "Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite 1."),
    ],
)
def test_malformed_parameters_are_ignored_with_a_german_hint(client, finder, query, expected_hint):
    soup = visit(client, f"{finder.url}?{query}")
    assert hints(soup) == [expected_hint]
    assert len(titles(soup)) == 6
    assert "\x00" not in str(soup)


@pytest.mark.django_db
def test_repeated_and_mixed_parameters_keep_the_valid_values(client, finder):
    soup = visit(client, f"{finder.url}?zielgruppe=vereine&zielgruppe=vereine&zielgruppe=999999&status=&unbekannt=1")
    assert summary(soup) == "4 Programme für Vereine"
    assert hints(soup) == ["Eine Angabe für „Zielgruppe“ ist uns nicht bekannt und wurde nicht berücksichtigt."]


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client, integration_page):
    index = FundingProgramIndexPageFactory(parent=integration_page, title="Viele Programme")
    for number in range(23):
        FundingProgramPageFactory(parent=index, title=f"Programm {number:02d}", target_groups=["vereine"])
    FundingProgramPageFactory(parent=index, title="Für Schulen", target_groups=["schulen"])

    first = visit(client, f"{index.url}?zielgruppe=vereine")
    assert summary(first) == "23 Programme für Vereine"
    assert titles(first) == [f"Programm {number:02d}" for number in range(10)]
    pages = first.select_one("nav.pagination")
    assert pages["aria-label"] == "Seiten der Ergebnisliste"
    assert pages.select_one("a[aria-current=page]").get_text(" ", strip=True) == "Seite 1"
    next_link = pages.select_one("a[rel=next]")
    assert next_link["href"] == "?zielgruppe=vereine&seite=2"

    last = visit(client, f"{index.url}?zielgruppe=vereine&seite=3")
    assert titles(last) == ["Programm 20", "Programm 21", "Programm 22"]
    assert last.select_one("a[rel=prev]")["href"] == "?zielgruppe=vereine&seite=2"
    assert last.select_one("a[rel=next]") is None


@pytest.mark.django_db
def test_drafts_and_private_programs_are_not_listed(client, finder):
    draft = FundingProgramPageFactory(parent=finder, title="Entwurf", live=False)
    private = FundingProgramPageFactory(parent=finder, title="Nur intern")
    private.view_restrictions.create(restriction_type="login")
    soup = visit(client, finder.url)
    assert draft.title not in titles(soup)
    assert private.title not in titles(soup)
    assert summary(soup) == "6 Programme"
