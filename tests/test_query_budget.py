"""A page's SQL query count does not grow with the number of links and downloads it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText

from caching import generation

from tests.factories import (
    FundingProgramIndexPageFactory,
    FundingProgramPageFactory,
    TopicPageFactory,
    make_document,
)

# Stated in the closing notes; raise them only with a reason.
TOPIC_PAGE_QUERY_BUDGET = 22
# A program page also loads its rounds, target groups and contact persons; the finder its programs.
PROGRAM_PAGE_QUERY_BUDGET = 24
# An office page also loads its own opening hours, closures, contact persons and the pages it is responsible for.
OFFICE_PAGE_QUERY_BUDGET = 26


def topic_with(parent, targets, link_count, download_count, title):
    documents = [make_document(f"Merkblatt {n}", size=2048) for n in range(download_count)]
    related = []
    for n in range(link_count):
        if n % 2:
            related.append(("page", {"page": targets[n % len(targets)], "teaser": f"Eintrag {n}"}))
        else:
            related.append(
                ("external", {"title": f"Angebot {n}", "teaser": "Ein Angebot.", "url": f"https://www.dortmund.de/a{n}/"})
            )
    return TopicPageFactory(
        parent=parent,
        title=title,
        related_links=related,
        downloads=[("document", {"document": document, "title": ""}) for document in documents],
    )


def as_after_a_content_change():
    """Workers keep a page's data until content changes (caching/generation.py); the budgets are for the
    first request after a change, when everything comes from the database again."""
    generation.bump()


def count_queries(client, page):
    assert client.get(page.url).status_code == 200  # warm caches and create image renditions
    as_after_a_content_change()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_topic_page_query_count_is_constant(client, integration_page, django_assert_max_num_queries):
    targets = [TopicPageFactory(parent=integration_page, title=f"Ziel {n}") for n in range(50)]
    small = topic_with(integration_page, targets, link_count=5, download_count=1, title="Wenige Links")
    large = topic_with(integration_page, targets, link_count=50, download_count=20, title="Viele Links")

    small_count, _ = count_queries(client, small)
    large_count, response = count_queries(client, large)

    assert response.content.decode().count('class="download-list__meta"') == 20
    assert small_count == large_count
    as_after_a_content_change()
    with django_assert_max_num_queries(TOPIC_PAGE_QUERY_BUDGET):
        client.get(large.url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, budget",
    [
        ("/", TOPIC_PAGE_QUERY_BUDGET),
        ("/themen/integration/", TOPIC_PAGE_QUERY_BUDGET),
        ("/themen/integration/masterplan-migration-integration/", TOPIC_PAGE_QUERY_BUDGET),
        ("/themen/integration/masterplan-migration-integration/masterplanprozess-ab-2005/", TOPIC_PAGE_QUERY_BUDGET),
        (
            "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
            "kommunales-integrationszentrum-dortmund-mia-do-ki/",
            OFFICE_PAGE_QUERY_BUDGET,
        ),
        ("/impressum/", TOPIC_PAGE_QUERY_BUDGET),
        ("/themen/integration/foerderprogramme/", PROGRAM_PAGE_QUERY_BUDGET),
        ("/themen/integration/foerderprogramme/integrationspreis/", PROGRAM_PAGE_QUERY_BUDGET),
    ],
)
def test_seed_pages_stay_within_the_query_budget(client, path, budget, django_assert_max_num_queries):
    client.get(path)
    as_after_a_content_change()
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_links_in_the_body_text_do_not_add_queries(client, integration_page):
    targets = [TopicPageFactory(parent=integration_page, title=f"Linkziel {n}") for n in range(10)]

    def body(count):
        return [
            ("text", RichText(f'<p>Siehe <a linktype="page" id="{targets[n].pk}">{targets[n].title}</a>.</p>'))
            for n in range(count)
        ]

    one = TopicPageFactory(parent=integration_page, title="Ein Link", body=body(1))
    ten = TopicPageFactory(parent=integration_page, title="Zehn Links", body=body(10))
    one_count, _ = count_queries(client, one)
    ten_count, response = count_queries(client, ten)
    assert f'href="{targets[9].url}"' in response.content.decode()
    assert one_count == ten_count
    assert one_count > 10  # measured from the database, not from the worker's memory


def program_with(parent, count, title):
    """A program with ``count`` rounds, contact persons, downloads and target groups."""
    import datetime

    from programs.models import ProgramContactPerson

    program = FundingProgramPageFactory(
        parent=parent,
        title=title,
        target_groups=["vereine", "schulen", "initiativen"][: min(count, 3)],
        rounds=[
            {"label": f"Runde {2000 + n}", "opens": datetime.date(2000 + n, 3, 1), "closes": datetime.date(2000 + n, 4, 30)}
            for n in range(count)
        ],
        downloads=[("document", {"document": make_document(f"Richtlinie {n}"), "title": ""}) for n in range(count)],
        funded_items=[("item", f"Projektart {n}") for n in range(count)],
    )
    for n in range(count):
        ProgramContactPerson.objects.create(program=program, name=f"Ansprechperson {n}", sort_order=n)
    return program


@pytest.mark.django_db
def test_program_page_query_count_does_not_grow_with_rounds(client, integration_page, django_assert_max_num_queries):
    finder = FundingProgramIndexPageFactory(parent=integration_page)
    one = program_with(finder, 1, "Eine Runde")
    twenty = program_with(finder, 20, "Zwanzig Runden")
    one_count, _ = count_queries(client, one)
    twenty_count, response = count_queries(client, twenty)
    assert response.content.decode().count('class="funding-round"') == 20
    assert one_count == twenty_count
    as_after_a_content_change()
    with django_assert_max_num_queries(PROGRAM_PAGE_QUERY_BUDGET):
        client.get(twenty.url)


@pytest.mark.django_db
def test_finder_query_count_does_not_grow_with_programs(client, integration_page, django_assert_max_num_queries):
    small = FundingProgramIndexPageFactory(parent=integration_page, title="Drei Programme")
    large = FundingProgramIndexPageFactory(parent=integration_page, title="Sechzig Programme")
    for n in range(3):
        program_with(small, 2, f"Klein {n}")
    for n in range(60):
        program_with(large, 2, f"Groß {n:02d}")
    small_count, _ = count_queries(client, small)
    large_count, response = count_queries(client, large)
    assert "60 Programme" in response.content.decode()
    assert small_count == large_count
    filtered = f"{large.url}?zielgruppe=vereine&status=abgelaufen&seite=2"
    as_after_a_content_change()
    with django_assert_max_num_queries(large_count):
        assert client.get(filtered).status_code == 200
    as_after_a_content_change()
    with django_assert_max_num_queries(PROGRAM_PAGE_QUERY_BUDGET):
        client.get(large.url)
