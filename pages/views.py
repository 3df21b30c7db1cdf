"""Views outside the page tree."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

# Everything a citizen reads may be crawled, the site search included; the editors' area and the API may not.
ROBOTS_RULES = [
    "User-agent: *",
    "Disallow: /api/",
    "Disallow: /healthz",
]


@require_safe
def robots_txt(request):
    """Rules for crawlers and where the sitemap is."""
    from pages.templatetags.seo_tags import absolute_url

    sitemap_url = absolute_url(reverse("sitemap"), request)
    rules = list(ROBOTS_RULES)
    # A configured admin path is not published here: robots.txt is the first file scanners read. Every admin
    # page says noindex itself.
    if settings.ADMIN_PATH == "admin":
        rules.insert(1, "Disallow: /admin/")
    lines = [*rules, "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers that ask for /favicon.ico before reading the page's icon link get the site's icon.

    A temporary redirect: in production the target is a hashed file name that changes with the icon.
    """
    return HttpResponseRedirect(static("img/favicon.svg"))
