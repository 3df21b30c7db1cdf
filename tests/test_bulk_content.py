"""manage.py generate_bulk_content: a large, realistic, reproducible page tree for benchmarks."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from bulk_content.plan import ROOT_SLUG, build_plan
from pages.models import CommitteePage, OfficePage, TopicPage
from programs.models import FundingProgramIndexPage, FundingProgramPage
from programs.status import Phase
from search.engine import clean_query, search_pages
from tests.test_query_budget import OFFICE_PAGE_QUERY_BUDGET, PROGRAM_PAGE_QUERY_BUDGET, TOPIC_PAGE_QUERY_BUDGET

PAGES = 120
PAGE_TYPES = (TopicPage, OfficePage, CommitteePage, FundingProgramIndexPage, FundingProgramPage)
ROW_RELATIONS = ("office_locations", "opening_hours", "closures", "contact_persons", "members", "meetings", "rounds")


def generate(*options, pages=PAGES):
    out = io.StringIO()
    call_command("generate_bulk_content", "--pages", str(pages), *options, stdout=out)
    return out.getvalue()


def bulk_root_at(path="/"):
    home = Page.objects.get(depth=2)
    return Page.objects.get(url_path=f"{home.url_path}{path.lstrip('/')}{ROOT_SLUG}/").specific


def tree(root):
    return list(root.get_descendants(inclusive=True).specific().order_by("path"))


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """One tree for the whole module, rolled back at its end; every test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages_before = Page.objects.count()
        summary = generate()
        yield {"root_id": bulk_root_at().pk, "summary": summary, "pages_before": pages_before}
        transaction.set_rollback(True)


@pytest.fixture
def root(generated, db):
    return Page.objects.get(pk=generated["root_id"]).specific


@pytest.fixture
def pages(root):
    return tree(root)


def of_type(pages, model):
    return [page for page in pages if type(page) is model]


def test_the_plan_depends_on_the_seed_alone():
    def shape(plan):
        return [(page.title, page.slug, page.parent) for page in plan.pages]

    assert shape(build_plan(PAGES, 1)) == shape(build_plan(PAGES, 1))
    assert shape(build_plan(PAGES, 1)) != shape(build_plan(PAGES, 2))


def test_creates_exactly_the_requested_number_of_live_pages_below_a_new_root(generated, root, pages):
    assert len(pages) == PAGES
    assert all(page.live and page.url_path.startswith(root.url_path) for page in pages)
    assert Page.objects.count() == generated["pages_before"] + PAGES
    assert root.get_parent().specific_class.__name__ == "HomePage"
    assert root.url == f"/{ROOT_SLUG}/"
    summary = generated["summary"].splitlines()[-1]
    assert summary.startswith(f"{PAGES} Seiten angelegt in ")
    assert "Themen" in summary and "Dienststellen" in summary and summary.endswith("Förderprogramme.")


def test_every_page_type_is_present_and_topics_nest_several_levels_deep(root, pages):
    assert {type(page) for page in pages} == set(PAGE_TYPES)
    assert max(page.depth for page in pages) - root.depth >= 4
    topic_levels = {page.depth - root.depth for page in of_type(pages, TopicPage)}
    assert {1, 2, 3, 4} <= topic_levels
    offices = of_type(pages, OfficePage)
    assert any(isinstance(office.get_parent().specific, OfficePage) for office in offices)


def test_every_generated_page_and_row_passes_model_validation(pages):
    for page in pages:
        page.full_clean()
        assert page.search_description and len(page.search_description) <= 300
        for relation in ROW_RELATIONS:
            for row in getattr(page, relation).all() if hasattr(page, relation) else []:
                row.full_clean()


def test_pages_have_bodies_links_and_inherited_or_own_offices(root, pages):
    topics = [page for page in of_type(pages, TopicPage) if page.pk != root.pk]
    assert all(page.body and 3 <= len(page.related_links) <= 9 for page in topics)
    generated_ids = {page.pk for page in pages}
    linked = {block.value["page"].pk for page in topics for block in page.related_links if block.block_type == "page"}
    assert linked <= generated_ids
    assert any('linktype="page"' in block.value.source for page in topics for block in page.body
               if block.block_type == "text")
    with_office = [page for page in topics if page.responsible_office_id]
    assert with_office and len(with_office) < len(topics)
    assert all(page.effective_office is not None for page in topics[:10])


def test_offices_share_buildings_and_have_weekly_hours(pages):
    offices = of_type(pages, OfficePage)
    assert all(1 <= office.office_locations.count() <= 2 for office in offices)
    assert sum(1 for office in offices if office.opening_hours.exists()) >= len(offices) * 0.7
    buildings = [row.location_id for office in offices for row in office.office_locations.all()]
    assert len(set(buildings)) < len(buildings)
    assert all(office.phone and office.email.endswith("@dortmund.de") for office in offices)


