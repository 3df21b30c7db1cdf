"""Security headers on every response: the Content-Security-Policy (public site and admin) and a Permissions-Policy.

The public site's policy (``CONTENT_SECURITY_POLICY`` in settings) allows scripts, styles, fonts and
images from the site's own origin only: no inline code, no ``eval``, no framing. The Wagtail admin
ships inline ``<script>`` elements (inline panels, date pickers) and ``style`` attributes without a
nonce, and shows the preview of a page in an iframe of its own origin, so responses under the admin's
URL get the directives of ``CONTENT_SECURITY_POLICY_ADMIN`` in place of the public ones. The preview of
a page keeps the public policy, except that the admin may frame it. Uploaded images and videos may live
on another origin (S3 with a custom domain); that origin is taken from the storage itself and added to
``img-src`` and ``media-src``.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import NoReverseMatch, reverse

MEDIA_DIRECTIVES = ("img-src", "media-src")


@lru_cache(maxsize=1)
def media_origin():
    """The origin of uploaded files when it is not the site's own (``https://medien.example.org``), else None."""
    from django.core.files.storage import default_storage

    parts = urlsplit(default_storage.url("csp"))
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@lru_cache(maxsize=1)
def admin_prefix():
    """The admin's URL prefix, e.g. ``/admin/``, wherever the URLconf mounts it."""
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def is_admin_request(request):
    prefix = admin_prefix()
    return prefix is not None and request.path_info.startswith(prefix)


def _clear_caches(*, setting, **kwargs):
    if setting in {"STORAGES", "MEDIA_URL", "ROOT_URLCONF"}:
        media_origin.cache_clear()
        admin_prefix.cache_clear()


setting_changed.connect(_clear_caches)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the admin's policy under the admin's URL, the public one elsewhere."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None:
            admin = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
            if is_admin_request(request):
                parts.replace = {**admin, **(parts.replace or {})}
            elif getattr(request, "is_preview", False):
                # Wagtail renders a preview through the middleware again, with the page's own path: it is
                # the public page under the public policy, but shown in the admin's iframe.
                parts.replace = {"frame-ancestors": admin["frame-ancestors"], **(parts.replace or {})}
        origin = media_origin()
        if origin:
            parts.update = {**{name: [origin] for name in MEDIA_DIRECTIVES}, **(parts.update or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Adds ``PERMISSIONS_POLICY`` as the Permissions-Policy header: browser features the site never uses stay off."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowlist)})" for feature, allowlist in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response

