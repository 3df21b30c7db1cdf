"""Revisions of every page type: the admin compares two versions, every field and every block shows its change,
and restoring the older version through the admin puts it back on the public page."""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import InlinePanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from pages.models import OfficePage
from pages.validators import validate_phone
from programs.models import TargetGroup
from tests.factories import LocationFactory, PortalImageFactory, make_document

pytestmark = pytest.mark.django_db

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
NOT_COMPARED = {"slug", "go_live_at", "expire_at"}  # the address stays; the schedule has its own tests
COMPARE_QUERIES = 80  # Wagtail loads both revisions with their choosers: 28 to 66 on the seed page types


class Words:
    """Unique words for one version ("Erstfassung3" / "Neufassung3"), so that a diff shows each as a whole."""

    def __init__(self, version):
        self.stem = ("Erstfassung", "Neufassung")[version]
        self.used = []

    def next(self):
        word = f"{self.stem}{len(self.used) + 1}"
        self.used.append(word)
        return word


class Version:
    """Everything one version of a page is built from: which variant and the objects its choosers pick."""

    def __init__(self, number, page, choices):
        self.number, self.page, self.choices = number, page, choices
        self.words = Words(number)

    def pick(self, objects):
        return objects[self.number % len(objects)]


@pytest.fixture
def choices(mia_do_ki):
    """Two of each thing a chooser picks: images, documents (videos, for the sign-language block), offices …"""
    return {
        "pages.PortalImage": [PortalImageFactory(title="Westfalenpark"), PortalImageFactory(title="Phoenix-See")],
        "wagtaildocs.Document": [
            make_document("Vorstellung A", extension="mp4"),
            make_document("Vorstellung B", extension="mp4"),
        ],
        "pages.OfficePage": list(OfficePage.objects.live().order_by("path")[:2]),
        "pages.Location": [LocationFactory(), LocationFactory()],
        "programs.TargetGroup": list(TargetGroup.objects.order_by("name")[:2]),
    }


# --- one value of every field and block, different in each version ----------------------------------


def block_id(path):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, path))


