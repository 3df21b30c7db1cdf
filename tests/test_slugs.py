"""Page addresses stay plain ASCII the German way, whatever the editor's title holds."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import TopicPage
from pages.slugs import german_slug


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Förderprogramme für Vereine", "foerderprogramme-fuer-vereine"),
        ("Sprachcafés in der Nordstadt", "sprachcafes-in-der-nordstadt"),
        ("Straße der Ärzte", "strasse-der-aerzte"),
        ("Rat der muslimischen Gemeinden", "rat-der-muslimischen-gemeinden"),
    ],
)
def test_a_title_becomes_a_german_ascii_address(title, slug):
    assert german_slug(title) == slug


@pytest.mark.django_db
def test_the_address_the_editor_made_from_the_title_is_written_out(admin_client, integration_page):
    """Wagtail's editor fills the address with umlauts and accents; the saved page has them written out."""
    data = nested_form_data(
        {
            "title": "Sprachcafés für Familien",
            "slug": "sprachcafés-für-familien",
            "search_description": "Wo Familien in Dortmund gemeinsam Deutsch sprechen.",
            "short_title": "",
            "intro": "",
            "body": streamfield([("text", rich_text("<p>Jeden Samstag im Dietrich-Keuning-Haus.</p>"))]),
            "downloads": streamfield([]),
            "related_links": streamfield([]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/pages/topicpage/{integration_page.pk}/", data)
    assert response.status_code == 302
    page = TopicPage.objects.get(title="Sprachcafés für Familien")
    assert page.slug == "sprachcafes-fuer-familien"
