"""What search engines and link previews read in a page's ``<head>``."""

from urllib.parse import urljoin

from django import template
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from caching.generation import memoize
from pages.models.settings import SiteSettings
from pages.structured_data import breadcrumb_list, website

register = template.Library()

# Prefetched by ContentPage.effective_hero_image and rendered by the hero, so no rendition is made or queried here.
SHARE_IMAGE_FILTER = "width-1200"


def absolute_url(url, request):
    """``url`` on the host the site's pages are addressed by, as in the canonical URL; absolute URLs stay."""
    site = Site.find_for_request(request)
    return urljoin(site.root_url + "/", url) if site else request.build_absolute_uri(url)


def share_image(page, request):
    """The page's hero as a link preview shows it: absolute URL, size and alternative text; None without one."""
    image = getattr(page, "effective_hero_image", None)
    if image is None:
        return None
    try:
        rendition = memoize(("rendition", image.pk, SHARE_IMAGE_FILTER), lambda: image.get_rendition(SHARE_IMAGE_FILTER))
    except SourceImageIOError:  # the original file is missing; the hero tag shows nothing either
        return None
    return {
        "url": absolute_url(rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.alt_text,
    }


def is_site_root(page, request):
    site = Site.find_for_request(request)
    return site is not None and site.root_page_id == page.pk


@register.inclusion_tag("components/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Canonical URL, description, Open Graph and JSON-LD of the page being shown; nothing for other views."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return {"page": None}
    site_name = SiteSettings.for_request(request).site_name
    structured_data = [breadcrumb_list(page, request)]
    if is_site_root(page, request):
        structured_data.append(website(page, site_name, request))
    return {
        "page": page,
        "canonical_url": page.get_full_url(request),
        "title": page.seo_title or page.title,
        "description": page.search_description,
        "site_name": site_name,
        "image": share_image(page, request),
        "structured_data": structured_data,
    }