def raw_block_value(block, version, path):
    """The stored (JSON) value of ``block`` for this version; the same block ids in both versions."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_block_value(child, version, f"{path}/{name}"), "id": block_id(f"{path}/{name}")}
            for name, child in block.child_blocks.items()
        ]
    if isinstance(block, blocks.ListBlock):
        return [{"type": "item", "value": raw_block_value(block.child_block, version, path), "id": block_id(path)}]
    if isinstance(block, blocks.StructBlock):
        return {name: raw_block_value(child, version, f"{path}/{name}") for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ChoiceBlock):
        return version.pick([value for value, _ in block.field.choices if value])
    if isinstance(block, blocks.DateBlock):
        return version.pick(["2025-01-30", "2026-03-01"])
    if isinstance(block, blocks.URLBlock):
        return f"https://www.dortmund.de/{version.words.next().lower()}/"
    if isinstance(block, blocks.RichTextBlock):
        return f"<p>{version.words.next()}</p>"
    if isinstance(block, blocks.PageChooserBlock):
        targets = Page.objects.live().type(*block.target_models).exclude(pk=version.page.pk).order_by("path")
        return version.pick(list(targets[:2])).pk
    if isinstance(block, ImageChooserBlock):
        return version.pick(version.choices["pages.PortalImage"]).pk
    if isinstance(block, DocumentChooserBlock):
        return version.pick(version.choices["wagtaildocs.Document"]).pk
    if isinstance(block, blocks.BooleanBlock):
        return bool(version.number)
    if isinstance(block, (blocks.IntegerBlock, blocks.DecimalBlock, blocks.FloatBlock)):
        return 2000 + version.number
    if isinstance(block, blocks.FieldBlock):  # CharBlock, TextBlock and their subclasses
        return version.words.next()
    raise AssertionError(f"No test value for the block {block!r} at {path}")


def field_value(field, version):
    """The value of a page's (or row's) own field for this version."""
    if isinstance(field, StreamField):
        return field.stream_block.to_python(raw_block_value(field.stream_block, version, field.name))
    if isinstance(field, ParentalManyToManyField):
        return [version.pick(version.choices[field.related_model._meta.label])]
    if isinstance(field, models.ForeignKey):
        return version.pick(version.choices[field.related_model._meta.label])
    if field.choices:
        return version.pick([value for value, _ in field.choices if value not in ("", None)])
    if isinstance(field, models.BooleanField):
        return bool(version.number)
    if isinstance(field, models.DecimalField):
        return Decimal(1000 + 1000 * version.number)
    if isinstance(field, models.IntegerField):
        return 2000 + version.number
    if isinstance(field, models.EmailField):
        return f"{version.words.next().lower()}@dortmund.de"
    if isinstance(field, models.URLField):
        return f"https://www.dortmund.de/{version.words.next().lower()}/"
    if validate_phone in field.validators:
        return f"0231 50-1000{version.number}"
    if isinstance(field, (models.CharField, models.TextField)):
        return version.words.next()
    raise AssertionError(f"No test value for the field {field!r}")


def row_values(relation, version):
    """One row of each kind the pages hold, valid together (a round needs dates, hours end after they start)."""
    day = datetime.date(2027, 5, 1 + version.number)
    word = version.words.next
    return {
        "office_locations": lambda: {"location": version.pick(version.choices["pages.Location"])},
        "opening_hours": lambda: {
            "weekday": version.number,
            "opens": datetime.time(8 + version.number),
            "closes": datetime.time(12),
            "note": word(),
        },
        "closures": lambda: {"starts": day, "ends": day + datetime.timedelta(days=7), "note": word()},
        "contact_persons": lambda: {"name": word(), "role": word(), "phone": f"0231 50-2000{version.number}"},
        "members": lambda: {"name": word(), "affiliation": word(), "role": version.pick(["voting", "advisory"])},
        "meetings": lambda: {"date": day, "starts": datetime.time(16), "place": word()},
        "rounds": lambda: {
            "label": word(), "opens": day, "closes": day + datetime.timedelta(days=60), "description": word(),
            "outcome": word(), "total_budget": Decimal(5000 + version.number),
        },
    }[relation]()


def edited_fields(model):
    """(model fields, child relations) of the page type's edit form."""
    form_class = model.get_edit_handler().get_form_class()
    names = {field.name for field in model._meta.get_fields()}
    fields = [
        model._meta.get_field(name) for name in form_class.base_fields if name in names and name not in NOT_COMPARED
    ]
    relations = [name for name in form_class.formsets if name in names]  # Wagtail's own "comments" is no row of ours
    return fields, relations


def row_headings(model):
    """The headings of the page type's rows in its edit form ("Runden", "Öffnungszeiten" …)."""

    def walk(panel):
        if isinstance(panel, InlinePanel):
            yield str(panel.heading)
        for child in getattr(panel, "children", []):
            yield from walk(child)

    return list(walk(model.get_edit_handler()))


def make_version(page, version):
    """Changes every field, stream block and row of ``page`` to this version and publishes it."""
    fields, relations = edited_fields(type(page))
    for field in fields:
        value = field_value(field, version)
        if isinstance(field, ParentalManyToManyField):
            getattr(page, field.name).set(value)
        else:
            setattr(page, field.name, value)
    for relation in relations:
        row_model = page._meta.get_field(relation).related_model
        setattr(page, relation, [row_model(**row_values(relation, version))])
    revision = page.save_revision()
    revision.publish()
    return revision


# --- the revert form as the browser posts it ------------------------------------------------------


