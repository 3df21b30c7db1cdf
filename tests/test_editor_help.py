"""Every field and block an editor fills in explains, in German, what to write and where it appears."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation
from wagtail import blocks
from wagtail.admin.panels import CommentPanel, FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from pages.models import SiteSettings

OUR_APPS = ("pages", "programs")
# Labelled and explained by the scheduling part of ContentPageForm; only checked for English here.
SCHEDULING_FIELDS = {"go_live_at", "expire_at"}
# Words of English help texts that German never uses.
ENGLISH = re.compile(
    r"\b(the|and|of|with|for|to|is|this|your|Enter|Leave|Choose|Select|blank|appear|page|field)\b", re.IGNORECASE
)


def page_models():
    return [model for model in get_page_models() if model is not Page]


def admin_request():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(username="redaktion", is_superuser=True, is_staff=True)
    return request


def bound_edit_handler(handler, instance):
    request = admin_request()
    form_class = handler.get_form_class()
    form = form_class(instance=instance, for_user=request.user)
    return handler.get_bound_panel(instance=instance, request=request, form=form)


def field_panels(bound_panel, path=()):
    """(path, bound field panel) of every field the editor sees, inline panels' rows included."""
    if isinstance(bound_panel.panel, CommentPanel):
        return
    if isinstance(bound_panel.panel, FieldPanel):
        yield (*path, bound_panel.field_name), bound_panel
        return
    if isinstance(bound_panel.panel, InlinePanel):
        yield from field_panels(bound_panel.empty_child, (*path, bound_panel.panel.relation_name))
        return
    for child in getattr(bound_panel, "children", []):
        yield from field_panels(child, path)


def assert_german_help(where, help_text):
    help_text = str(help_text or "").strip()
    assert help_text, f"{where}: keine Hilfe"
    assert not ENGLISH.search(help_text), f"{where}: englisches Wort in „{help_text}“"


def check_panels(bound_panel, label):
    checked = 0
    for path, panel in field_panels(bound_panel):
        where = f"{label} › {' › '.join(path)}"
        if path[-1] in SCHEDULING_FIELDS and not panel.help_text:
            continue
        assert_german_help(where, panel.help_text)
        assert not ENGLISH.search(str(panel.heading)), f"{where}: englische Beschriftung „{panel.heading}“"
        checked += 1
    return checked


def block_help(block):
    """What the editor reads beside the block: a field's help text; a group's help text or description."""
    if isinstance(block, blocks.FieldBlock):
        return block.field.help_text
    return getattr(block.meta, "help_text", "") or block.get_description()


def walk_blocks(block, path):
    """(path, block, parent) for every block below ``block``."""
    children = []
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        children = block.child_blocks.items()
    elif isinstance(block, blocks.ListBlock):
        children = [("eintrag", block.child_block)]
    for name, child in children:
        yield (*path, name), child, block
        yield from walk_blocks(child, (*path, name))


def stream_fields():
    models = page_models()
    return [
        (model, field)
        for model in models
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and field.model is model
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", page_models(), ids=lambda model: model.__name__)
def test_every_field_of_every_page_type_explains_itself_in_german(model):
    translation.activate("de")
    instance = model.objects.first() or model()
    bound = bound_edit_handler(model.get_edit_handler(), instance)
    assert check_panels(bound, model._meta.verbose_name) > 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [model for model in get_snippet_models() if model._meta.app_label in OUR_APPS] + [SiteSettings],
    ids=lambda model: model.__name__,
)
def test_every_snippet_and_setting_field_explains_itself_in_german(model):
    translation.activate("de")
    handler = model.snippet_viewset.get_edit_handler() if hasattr(model, "snippet_viewset") else None
    if handler is None:
        from wagtail.admin.panels import ObjectList

        handler = ObjectList(model.panels).bind_to_model(model)
    instance = model.objects.first() or model()
    assert check_panels(bound_edit_handler(handler, instance), model._meta.verbose_name) >= 2


@pytest.mark.django_db
def test_the_image_fields_we_added_explain_themselves_in_german():
    translation.activate("de")
    form = get_image_form(get_image_model())()
    for name in ("caption", "credit", "licence", "is_decorative"):
        assert_german_help(f"Bild › {name}", form.fields[name].help_text)


@pytest.mark.parametrize("model, field", stream_fields(), ids=lambda value: getattr(value, "name", getattr(value, "__name__", "")))
def test_every_block_explains_itself_in_german(model, field):
    checked = 0
    for path, block, parent in walk_blocks(field.stream_block, (model.__name__, field.name)):
        where = " › ".join(path)
        if isinstance(parent, blocks.StreamBlock):
            # What the block chooser shows: a description for every choice.
            assert_german_help(f"{where} (Beschreibung)", block.get_description())
            if isinstance(block, blocks.FieldBlock):
                assert_german_help(where, block_help(block))
        else:
            assert_german_help(where, block_help(block))
        checked += 1
    assert checked


def test_the_page_chooser_of_related_links_is_explained():
    from pages.blocks import InternalLinkBlock

    help_text = InternalLinkBlock().child_blocks["page"].field.help_text
    assert "Themenseite" in help_text and "Förderprogramm" in help_text
