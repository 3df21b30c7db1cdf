"""Limits on failed admin logins (django-axes): a low one per user name, a higher one per address.

Axes counts the failures of the user name and those of the address separately (``AXES_LOCKOUT_PARAMETERS``)
but compares the larger count with one limit. An office behind one city address must not be locked out
after five typos of different editors, so :func:`failure_limit` returns the user name's limit once that
name has used it up, and the address's limit otherwise; with the address limit at least as high, "locked"
means exactly: the name has ``LOGIN_FAILURE_LIMIT_PER_USER`` failures (from anywhere) or the address has
``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` (for any names), within the cool-off time.

A successful login forgets the failures of its own user name only (:class:`LoginAttemptHandler`); Axes would
forget those of the whole address, so that anyone with an account could reset the count of a colleague's
user name that is being guessed from the same address.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone


def _failures_of_username(request, username):
    since = (getattr(request, "axes_attempt_time", None) or timezone.now()) - get_cool_off(request)
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials):
    """The limit Axes compares the larger of the two failure counts with (see the module docstring)."""
    username = get_client_username(request, credentials)
    per_user = settings.LOGIN_FAILURE_LIMIT_PER_USER
    if username and _failures_of_username(request, username) >= per_user:
        return per_user
    return settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS


def lockout_response(request, original_response=None, credentials=None):
    """A German "Too Many Requests" page that names no counts, no user name and no address."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    response = render(request, "axes/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class LoginAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler, except that a successful login resets its user name's failures only."""

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
