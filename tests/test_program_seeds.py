"""The three programs of the seeds, with only the facts the seeds give: no invented deadline or amount."""

import pytest
from bs4 import BeautifulSoup

FINDER = "/themen/integration/foerderprogramme/"
FOERDERMITTEL = FINDER + "foerdermittel-integrations-und-teilhabeprojekte/"
KOMM_IN = FINDER + "komm-in-nrw-interkommunale-zusammenarbeit/"
PREIS = FINDER + "integrationspreis/"


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def main_text(soup):
    return " ".join(soup.select_one("main").get_text(" ").split())


@pytest.mark.django_db
def test_the_finder_lists_the_three_seed_programs(client):
    soup = soup_of(client, FINDER)
    titles = [heading.get_text(strip=True) for heading in soup.select(".program-card__title")]
    assert titles == [
        "Fördermittel für Integrations- und Teilhabeprojekte",
        "KOMM-IN NRW – Interkommunale Zusammenarbeit",
        "Integrationspreis der Stadt Dortmund",
    ]
    assert soup.select_one(".finder-results__summary").get_text() == "3 Programme"


@pytest.mark.django_db
def test_foerdermittel_show_the_target_groups_and_projects_of_seed_000_and_no_invented_window(client):
    soup = soup_of(client, FOERDERMITTEL)
    text = main_text(soup)
    assert "Zielgruppen Initiativen, kirchliche Träger, Migrantenorganisationen, Vereine, Wohlfahrtsverbände" in text
    funded = [item.get_text() for item in soup.select(".funded-items li")]
    assert funded[0] == "Fachveranstaltungen" and funded[-1] == "Vereinsstrukturen" and len(funded) == 9
    assert "Fördergeber Stadt Dortmund" in text
    assert soup.select_one(".program-status") is None
    assert "€" not in text and "Antragsfrist" not in text


@pytest.mark.django_db
def test_komm_in_is_a_state_program_for_six_ruhr_cities(client):
    text = main_text(soup_of(client, KOMM_IN))
    assert "Fördergeber Land Nordrhein-Westfalen" in text
    assert "Die Städte Bochum, Dortmund, Essen, Mülheim, Duisburg und Oberhausen" in text
    assert "Zielgruppen Kommunen" in text


@pytest.mark.django_db
def test_integrationspreis_shows_its_rounds_2011_and_2009_with_the_winner(client):
    soup = soup_of(client, PREIS)
    past = soup.find(id="fruehere-runden").parent
    assert [heading.get_text() for heading in past.find_all("h3")] == ["Integrationspreis 2011", "Integrationspreis 2009"]
    assert "Ergebnis: Der Gewinner des Integrationspreises 2009 war die Alevitische Gemeinde H.B.V. e.V." in " ".join(past.get_text(" ").split())
    assert "Sparkasse Dortmund" in main_text(soup)
    # The seeds give the years of the prize, never a deadline.
    assert soup.select_one(".program-status").get_text(strip=True) == "Derzeit keine Antragstellung möglich"
    assert soup.find(id="so-beantragen-sie") is None


@pytest.mark.django_db
def test_seed_pages_link_the_program_pages(client):
    seed_001 = soup_of(client, "/themen/integration/masterplan-migration-integration/arbeitsschwerpunkte/")
    assert seed_001.find("a", string="Mehr zum Projekt „Interkommunale Zusammenarbeit“")["href"] == KOMM_IN
    seed_000 = soup_of(client, "/themen/integration/masterplan-migration-integration/")
    assert seed_000.find("a", href=FOERDERMITTEL) is not None
