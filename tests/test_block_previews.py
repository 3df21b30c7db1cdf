"""The block chooser previews every block it offers with a German example in the site's style, and describes it."""

import json

import pytest
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from pages.blocks import BodyStreamBlock, RelatedLinkStreamBlock
from tests.conftest import page_at

# A phrase of each block's German example, as the preview shows it.
EXAMPLES = {
    "heading": "Arbeitsschwerpunkte im Rahmen des Masterplans",
    "text": "berät Vereine, Schulen und Migrantenorganisationen",
    "image": "Friedensplatz, Berswordthalle und altes Stadthaus",
    "downloads": "Basismodul – Umgang mit Vielfalt",
    "timeline": "Erste Periode",
    "notice": "30. Januar 2025",
    "quote": "Vielfalt ist für Dortmund keine Herausforderung",
    "sign_language_video": "Das Kommunale Integrationszentrum in Gebärdensprache",
    "document": "Basismodul – Umgang mit Vielfalt",
    "page": "Schwerpunkte der Arbeit",
    "external": "Kommunales Integrationsmanagement (KIM)",
    "item": "Projekte, die Nachbarinnen und Nachbarn",
    "step": "Beratungsgespräch vereinbaren",
}


def offered_blocks():
    """(name, block) of every choice in the block chooser of any page type's stream fields, each once."""
    offered = {}
    for model in get_page_models():
        if model is Page:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name, block in field.stream_block.child_blocks.items():
                    offered.setdefault(block.definition_prefix, (name, block))
    return list(offered.values())


def preview(client, block):
    return client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})


@pytest.mark.django_db
@pytest.mark.parametrize("name, block", offered_blocks(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_offered_block_previews_a_german_example_in_the_site_style(admin_client, name, block):
    assert block.is_previewable
    assert block.get_description()
    response = preview(admin_client, block)
    assert response.status_code == 200
    html = response.content.decode()
    assert EXAMPLES[name] in html
    assert "css/site.css" in html  # looks like the site
    assert 'lang="de"' in html
    assert "Lorem" not in html


@pytest.mark.django_db
def test_the_image_preview_works_without_any_image_in_the_library(admin_client):
    from wagtail.images import get_image_model

    get_image_model().objects.all().delete()
    response = preview(admin_client, BodyStreamBlock().child_blocks["image"])
    assert response.status_code == 200
    assert "Friedensplatz, Berswordthalle und altes Stadthaus" in response.content.decode()


@pytest.mark.django_db
def test_the_editor_receives_the_descriptions_for_the_block_chooser(admin_client):
    page = page_at("/themen/integration/schwerpunkte-der-arbeit/")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    for stream_block in (BodyStreamBlock(), RelatedLinkStreamBlock()):
        for block in stream_block.child_blocks.values():
            description = block.get_description()
            # The block definitions travel as JSON inside an HTML attribute.
            assert description in html or json.dumps(description)[1:-1] in html, block.label


def test_the_preview_of_a_related_page_shows_the_teaser_of_the_page():
    block = RelatedLinkStreamBlock().child_blocks["page"]
    context = block.get_preview_context(block.get_preview_value(), {})
    [link] = context["links"]
    assert link.title == "Schwerpunkte der Arbeit"
    assert link.teaser.startswith("Bildung, Sprache und Teilhabe")


def test_no_offered_block_is_only_a_bare_field_without_a_description():
    for name, block in offered_blocks():
        assert isinstance(block, (blocks.StructBlock, blocks.ListBlock, blocks.FieldBlock))
        assert block.get_description(), name
