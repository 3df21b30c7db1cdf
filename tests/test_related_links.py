""""Mehr zum Thema" never shows the page itself, a duplicate, or a target that is not live."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import TopicPageFactory


def page_link(page, teaser=""):
    return ("page", {"page": page, "teaser": teaser})


def external(title, url):
    return ("external", {"title": title, "teaser": f"Informationen zu {title}.", "url": url})


def titles(page):
    return [link.title for link in page.related_link_items()]


@pytest.fixture
def topics(integration_page):
    return [TopicPageFactory(parent=integration_page, title=title) for title in ("Einbürgerung", "Sprachkurse", "Kita")]


@pytest.mark.django_db
def test_rendering_skips_self_duplicates_unpublished_and_deleted(integration_page, topics):
    page, first, second, third = TopicPageFactory(parent=integration_page, title="Ankommen"), *topics
    page.related_links = [
        page_link(first),
        page_link(page),
        page_link(first),
        page_link(second),
        page_link(third),
        external("Brexit", "https://www.dortmund.de/brexit/"),
        external("Brexit", "https://www.dortmund.de/brexit"),
    ]
    # Stored without validation, as content from an import or an old revision may be.
    page.save(clean=False)
    second.unpublish()
    third.delete()
    page.refresh_from_db()
    assert titles(page) == ["Einbürgerung", "Brexit"]


@pytest.mark.django_db
def test_teaser_comes_from_the_target_unless_overridden(integration_page, topics):
    page = TopicPageFactory(parent=integration_page)
    page.related_links = [page_link(topics[0]), page_link(topics[1], teaser="Kurse in allen Stadtbezirken.")]
    page.save()
    teasers = [link.teaser for link in page.related_link_items()]
    assert teasers == [topics[0].search_description, "Kurse in allen Stadtbezirken."]


@pytest.mark.django_db
def test_editor_gets_german_errors_for_self_duplicate_and_unpublished(integration_page, topics):
    page = TopicPageFactory(parent=integration_page, title="Ankommen")
    topics[2].unpublish()
    page.related_links = [page_link(page), page_link(topics[0]), page_link(topics[0]), page_link(topics[2])]
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    block_errors = caught.value.error_dict["related_links"][0].block_errors
    assert block_errors[0].messages == ["Eine Seite kann nicht auf sich selbst verweisen."]
    assert 1 not in block_errors
    assert block_errors[2].messages == ["Dieser Eintrag steht bereits in der Liste."]
    assert block_errors[3].messages == ["Die Seite „Kita“ ist nicht veröffentlicht."]


@pytest.mark.django_db
def test_teaser_is_required(integration_page):
    page = TopicPageFactory.build(title="Ohne Teaser", search_description="  ")
    with pytest.raises(ValidationError) as caught:
        integration_page.add_child(instance=page)
        page.full_clean()
    assert caught.value.message_dict["search_description"] == [
        "Bitte geben Sie einen Teaser ein: einen Satz, der die Seite beschreibt."
    ]
