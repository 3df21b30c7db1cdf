"""Fixes the content generation for each request and hands Wagtail the site and settings kept with it."""

from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from caching.generation import begin_request, end_request, memoize
from pages.models import SiteSettings


class ContentGenerationMiddleware:
    """Fixes the content generation for the request and gives Wagtail the memoized site and settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = begin_request()
        try:
            host, port = request.get_host(), request.get_port()
        except DisallowedHost:  # Django answers it with 400 further down
            host = None
        try:
            if host is not None:
                site = memoize(("site", host, port), lambda: Site.find_for_request(request))
                request._wagtail_site = site
                request._wagtail_cached_site_root_paths = memoize(("site-root-paths",), Site.get_site_root_paths)
                if site is not None:
                    site_settings = memoize(("site-settings", site.pk), lambda: SiteSettings.for_site(site))
                    site_settings._request = request
                    setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
            return self.get_response(request)
        finally:
            end_request(reset)
