"""Every page type previews its unsaved draft, at phone width too, with the office box and "Mehr zum Thema" of the draft."""

import datetime
import decimal
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import ContentPage, OfficePage
from tests.conftest import MIA_DO_KI_PATH, page_at
from tests.factories import LocationFactory, OfficePageFactory, TopicPageFactory

TOPIC = "/themen/integration/schwerpunkte-der-arbeit/"


def page_models():
    return [model for model in get_page_models() if model is not Page]


def plain(value):
    """A form value as the browser sends it."""
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, (datetime.date, datetime.time, decimal.Decimal, int)):
        return str(value)
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def related_entries(page):
    """The stored "Mehr zum Thema" as (type, value) pairs that ``streamfield()`` posts."""
    entries = []
    for child in page.related_links:
        value = dict(child.value)
        if child.block_type == "page":
            value["page"] = value["page"].pk if value["page"] else ""
        entries.append((child.block_type, {key: "" if item is None else item for key, item in value.items()}))
    return entries


def edit_form_data(page, **changes):
    """The page's edit form as the editor's browser posts it, with ``changes``; inline rows are left out."""
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=get_user_model()(is_superuser=True))
    data = {}
    for name, field in form.fields.items():
        if name == "comment_notifications":
            continue
        model_field = page._meta.get_field(name) if name in {f.name for f in page._meta.get_fields()} else None
        if isinstance(model_field, StreamField):
            # The body's blocks are left out: the previews here check the title, the office box and the links.
            data[name] = streamfield(related_entries(page) if name == "related_links" else [])
        else:
            value = plain(form[name].value())
            if value is not None:
                data[name] = value
    for name in form.formsets:
        data[name] = inline_formset([])
    data.update(changes)
    return nested_form_data(data)


def preview_html(client, url, data):
    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"], posted.json()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def office_box(html):
    return html.split('<section class="office-box"', 1)[1].split("</section>", 1)[0]


def related_section(html):
    """The "Mehr zum Thema" list; empty when the page has none."""
    return html.partition('id="mehr-zum-thema"')[2].split("</section>", 1)[0]


def sample_page(model):
    return model.objects.live().order_by("path").first().specific


@pytest.mark.django_db
@pytest.mark.parametrize("model", page_models(), ids=lambda model: model.__name__)
def test_every_page_type_previews_unsaved_changes(admin_client, model):
    page = sample_page(model)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    html = preview_html(admin_client, url, edit_form_data(page, title=f"{page.title} – Entwurf in Arbeit"))
    assert escape(f"{page.title} – Entwurf in Arbeit") in html
    assert 'name="viewport" content="width=device-width' in html  # renders at phone width
    page.refresh_from_db()
    assert "Entwurf in Arbeit" not in page.title  # nothing was saved


@pytest.mark.django_db
@pytest.mark.parametrize("model", page_models(), ids=lambda model: model.__name__)
def test_the_preview_offers_a_phone_width_with_german_labels(admin_client, model):
    page = sample_page(model)
    sizes = page.preview_sizes
    assert sizes[0]["device_width"] == 375 and "Smartphone" in sizes[0]["label"]
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-device-width="375"' in html
    assert "Vorschau als Smartphone (375 Pixel breit)" in html


@pytest.mark.django_db
def test_the_draft_preview_shows_the_office_and_related_pages_of_the_draft(admin_client, integration_page):
    page = page_at(TOPIC)
    published_html = admin_client.get(TOPIC).content.decode()
    new_office = OfficePageFactory(
        parent=page_at("/themen/integration/"),
        title="Sprachbüro Nordstadt",
        locations=[LocationFactory(street="Münsterstraße 56", postcode="44145")],
    )
    new_office.save_revision().publish()
    target = TopicPageFactory(parent=integration_page, title="Elterncafés in der Nordstadt")
    target.save_revision().publish()
    assert "Münsterstraße 56" not in office_box(published_html)
    assert "Elterncafés in der Nordstadt" not in related_section(published_html)

    related = related_entries(page) + [("page", {"page": target.pk, "teaser": ""})]
    data = edit_form_data(page, responsible_office=str(new_office.pk), related_links=streamfield(related))
    html = preview_html(admin_client, reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), data)

    box = office_box(html)
    assert "Sprachbüro Nordstadt" in box and "Münsterstraße 56" in box
    assert "Südwall" not in box  # the published office's address is not shown
    assert "Elterncafés in der Nordstadt" in related_section(html)
    assert target.search_description in related_section(html)

    # The published page is unchanged.
    live = admin_client.get(TOPIC).content.decode()
    assert "Münsterstraße 56" not in office_box(live)
    assert "Elterncafés in der Nordstadt" not in related_section(live)


@pytest.mark.django_db
def test_the_preview_of_an_office_shows_its_changed_phone_number_in_its_box(admin_client, mia_do_ki):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[mia_do_ki.pk])
    html = preview_html(admin_client, url, edit_form_data(mia_do_ki, phone="0231 50-99999"))
    assert "0231 50-99999" in office_box(html)
    assert "0231 50-99999" not in admin_client.get(MIA_DO_KI_PATH).content.decode()


def creatable_cases():
    return [model for model in page_models() if model.max_count is None]


@pytest.mark.django_db
@pytest.mark.parametrize("model", creatable_cases(), ids=lambda model: model.__name__)
def test_a_new_page_of_every_creatable_type_previews_before_it_is_saved(admin_client, model):
    parent = next(
        page.specific
        for page in Page.objects.live().order_by("path")
        if model.can_create_at(page.specific) and isinstance(page.specific, tuple(model.allowed_parent_page_models()))
    )
    new_page = model(title="Interkulturelle Woche 2027", slug="interkulturelle-woche-2027")
    new_page.search_description = "Programm der Interkulturellen Woche 2027 in Dortmund."
    data = edit_form_data(new_page)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    html = preview_html(admin_client, url, data)
    assert "Interkulturelle Woche 2027" in html
    assert not model.objects.filter(slug="interkulturelle-woche-2027").exists()


def test_every_page_type_is_a_content_page_with_the_shared_preview_sizes():
    for model in page_models():
        assert issubclass(model, ContentPage), model
        assert model.preview_sizes[0]["name"] == "mobile"
        assert all(size["label"].startswith("Vorschau") for size in model.preview_sizes)
        assert issubclass(OfficePage, ContentPage)
