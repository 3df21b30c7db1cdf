"""What the report "Inhalte prüfen" lists: one row per problem of a page or an image, in a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Trim
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from pages.models.base import TEASER_MAX_LENGTH, ContentPage, private_paths
from pages.models.office import OfficePage
from quality.headings import skipped_levels
from quality.office_data import describe, office_data_in_page


class Kind:
    """The kinds of problem, keyed by the value the report's filter puts in the URL."""

    IMAGE_ALT = "bild-ohne-alternativtext"
    TEASER_MISSING = "teaser-fehlt"
    TEASER_TOO_LONG = "teaser-zu-lang"
    HEADING_SKIPPED = "ueberschrift-uebersprungen"
    OFFICE_DATA = "kontaktdaten-im-text"

    choices = [
        (IMAGE_ALT, "Bild ohne Alternativtext"),
        (TEASER_MISSING, "Teaser fehlt"),
        (TEASER_TOO_LONG, "Teaser zu lang"),
        (HEADING_SKIPPED, "Überschriftenebene übersprungen"),
        (OFFICE_DATA, "Kontaktdaten im Text"),
    ]
    labels = dict(choices)


@dataclass
class Finding:
    """One row of the report."""

    kind: str
    problem: str
    title: str
    edit_url: str
    subject_type: str
    status: str

    @property
    def kind_label(self):
        return Kind.labels[self.kind]


def teaser_problem(teaser):
    """(kind, German problem) for a missing or too long teaser, or None."""
    length = len((teaser or "").strip())
    if not length:
        return Kind.TEASER_MISSING, Kind.labels[Kind.TEASER_MISSING]
    if length > TEASER_MAX_LENGTH:
        return Kind.TEASER_TOO_LONG, f"Teaser zu lang ({length} von höchstens {TEASER_MAX_LENGTH} Zeichen)"
    return None


def _page_status(page):
    if not page.live:
        return "Entwurf"
    return "veröffentlicht, mit Entwurf" if page.has_unpublished_changes else "veröffentlicht"


def _offices_by_path():
    """Each page path that names an office (itself or through its office field), mapped to a shown office.

    An office that is unpublished or private is left out, as the office box leaves it out.
    """
    hidden_paths = private_paths()
    shown = {
        pk: email
        for pk, path, email in OfficePage.objects.live().values_list("pk", "path", "email")
        if not path.startswith(hidden_paths)
    }
    naming = {path: pk for pk, path in OfficePage.objects.filter(pk__in=shown).values_list("pk", "path")}
    for model in get_page_models():
        field = getattr(model, "office_field", None)
        if field:
            naming.update(model.objects.filter(**{f"{field}__isnull": False}).values_list("path", f"{field}_id"))
    return {path: (office_id, shown[office_id]) for path, office_id in naming.items() if office_id in shown}


def _effective_office(path, offices_by_path):
    """The office of the nearest page on ``path`` (the page itself first) that names a shown one."""
    for end in range(len(path), 0, -Page.steplen):
        office = offices_by_path.get(path[:end])
        if office:
            return office
    return None


def _bodies(page_ids):
    """Each content page's body and introduction, from one query per page type."""
    pages = {}
    for model in get_page_models():
        if not issubclass(model, ContentPage) or model._meta.abstract:
            continue
        fields = [name for name in ("body", "intro") if any(field.name == name for field in model._meta.fields)]
        if fields:
            content_type = ContentType.objects.get_for_model(model)
            queryset = model.objects.filter(pk__in=page_ids, content_type=content_type).only("pk", *fields)
            pages.update({page.pk: page for page in queryset})
    return pages


def _page_row(page, model, kind, problem):
    return Finding(
        kind=kind,
        problem=problem,
        title=page.title,
        edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        subject_type=str(model._meta.verbose_name),
        status=_page_status(page),
    )


def _page_problems(page, content, office):
    """(kind, German problem) of one page: teaser, heading levels, office data in the text."""
    teaser = teaser_problem(page.search_description)
    if teaser:
        yield teaser
    if content is None:
        return
    body = getattr(content, "body", None)
    for skipped in skipped_levels(list(body.raw_data) if body is not None else []):
        yield Kind.HEADING_SKIPPED, f"Überschriftenebene übersprungen ({skipped})"
    if office:
        matches = office_data_in_page(content, office_email=office[1])
        if matches:
            yield Kind.OFFICE_DATA, f"Kontaktdaten im Text ({describe(matches)})"


def page_findings(user):
    """The problems of every page ``user`` may edit, in tree order."""
    pages = list(
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, ["change", "publish"])
        .filter(depth__gt=1)
        .only("pk", "title", "path", "live", "has_unpublished_changes", "search_description", "content_type")
        .order_by("path")
    )
    bodies = _bodies([page.pk for page in pages])
    offices_by_path = _offices_by_path()
    findings = []
    for page in pages:
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if model is None or not issubclass(model, ContentPage):
            continue
        office = _effective_office(page.path, offices_by_path)
        for kind, problem in _page_problems(page, bodies.get(page.pk), office):
            findings.append(_page_row(page, model, kind, problem))
    return findings


def without_alt_text(images):
    """The images of a queryset that are neither described nor marked decorative."""
    return images.annotate(alt_text_trimmed=Trim("description")).filter(is_decorative=False, alt_text_trimmed="")


def _usage_note(count):
    if count == 0:
        return "auf keiner veröffentlichten Seite verwendet"
    if count == 1:
        return "auf 1 veröffentlichten Seite verwendet"
    return f"auf {count} veröffentlichten Seiten verwendet"


def image_findings(user):
    """Images without a text alternative that are not marked decorative, with the number of live pages using them.

    Every such image in the library is listed, used or not: it may be chosen for a page any day.
    """
    image_model = get_image_model()
    editable = policy_registry.get_by_type(image_model).instances_user_has_permission_for(user, "change")
    images = list(without_alt_text(editable).only("pk", "title").order_by("title", "pk"))
    if not images:
        return []
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(image_model),
        to_object_id__in=[str(image.pk) for image in images],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("to_object_id", "object_id")
    references = set(references)
    live_pages = set(
        str(pk)
        for pk in Page.objects.live().filter(pk__in=[int(page_id) for _, page_id in references]).values_list(
            "pk", flat=True
        )
    )
    findings = []
    for image in images:
        used_on = {page_id for image_id, page_id in references if image_id == str(image.pk) and page_id in live_pages}
        findings.append(
            Finding(
                kind=Kind.IMAGE_ALT,
                problem=Kind.labels[Kind.IMAGE_ALT],
                title=image.title,
                edit_url=reverse("wagtailimages:edit", args=[image.pk]),
                subject_type="Bild",
                status=_usage_note(len(used_on)),
            )
        )
    return findings


def findings_for(user):
    """Every problem ``user`` can fix: images first, then pages in tree order."""
    return image_findings(user) + page_findings(user)
