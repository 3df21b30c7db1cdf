"""The page chooser of "Mehr zum Thema" offers only pages about a subject, and the form refuses any other page."""

import pytest
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import streamfield

from pages.blocks import InternalLinkBlock
from tests.conftest import page_at
from tests.test_previews import edit_form_data

TOPIC = "/themen/integration/schwerpunkte-der-arbeit/"
ALLOWED = [
    "pages.topicpage",
    "pages.committeepage",
    "pages.officepage",
    "programs.fundingprogramindexpage",
    "programs.fundingprogrampage",
]


@pytest.mark.django_db
def test_the_chooser_in_the_edit_form_is_limited_to_subject_pages(admin_client):
    page = page_at(TOPIC)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    # The block definitions carry the chooser's page types, from which its address is built.
    assert "modelNames" in html
    for name in ALLOWED:
        assert name in html
    widget = InternalLinkBlock().child_blocks["page"].widget
    assert sorted(widget.model_names) == sorted(ALLOWED)


@pytest.mark.django_db
def test_the_limited_chooser_lists_the_allowed_types_for_the_editor(admin_client):
    response = admin_client.get(reverse("wagtailadmin_choose_page"), {"page_type": ",".join(ALLOWED)})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Themenseite" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/impressum/", "/themen-a-z/"])
def test_a_page_of_another_type_is_refused_with_a_german_message(path):
    target = page_at(path)
    with pytest.raises(StructBlockValidationError) as refused:
        InternalLinkBlock().clean({"page": target, "teaser": ""})
    message = " ".join(refused.value.block_errors["page"].messages)
    assert f"„{target.title}“ ist eine Seite vom Typ" in message
    assert "nur Themenseiten, Gremien, Dienststellen und Förderprogramme" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/themen/integration/", "/themen/integration/foerderprogramme/", "/themen/integration/gremien/integrationsrat/"],
)
def test_subject_pages_are_accepted(path):
    target = page_at(path)
    assert InternalLinkBlock().clean({"page": target, "teaser": ""})["page"].pk == target.pk


@pytest.mark.django_db
def test_the_edit_form_refuses_the_imprint_under_mehr_zum_thema(admin_client):
    page = page_at(TOPIC)
    imprint = page_at("/impressum/")
    data = edit_form_data(page, related_links=streamfield([("page", {"page": imprint.pk, "teaser": ""})]))
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200  # the form comes back with the error, nothing is published
    assert "ist eine Seite vom Typ" in response.content.decode()
    page.refresh_from_db()
    assert all(block.value["page"].pk != imprint.pk for block in page.related_links if block.block_type == "page")
