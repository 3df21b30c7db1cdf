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