def test_committees_have_members_and_past_and_coming_meetings(pages):
    today = timezone.localdate()
    for committee in of_type(pages, CommitteePage):
        assert committee.members.count() >= 4
        dates = [meeting.date for meeting in committee.meetings.all()]
        assert min(dates) < today < max(dates)


def test_programs_have_rounds_in_the_past_open_now_and_coming(pages):
    programs = of_type(pages, FundingProgramPage)
    assert all(program.rounds.exists() and program.target_groups.exists() for program in programs)
    phases = {
        funding_round.status_on(timezone.localdate()).phase
        for program in programs
        for funding_round in program.rounds.all()
    }
    assert {Phase.CLOSED, Phase.OPEN, Phase.UPCOMING} <= phases
    assert len({program.funder for program in programs}) >= 2


def test_pages_are_published_with_one_revision_each(pages):
    for page in pages:
        assert page.live_revision_id and page.live_revision_id == page.latest_revision_id
        assert not page.has_unpublished_changes
        assert page.get_latest_revision().as_object().title == page.title


def test_reference_index_holds_what_wagtail_itself_records(pages):
    ids = [str(page.pk) for page in pages]
    columns = ("content_type", "object_id", "to_content_type", "to_object_id", "model_path", "content_path")
    stored = set(ReferenceIndex.objects.filter(object_id__in=ids).values_list(*columns))
    ReferenceIndex.objects.filter(object_id__in=ids).delete()
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    assert set(ReferenceIndex.objects.filter(object_id__in=ids).values_list(*columns)) == stored
    assert stored


def test_generated_pages_are_found_by_the_site_search(client, pages):
    topic = of_type(pages, TopicPage)[-1]
    office = of_type(pages, OfficePage)[0]
    assert topic.pk in [hit.pk for hit in search_pages(clean_query(topic.title))]
    response = client.get("/suche/", {"q": office.title})
    assert f'href="{office.url}"' in response.content.decode()


# A repeated request is served from the content generation's memo without queries, so each test
# counts a page's first request, after a request for the root has warmed what all pages share.


def test_generated_topic_page_renders_within_the_seed_query_budget(client, root, pages, django_assert_max_num_queries):
    # A deep topic with child topics, links in its text, "Mehr zum Thema" and an inherited office.
    topic = max(
        (page for page in of_type(pages, TopicPage) if page.get_children().exists() and not page.responsible_office_id),
        key=lambda page: page.depth,
    )
    assert client.get(root.url).status_code == 200
    with django_assert_max_num_queries(TOPIC_PAGE_QUERY_BUDGET):
        response = client.get(topic.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert topic.title in html and "Mehr zum Thema" in html


@pytest.mark.parametrize(
    "model, budget",
    [
        (OfficePage, OFFICE_PAGE_QUERY_BUDGET),
        (FundingProgramIndexPage, PROGRAM_PAGE_QUERY_BUDGET),
        (FundingProgramPage, PROGRAM_PAGE_QUERY_BUDGET),
        # No budget of its own: held to the office page's, which also lists rows (members, meetings).
        (CommitteePage, OFFICE_PAGE_QUERY_BUDGET),
    ],
)
def test_other_generated_pages_render_within_their_budget(
    client, root, pages, model, budget, django_assert_max_num_queries
):
    page = of_type(pages, model)[-1]
    assert client.get(root.url).status_code == 200
    with django_assert_max_num_queries(budget):
        assert client.get(page.url).status_code == 200


def test_same_seed_rebuilds_the_same_tree_and_another_seed_a_different_one(root, pages):
    paths = [page.url_path for page in pages]
    generate("--replace")
    assert [page.url_path for page in tree(bulk_root_at())] == paths
    assert not Page.objects.filter(pk=root.pk).exists()
    generate("--replace", "--seed", "2")
    assert [page.url_path for page in tree(bulk_root_at())] != paths


def test_an_existing_bulk_tree_is_kept_without_replace(root):
    with pytest.raises(CommandError, match="gibt es die Seite „Massendaten“.*--replace"):
        generate()
    assert Page.objects.filter(pk=root.pk).exists()


def test_the_tree_can_go_below_another_topic(root):
    generate("--parent", "/themen/", pages=30)
    other = bulk_root_at("/themen/")
    assert other.get_descendants(inclusive=True).count() == 30
    assert other.url == f"/themen/{ROOT_SLUG}/"


@pytest.mark.parametrize(
    "options, message",
    [
        (["--parent", "/impressum/"], "darf keine Themenseite stehen"),
        (["--parent", "/gibt-es-nicht/"], "gibt es keine Seite"),
        (["--pages", "10"], "mindestens 30 Seiten"),
    ],
)
def test_impossible_requests_are_refused_in_german(root, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_bulk_content", *options, stdout=io.StringIO())
