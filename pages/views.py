"""Views outside the page tree."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

# Everything a citizen reads may be crawled, the site search included; the editors' area and the API may not.
ROBOTS_RULES = [
    "User-agent: *",
    "Disallow: /admin/",
    "Disallow: /api/",
    "Disallow: /healthz",
]


@require_safe
def robots_txt(request):
    """Rules for crawlers and where the sitemap is."""
    from pages.templatetags.seo_tags import absolute_url

    sitemap_url = absolute_url(reverse("sitemap"), request)
    lines = [*ROBOTS_RULES, "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
