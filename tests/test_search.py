"""The site search finds German word forms, forgives typing, ranks titles first and never fails."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.rich_text import RichText

from pages.roles import EDITORS, OFFICE_STAFF
from search.models import UnansweredQuery
from tests.conftest import page_at
from tests.factories import CommitteePageFactory, TopicPageFactory
from tests.test_roles import user_in

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="German stemming and trigrams need PostgreSQL"
)


def search(client, query, **params):
    response = client.get("/suche/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [link.get_text(strip=True) for link in soup.select("section[aria-labelledby=ergebnisse] h3 a")]


def heading(soup):
    return soup.find(id="ergebnisse").get_text(strip=True)


@pytest.fixture
def einbuergerung(integration_page):
    return TopicPageFactory(
        parent=integration_page,
        title="Einbürgerung",
        search_description="Wie Sie die deutsche Staatsangehörigkeit erhalten.",
    )


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        ("Einbürgerungen", "Einbürgerung"),
        ("Städtekooperationen", 'Städtekooperation "Integration.Interkommunal"'),
        ("Einbuergerung", "Einbürgerung"),
        ("Staedtekooperation", 'Städtekooperation "Integration.Interkommunal"'),
        ("eingebürgert", "Einbürgerung"),
        ("gefördert", "KOMM-IN NRW – Interkommunale Zusammenarbeit"),
    ],
)
def test_german_word_forms_spelled_out_umlauts_participles_and_typos_find_the_page(
    client, einbuergerung, query, expected
):
    assert expected in titles(search(client, query))


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    "typo, expected",
    [("Integrationsprise", "Integrationspreis der Stadt Dortmund"), ("Integratonsrat", "Integrationsrat"),
     ("Stätekooperation", 'Städtekooperation "Integration.Interkommunal"')],
)
def test_a_typo_finds_the_page_with_the_most_similar_title_first_and_little_else(client, typo, expected):
    found = titles(search(client, typo))
    assert found[0] == expected
    assert len(found) <= 5


@postgres_only
@pytest.mark.django_db
def test_when_no_page_has_all_words_pages_with_any_of_them_are_shown(client):
    found = titles(search(client, "Integrationsrat Sitzungsgeld"))
    assert found[0] == "Integrationsrat"


@pytest.mark.django_db
def test_a_title_equal_to_the_query_comes_first(client):
    assert titles(search(client, "Integration"))[0] == "Integration"


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("query", ["und", "der die das", "Xy"])
def test_short_and_common_words_do_not_fall_back_to_similar_titles(client, query):
    assert len(titles(search(client, query))) < 10


@postgres_only
@pytest.mark.django_db
def test_a_plural_finds_the_singular_in_the_text(client, integration_page):
    TopicPageFactory(
        parent=integration_page,
        title="Beratung für Vereine",
        body=[("text", RichText("<p>Jede Migrantenorganisation kann sich beraten lassen.</p>"))],
    )
    assert "Beratung für Vereine" in titles(search(client, "Migrantenorganisationen"))


@pytest.mark.django_db
def test_title_matches_rank_above_text_matches(client, integration_page):
    TopicPageFactory(parent=integration_page, title="Allgemeines", search_description="Alles über Sprachcafés in Dortmund.")
    TopicPageFactory(parent=integration_page, title="Sprachcafés", search_description="Treffpunkte zum Deutschlernen.")
    assert titles(search(client, "Sprachcafés"))[:2] == ["Sprachcafés", "Allgemeines"]


@pytest.mark.django_db
def test_results_show_title_breadcrumb_and_teaser(client, einbuergerung):
    soup = search(client, "Einbürgerung")
    result = soup.select_one("section[aria-labelledby=ergebnisse] li.search-result")
    assert result.h3.get_text(strip=True) == "Einbürgerung"
    assert result.h3.a["href"] == einbuergerung.url
    assert " ".join(result.select_one(".search-result__path").get_text(" ").split()) == "Bereich: Themen › Integration"
    assert "Wie Sie die deutsche Staatsangehörigkeit erhalten." in result.get_text()
    assert heading(soup) == "1 Ergebnis für „Einbürgerung“"


@pytest.mark.django_db
def test_kinds_are_links_with_counts_and_filter_the_results(client, integration_page):
    TopicPageFactory(parent=integration_page, title="Netzwerkarbeit im Stadtbezirk")
    CommitteePageFactory(parent=page_at("/themen/integration/gremien/"), title="Netzwerkarbeit Nord")
    soup = search(client, "Netzwerkarbeit")
    links = {link.get_text(strip=True): link["href"] for link in soup.select("nav.search-kinds a")}
    assert links["Alle (2)"] == "?q=Netzwerkarbeit"
    assert links["Themen (1)"] == "?q=Netzwerkarbeit&art=themen"
    assert links["Gremien (1)"] == "?q=Netzwerkarbeit&art=gremien"
    only_committees = search(client, "Netzwerkarbeit", art="gremien")
    assert titles(only_committees) == ["Netzwerkarbeit Nord"]
    assert only_committees.select_one("nav.search-kinds a[aria-current]").get_text(strip=True) == "Gremien (1)"
    unknown = search(client, "Netzwerkarbeit", art="<script>")
    assert len(titles(unknown)) == 2
    assert "Diese Art von Seiten gibt es nicht" in unknown.get_text()


@pytest.mark.django_db
def test_results_are_paginated_and_keep_the_query(client, integration_page):
    for number in range(13):
        TopicPageFactory(parent=integration_page, title=f"Willkommenskurs {number:02d}")
    first = search(client, "Willkommenskurs")
    assert heading(first) == "13 Ergebnisse für „Willkommenskurs“"
    assert len(titles(first)) == 10
    assert first.select_one("a[rel=next]")["href"] == "?q=Willkommenskurs&seite=2"
    second = search(client, "Willkommenskurs", seite="2")
    assert len(titles(second)) == 3
    assert second.select_one("ol.search-results")["start"] == "11"


@pytest.mark.django_db
def test_editors_recommendations_come_first_as_empfohlen(client, mia_do_ki):
    soup = search(client, "MIA-DO-KI")
    promoted = soup.find(id="empfohlen").parent
    assert promoted.select_one("h3 a")["href"] == mia_do_ki.url
    kim = Query.get("KIM")
    SearchPromotion.objects.create(
        query=kim, external_link_url="https://www.mkjfgfi.nrw/kim", external_link_text="Kommunales Integrationsmanagement"
    )
    soup = search(client, "kim")
    assert soup.find(id="empfohlen").parent.select_one("h3 a").get_text(strip=True).startswith(
        "Kommunales Integrationsmanagement"
    )
    for query in ("Einbürgerung", "einbuergerung"):
        einbuergerung = search(client, query).find(id="empfohlen").parent
        assert einbuergerung.select_one("h3 a")["href"] == "https://www.dortmund.de/themen/integration/einbuergerung/"


@pytest.mark.django_db
def test_a_recommended_page_that_is_unpublished_is_not_shown(client, integration_page):
    draft = TopicPageFactory(parent=integration_page, title="Entwurf zur Sprachförderung", live=False)
    SearchPromotion.objects.create(query=Query.get("Sprachkurs"), page=draft)
    assert search(client, "Sprachkurs").find(id="empfohlen") is None


@pytest.mark.django_db
def test_drafts_and_private_pages_are_never_found(client, integration_page):
    TopicPageFactory(parent=integration_page, title="Geheimprojekt Entwurf", live=False)
    private = TopicPageFactory(parent=integration_page, title="Geheimprojekt Intern")
    private.view_restrictions.create(restriction_type="login")
    TopicPageFactory(parent=private, title="Geheimprojekt Unterseite")
    assert titles(search(client, "Geheimprojekt")) == []


@pytest.mark.django_db
def test_queries_without_hits_are_counted_without_personal_data_and_reported_to_editors(client):
    search(client, "Xylophonunterricht")
    search(client, "  xylophonunterricht ")
    row = UnansweredQuery.objects.get()
    assert (row.query_string, row.hits) == ("xylophonunterricht", 2)
    assert {field.name for field in UnansweredQuery._meta.get_fields()} == {"id", "query_string", "date", "hits"}
    search(client, "Masterplan")
    assert UnansweredQuery.objects.count() == 1

    user_in(EDITORS, client)
    report = client.get("/admin/berichte/suchen-ohne-ergebnis/")
    assert report.status_code == 200
    assert "xylophonunterricht" in report.content.decode()
    export = client.get("/admin/berichte/suchen-ohne-ergebnis/?export=csv")
    assert export.status_code == 200
    assert "xylophonunterricht,2" in b"".join(export.streaming_content).decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["erika.mustermann@example.org", "Aktenzeichen 32-4711", "0231 5012345", "!!! ***", "'; --"])
def test_terms_that_may_identify_a_person_or_mean_nothing_are_not_stored(client, query):
    search(client, query)
    assert not UnansweredQuery.objects.exists()


@pytest.mark.django_db
def test_office_staff_do_not_see_the_search_report(client):
    user_in(OFFICE_STAFF, client)
    assert client.get("/admin/berichte/suchen-ohne-ergebnis/").status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 1000,
        '"Integration',
        "'; DROP TABLE wagtailcore_page; --",
        "100% \\ Integration",
        "Integration & | ! :* <->",
        "😀🇩🇪",
        "الاندماج في دورتموند",
        "Integra\x00tion",
        "<script>alert(1)</script>",
        "a" * 200 + " 😀",
    ],
)
def test_hostile_queries_get_a_german_answer(client, query):
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    soup = BeautifulSoup(html, "html.parser")
    if query.strip():
        assert soup.find(id="ergebnisse") is not None
    else:
        assert "Geben Sie einen Suchbegriff ein" in soup.get_text()


@pytest.mark.django_db
def test_a_very_long_query_is_shortened_with_a_hint(client):
    soup = search(client, "Integration " * 100)
    assert "Ihre Suche war sehr lang; gesucht wurde nach den ersten" in soup.get_text()


@pytest.mark.django_db
def test_every_page_has_a_labelled_search_field_in_its_header(client):
    for path in ("/", "/themen/integration/", "/impressum/", "/suche/?q=Integration"):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        form = soup.select_one("header form[role=search]")
        assert form["action"] == "/suche/" and form["method"] == "get"
        field = form.find("input", attrs={"name": "q"})
        assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == "Suche auf dieser Website"


@pytest.mark.django_db
def test_results_page_query_count_does_not_depend_on_the_kinds_of_hits(
    client, integration_page, django_assert_max_num_queries
):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    from tests.factories import FundingProgramIndexPageFactory, FundingProgramPageFactory, OfficePageFactory

    for number in range(10):
        TopicPageFactory(parent=integration_page, title=f"Sprachlotsen {number}")
    finder = FundingProgramIndexPageFactory(parent=integration_page)
    for number in range(4):
        TopicPageFactory(parent=integration_page, title=f"Nachbarschaftshilfe {number}")
        FundingProgramPageFactory(parent=finder, title=f"Nachbarschaftshilfe Förderung {number}")
    OfficePageFactory(parent=page_at("/rathaus/verwaltung/"), title="Nachbarschaftshilfe Büro")
    CommitteePageFactory(parent=page_at("/themen/integration/gremien/"), title="Nachbarschaftshilfe Runde")

    def count(query):
        client.get("/suche/", {"q": query})
        with CaptureQueriesContext(db) as queries:
            soup = search(client, query)
        assert len(titles(soup)) == 10
        return len(queries)

    assert count("Sprachlotsen") == count("Nachbarschaftshilfe")
    with django_assert_max_num_queries(12):
        client.get("/suche/", {"q": "Nachbarschaftshilfe"})