def stream_post_data(block, state, prefix, data):
    """What the browser's StreamField widget posts for the form state the admin rendered."""
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            if isinstance(block, blocks.StreamBlock):
                child_block = block.child_blocks[child["type"]]
                data[f"{prefix}-{index}-type"] = child["type"]
            else:
                child_block = block.child_block
            data.update({f"{prefix}-{index}-deleted": "", f"{prefix}-{index}-order": str(index)})
            data[f"{prefix}-{index}-id"] = child.get("id") or ""
            stream_post_data(child_block, child["value"], f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            stream_post_data(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(state, dict):  # a chooser: the chosen object's data
        data[prefix] = str(state["id"])
    elif isinstance(state, list):  # a choice
        data[prefix] = state[0] if state else ""
    elif isinstance(state, bool):
        if state:
            data[prefix] = "on"
    else:
        data[prefix] = "" if state is None else str(state)


def form_as_posted(html, model):
    """The edit form of ``html`` with its values, StreamFields included, as the editor's browser submits it."""
    data = querydict_from_html(html, form_id="page-edit-form")
    soup = BeautifulSoup(html, "html.parser")
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            widget = soup.find("div", attrs={"id": field.name, "data-controller": "w-block"})
            state = json.loads(widget["data-w-block-arguments-value"])[0]
            flat = {}
            stream_post_data(field.stream_block, state, field.name, flat)
            data.update(flat)
    return data


# --- the tests -------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_compares_every_field_and_restores_the_older_version(
    admin_client, client, choices, model, django_assert_max_num_queries
):
    page = model.objects.live().order_by("path").first().specific
    older = Version(0, page, choices)
    newer = Version(1, page, choices)
    older_revision = make_version(page, older)
    newer_revision = make_version(model.objects.get(pk=page.pk), newer)
    assert newer.words.used[0] in client.get(page.get_url()).content.decode()  # the newer title is live

    compare_url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, older_revision.pk, newer_revision.pk])
    with django_assert_max_num_queries(COMPARE_QUERIES):
        compared = admin_client.get(compare_url)
    assert compared.status_code == 200
    html = compared.content.decode()
    changed = {cell.get_text(strip=True).rstrip(":") for cell in BeautifulSoup(html, "html.parser").select("td.title")}
    fields, relations = edited_fields(model)
    expected = {str(field.verbose_name) for field in fields} | set(row_headings(model))
    assert {label.lower() for label in expected} <= {label.lower() for label in changed}
    missing = [word for word in older.words.used + newer.words.used if word.lower() not in html.lower()]
    assert not missing, f"not shown in the comparison: {missing}"

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, older_revision.pk])
    reverting = admin_client.get(revert_url)
    assert reverting.status_code == 200
    data = form_as_posted(reverting.content.decode(), model)
    data["action-publish"] = "action-publish"
    restored = admin_client.post(revert_url, data)
    assert restored.status_code == 302, BeautifulSoup(restored.content, "html.parser").select(".error-message")

    public = client.get(page.get_url()).content.decode()
    assert older.words.used[0] in public  # the older title, and nothing of the newer version
    assert not [word for word in newer.words.used if word in public]
    latest = Page.objects.get(pk=page.pk).get_latest_revision()
    assert latest.content["title"] == older_revision.content["title"]


def test_the_comparison_shows_dates_and_the_schedule_in_german(admin_client, integration_page):
    """Not Wagtail's raw "None2028-01-30 07:00:00+00:00" under "Veröffentlicht bis"."""
    from django.utils import timezone

    page = integration_page
    older = page.save_revision()
    page.expire_at = timezone.make_aware(datetime.datetime(2028, 1, 30, 8, 0))
    newer = page.save_revision()
    html = admin_client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, older.pk, newer.pk]))
    text = " ".join(BeautifulSoup(html.content, "html.parser").get_text(" ").split())
    assert "Ablaufdatum" in text and "30. Januar 2028, 08:00" in text
    assert "None" not in text and "07:00:00" not in text and "Veröffentlicht bis" not in text
