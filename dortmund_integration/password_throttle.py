"""Limits on wrong passwords for password-protected pages and document collections.

django-axes guards the admin login only; Wagtail's forms for a page's or a collection's shared password
(``PageViewRestriction``/``CollectionViewRestriction`` of the type "password") would take any number of
guesses. Each address gets ``PASSWORD_FAILURE_LIMIT`` wrong passwords per restriction within
``PASSWORD_COOLOFF_MINUTES``; after that the form answers with a German 429 page, also for the right
password, until the cool-off ends. The address is the visitor's behind Varnish (``client_address``) and is
only hashed for the counter.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from dortmund_integration.client_address import client_address


def _key(request, kind, restriction_id):
    address = client_address(request) or ""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"password-failures:{kind}:{restriction_id}:{digest}"


def _count_failure(key, seconds):
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:  # the window ended between the two calls
            cache.set(key, 1, seconds)


def throttled(kind, view):
    """``view`` (one of Wagtail's password views) with a limit on wrong passwords per address and restriction.

    A submission the view does not answer with a redirect (its way of letting the visitor in) was a wrong
    password and counts as a failure.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        restriction_id = kwargs.get("page_view_restriction_id") or kwargs.get("restriction_id")
        key = _key(request, kind, restriction_id)
        minutes = settings.PASSWORD_COOLOFF_MINUTES
        if request.method == "POST" and cache.get(key, 0) >= settings.PASSWORD_FAILURE_LIMIT:
            response = render(request, "password_locked.html", {"minutes": minutes}, status=429)
            response["Retry-After"] = str(minutes * 60)
            return response
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 200:
            _count_failure(key, minutes * 60)
        return response

    return wrapper
