"""The office responsible for many pages at once, in a fixed number of queries."""

from wagtail.models import Page

from pages.models import OfficePage
from pages.models.base import office_page_models


def _prefixes(path):
    """The page's own path and its ancestors' below the tree root, nearest first."""
    return [path[:end] for end in range(len(path), Page.steplen, -Page.steplen)]


def effective_office_ids(pages):
    """``{page id: office id or None}``: the page's own office, else the nearest ancestor's.

    An office is responsible for its own page (like ``OfficePage.effective_office``). ``pages`` are
    ``(pk, path, content_type_id)`` triples; one query, a UNION over the page types that name an office.
    """
    from django.contrib.contenttypes.models import ContentType

    pages = list(pages)
    office_type_id = ContentType.objects.get_for_model(OfficePage).pk
    paths = {prefix for _, path, _ in pages for prefix in _prefixes(path)}
    named = {}
    if paths:
        selects = [
            model.objects.filter(path__in=paths, **{f"{model.office_field}__isnull": False})
            .values_list("path", f"{model.office_field}_id")
            .order_by()
            for model in office_page_models()
        ]
        named = dict(selects[0].union(*selects[1:], all=True))
    result = {}
    for pk, path, content_type_id in pages:
        if content_type_id == office_type_id:
            result[pk] = pk
        else:
            result[pk] = next((named[prefix] for prefix in _prefixes(path) if prefix in named), None)
    return result


def office_titles(office_ids):
    """``{office id: title}`` in one query."""
    ids = {office_id for office_id in office_ids if office_id}
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
