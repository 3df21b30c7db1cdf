"""While editing "Mehr zum Thema", the admin suggests published pages on the same subject; the editor decides."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, get_page_models

from pages.suggestions import suggested_pages
from tests.conftest import page_at
from tests.factories import TopicPageFactory

PANEL_HEADING = "Vorschläge für „Mehr zum Thema“"


def edit_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def suggestions_part(html):
    return html.split('class="related-suggestions"', 1)[1].split("</div>", 1)[0]


@pytest.fixture
def elterncafe(integration_page):
    page = TopicPageFactory(
        parent=integration_page,
        title="Elterncafés für zugewanderte Familien",
        search_description="Elterncafés bringen zugewanderte Familien mit Kitas und Schulen ins Gespräch.",
    )
    page.save_revision().publish()
    return page


def new_topic(parent, title, teaser, publish=True):
    page = TopicPageFactory(parent=parent, title=title, search_description=teaser, live=publish)
    if publish:
        page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_a_page_sharing_words_is_suggested_with_title_teaser_and_address(admin_client, integration_page, elterncafe):
    sprachcafe = new_topic(
        integration_page,
        "Sprachcafés für Familien",
        "In Sprachcafés üben zugewanderte Familien Deutsch im Alltag.",
    )
    assert sprachcafe.pk in [page.pk for page in suggested_pages(elterncafe)]

    part = suggestions_part(edit_html(admin_client, elterncafe))
    assert "Sprachcafés für Familien" in part
    assert "In Sprachcafés üben zugewanderte Familien Deutsch im Alltag." in part
    assert sprachcafe.url in part


@pytest.mark.django_db
def test_the_page_itself_linked_unpublished_and_private_pages_are_never_suggested(integration_page, elterncafe):
    linked = new_topic(integration_page, "Familienbildung für zugewanderte Familien", "Kurse für zugewanderte Familien.")
    draft = new_topic(integration_page, "Familienpaten für zugewanderte Familien", "Paten für Familien.", publish=False)
    private = new_topic(integration_page, "Familienberatung intern", "Interne Beratung zugewanderter Familien.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    other = new_topic(integration_page, "Familienzentren für zugewanderte Familien", "Familienzentren in Dortmund.")
    elterncafe.related_links = [("page", {"page": linked, "teaser": ""})]
    elterncafe.save_revision().publish()
    elterncafe.refresh_from_db()

    suggested = {page.pk for page in suggested_pages(elterncafe)}
    assert other.pk in suggested
    assert not suggested & {elterncafe.pk, linked.pk, draft.pk, private.pk}


@pytest.mark.django_db
def test_the_office_whose_box_the_page_shows_is_not_suggested(mia_do_ki):
    # The seed's topic pages inherit MIA-DO-KI and share its words ("Integration", "Dortmund").
    page = page_at("/themen/integration/schwerpunkte-der-arbeit/")
    assert page.effective_office.pk == mia_do_ki.pk
    assert mia_do_ki.pk not in [suggestion.pk for suggestion in suggested_pages(page, limit=100)]


@pytest.mark.django_db
def test_only_page_types_that_may_stand_under_mehr_zum_thema_are_suggested(elterncafe):
    suggested = suggested_pages(elterncafe)
    home = page_at("/")
    assert home.pk not in [page.pk for page in suggested]
    allowed = {"topicpage", "committeepage", "officepage", "fundingprogramindexpage", "fundingprogrampage"}
    assert {page.specific_class._meta.model_name for page in suggested} <= allowed
    assert len(suggested) <= 8


@pytest.mark.django_db
def test_nothing_is_added_by_the_suggestions(admin_client, elterncafe):
    revisions = elterncafe.revisions.count()
    edit_html(admin_client, elterncafe)
    elterncafe.refresh_from_db()
    assert len(elterncafe.related_links) == 0
    assert elterncafe.revisions.count() == revisions


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_matching_pages(integration_page, elterncafe, django_assert_max_num_queries):
    for number in range(12):
        new_topic(integration_page, f"Elterncafé Stadtteil {number}", "Ein Elterncafé für zugewanderte Familien im Stadtteil.")
    # The search, the page types, and the ancestors that name the page's office (one query per page type above it).
    with django_assert_max_num_queries(5):
        suggested = suggested_pages(elterncafe)
    assert len(suggested) == 8


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in get_page_models() if m is not Page], ids=lambda model: model.__name__)
def test_the_edit_view_of_every_page_type_shows_the_suggestions_next_to_mehr_zum_thema(admin_client, model):
    page = model.objects.live().order_by("path").first()
    html = edit_html(admin_client, page)
    assert PANEL_HEADING in html
    assert html.index("related_links") < html.index('class="related-suggestions"')


@pytest.mark.django_db
def test_a_new_page_explains_when_suggestions_appear(admin_client, integration_page):
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["pages", "topicpage", integration_page.pk])
    )
    assert response.status_code == 200
    assert "Vorschläge erscheinen, sobald die Seite mit Titel und Teaser gespeichert ist." in response.content.decode()
