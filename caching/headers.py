"""Cache headers: anonymous pages may be kept by Varnish; anything personal never."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from caching.lifetime import shared_max_age

CACHEABLE_STATUSES = {200, 203, 204, 300, 301, 404, 410}


def is_shareable(request, response):
    """Whether the response is the same for every anonymous visitor and may go into a shared cache."""
    if request.method not in ("GET", "HEAD") or response.status_code not in CACHEABLE_STATUSES:
        return False
    if response.has_header("Cache-Control"):
        return False  # the view decided itself (static files, never_cache views)
    if response.cookies or getattr(request, "is_preview", False):
        return False  # a CSRF token or a session cookie: personal
    if any(request.path.startswith(prefix) for prefix in settings.HTTP_CACHE_EXCLUDED_PATHS):
        return False
    if request.GET.get("q") and request.path.startswith("/suche/"):
        return False  # search terms are personal and endless
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # a visitor with a session (an editor, a form in progress)
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class SharedCacheMiddleware:
    """Marks anonymous, cookie-free answers ``public, s-maxage=…`` and everything else private.

    Placed above the session and CSRF middleware, so it sees the cookies they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_shareable(request, response):
            # Browsers revalidate every time (max-age=0); only the shared cache keeps the page.
            patch_cache_control(response, public=True, max_age=0, s_maxage=shared_max_age())
        elif not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class ContentGenerationMiddleware:
    """Fixes the content generation for the request and gives Wagtail the memoized site and settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        from caching.generation import begin_request, end_request, memoize
        from pages.models import SiteSettings

        reset = begin_request()
        try:
            host, port = request.get_host(), request.get_port()
        except Exception:  # a bad Host header: Django answers it with 400 further down
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
