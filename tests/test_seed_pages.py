"""Each seed page of today's site is served by the portal with everything the seed shows."""

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import page_at

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEEDS = {
    "000": ("30-masterplan-migration-integration.yaml", "Friedensplatz, Berswordthalle und altes Stadthaus",
            "Jesús González Rebordinos"),
    "001": ("31-arbeitsschwerpunkte.yaml", "Friedensplatz, Berswordthalle und altes Stadthaus",
            "Jesús González Rebordinos"),
    "002": ("32-masterplanprozess-ab-2005.yaml", "Alte Koerne Haus",
            "Fachbereich Marketing + Kommunikation / Roland Gorecki"),
    "003": ("33-schwerpunkte-der-arbeit.yaml", "Friedensplatz, Berswordthalle und altes Stadthaus",
            "Jesús González Rebordinos"),
    "004": ("34-staedtekooperation-integration-interkommunal.yaml",
            "Friedensplatz, Berswordthalle und altes Stadthaus", "Jesús González Rebordinos"),
}


def fixture(seed):
    with open(FIXTURES / SEEDS[seed][0], encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def get_soup(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def related_entries(soup):
    section = soup.find("section", attrs={"aria-labelledby": "mehr-zum-thema"})
    if section is None:
        return []
    return [(title.replace(" (externer Link)", ""), teaser) for title, teaser in related_entries_of(section)]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_page_shows_title_breadcrumb_office_and_hero(client, seed):
    spec = fixture(seed)
    soup = get_soup(client, spec["path"])

    assert soup.html["lang"] == "de"
    assert [text(h1) for h1 in soup.find_all("h1")] == [spec["title"]]
    assert text(soup.select_one(".page-header__office")) == "Amt für Angelegenheiten des Oberbürgermeisters und des Rates"
    assert text(soup.select_one(".kicker")) == "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"

    crumbs = soup.find("nav", attrs={"aria-label": "Sie sind hier"}).find_all("li")
    assert [text(crumb) for crumb in crumbs[:2]] == ["Themen", "Integration"]
    current = crumbs[-1].find(attrs={"aria-current": "page"})
    assert current is not None and current.name != "a"
    assert text(current) == spec.get("short_title", spec["title"])

    caption, credit = SEEDS[seed][1], SEEDS[seed][2]
    figure = soup.select_one("figure.hero figcaption")
    assert caption in text(figure)
    assert f"Bild (Bildlizenz/Fotograf/Grafiker): {credit}" in text(figure)

    box = soup.find("section", attrs={"aria-labelledby": "anschrift"})
    assert text(box.find("h2")) == "Anschrift und Erreichbarkeit"
    assert "Südwall 21 - 23 44137 Dortmund" in text(box.find("address"))
    assert box.find("img")["alt"] == ""  # decorative: the office's name follows it
    assert "Betenstraße" not in soup.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_page_lists_every_related_entry_in_order(client, seed):
    spec = fixture(seed)
    soup = get_soup(client, spec["path"])
    expected = []
    for entry in spec.get("related", []):
        if entry.get("page") == spec["path"]:
            continue  # the seed lists the page itself; the portal never does
        if "page" in entry:
            target = page_at(entry["page"])
            expected.append((target.title, entry.get("teaser") or target.search_description))
        else:
            expected.append((entry["title"], entry["teaser"]))
    assert related_entries(soup) == expected


@pytest.mark.django_db
def test_masterplan_lists_the_fifteen_entries_of_the_seed_and_the_funding_program(client):
    entries = related_entries(get_soup(client, "/themen/integration/masterplan-migration-integration/"))
    assert len(entries) == 16
    assert entries[0] == (
        "Migrationsberatung & Jugendmigrationsdienste",
        "Informationen zu Migrationsberatung und Jugendmigrationsdiensten in Dortmund",
    )
    assert entries[-2] == ("Integrationsrat", "Informationen zum Integrationsrat der Stadt Dortmund")
    assert entries[-1][0] == "Fördermittel für Integrations- und Teilhabeprojekte"
    assert ("Schwerpunkte der Arbeit",
            "Es werden die Schwerpunkte der Arbeit des Kommunalen Integrationszentrums Dortmund beschrieben.") in entries


@pytest.mark.django_db
def test_staedtekooperation_does_not_list_itself(client):
    spec = fixture("004")
    entries = related_entries(get_soup(client, spec["path"]))
    assert len(entries) == 14  # the seed lists 15, one of them the page itself
    assert spec["title"] not in [title for title, _ in entries]
    assert entries[-1][0] == "Integration als Querschnitt"


@pytest.mark.django_db
def test_seed_texts_timeline_notice_and_members_are_rendered(client):
    soup = get_soup(client, "/themen/integration/masterplan-migration-integration/masterplanprozess-ab-2005/")
    periods = [text(item) for item in soup.select("ol.timeline > li")]
    assert len(periods) == 3
    assert periods[0].startswith("Erste Periode 2006–2010")
    assert periods[2].startswith("Dritte Periode ab 2013")

    soup = get_soup(client, "/themen/integration/schwerpunkte-der-arbeit/")
    notice = soup.select_one("aside.notice")
    assert "Zum Thema" in text(notice)
    assert "Am 30. Januar eröffnete Oberbürgermeister Ullrich Sierau" in text(notice)

    soup = get_soup(client, "/themen/integration/masterplan-migration-integration/arbeitsschwerpunkte/")
    members = [text(item) for item in soup.select(".rich-text li")]
    assert "die Türkisch-Islamische Union der Anstalt für Religion DITIB" in members
    assert "Bundesamt für Migration und Flüchtlinge (BAMF)" in members


@pytest.mark.django_db
def test_staedtekooperation_offers_its_download_with_size_and_type(client):
    soup = get_soup(client, "/themen/integration/staedtekooperation-integration-interkommunal/")
    link = soup.select_one(".download-list a")
    label = link.get_text()
    assert label.startswith("Basismodul - Umgang mit Vielfalt, ")
    assert label.endswith(" KB, PDF")
    assert client.get(link["href"]).status_code == 200


@pytest.mark.django_db
def test_header_and_footer_come_from_site_settings(client):
    soup = get_soup(client, "/")
    assert text(soup.select_one(".site-brand__name")) == "Stadt Dortmund"
    assert text(soup.select_one(".site-brand__slogan")) == "Dortmund überrascht. Dich."
    footer = soup.find("footer").find("nav", attrs={"aria-label": "Rechtliches und Kontakt"})
    assert [text(a) for a in footer.find_all("a")] == [
        "Impressum", "Datenschutz", "Barrierefreiheit", "Kontakt", "Barriere melden"
    ]
    for link in footer.find_all("a"):
        assert client.get(link["href"]).status_code == 200
    assert soup.find("a", class_="skip-link")["href"] == "#inhalt"
    access = soup.find("header").find("nav", attrs={"aria-label": "Andere Sprachformen"})
    assert [(text(a), a["href"]) for a in access.find_all("a")] == [
        ("Leichte Sprache", "/leichte-sprache/"), ("Gebärdensprache", "/gebaerdensprache/")
    ]
    main_nav = soup.find("nav", attrs={"aria-label": "Hauptnavigation"})
    assert [text(a) for a in main_nav.find_all("a")] == ["Themen", "Themen A–Z", "Rathaus"]
    assert main_nav.find(attrs={"aria-current": True}) is None
    soup = get_soup(client, "/themen/")
    assert text(soup.find("nav", attrs={"aria-label": "Hauptnavigation"}).find(attrs={"aria-current": "page"})) == "Themen"
    soup = get_soup(client, "/themen/integration/")
    assert text(soup.find("nav", attrs={"aria-label": "Hauptnavigation"}).find(attrs={"aria-current": "true"})) == "Themen"
    assert soup.find("main")["id"] == "inhalt"


@pytest.mark.django_db
def test_topic_with_children_lists_them_with_their_teasers(client):
    soup = get_soup(client, "/themen/integration/")
    section = soup.find("section", attrs={"aria-labelledby": "unterthemen"})
    assert [title for title, _ in related_entries_of(section)] == [
        "Masterplan Migration/Integration in Dortmund",
        "Schwerpunkte der Arbeit",
        'Städtekooperation "Integration.Interkommunal"',
        "Gremien und Netzwerke",
        "Förderprogramme",
    ]
    assert related_entries_of(section)[1][1] == (
        "Es werden die Schwerpunkte der Arbeit des Kommunalen Integrationszentrums Dortmund beschrieben."
    )


def related_entries_of(section):
    return [(text(item.find("a")), text(item.find("p"))) for item in section.find_all("li")]


@pytest.mark.django_db
def test_home_page_lists_sections_and_their_pages(client):
    soup = get_soup(client, "/")
    assert [text(h1) for h1 in soup.find_all("h1")] == ["Integration in Dortmund"]
    sections = {text(section.find("h2")): [text(a) for a in section.select("li a")] for section in soup.select(".home-section")}
    assert sections == {"Themen": ["Integration"], "Themen A–Z": [], "Rathaus": ["Verwaltung"]}
