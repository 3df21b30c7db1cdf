import json

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from caching.generation import memoize
from pages.files import file_type_label, format_file_size

register = template.Library()


@register.filter
def file_size(document):
    """The stored file's size, e.g. "1,4 MB"."""
    return format_file_size(document.file_size if document.file_size is not None else document.get_file_size())


@register.filter
def file_type(document):
    """The stored file's type, e.g. "PDF"."""
    return file_type_label(document.file.name)


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A JSON-LD script element whose content cannot close the element early."""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.inclusion_tag("components/site_notices.html", takes_context=True)
def site_notices(context):
    """The notices scheduled for now, for the whole site or the section of this page."""
    from pages.models import SiteNotice

    page = context.get("page")
    return {"notices": SiteNotice.shown_on(page.path if isinstance(page, Page) else None)}


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page's children that are shown in menus, in one query."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"items": [], "request": request}
    root = site.root_page
    items = memoize(
        ("main-navigation", root.pk),
        lambda: list(Page.objects.live().public().child_of(root).filter(show_in_menus=True).order_by("path")),
    )
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""

    def state(item):
        if item.path == current_path:
            return "page"
        return "true" if current_path.startswith(item.path) else ""

    return {
        "items": [(item, state(item)) for item in items],
        "request": request,
    }
