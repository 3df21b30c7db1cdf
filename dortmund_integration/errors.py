"""The answer when something fails on the server: the database away is a German 503, never a traceback."""

import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """Django's 500 handler, except while the database cannot be reached: then "vorübergehend nicht
    erreichbar" (503, Retry-After), which load balancers and Varnish treat as a passing outage. The
    template needs no database; the connection is re-established by the next request that finds it back
    (``CONN_HEALTH_CHECKS``)."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        logger.error("Database unavailable: %s", type(error).__name__)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request, template_name)


def csrf_failure(request, reason=""):
    """A form sent without a valid token (expired, cookies blocked, or forged): a German 403 instead of Django's
    English page for developers. The reason is logged by Django's CSRF middleware, not shown."""
    return render(request, "403_csrf.html", status=HttpResponseForbidden.status_code)


class MethodNotAllowedMiddleware:
    """Django's 405 (a view that does not take the request's method, e.g. a form sent to robots.txt) has no
    body at all; a person whose browser or tool sent it reads German instead. JSON answers (the API) keep
    theirs, and the ``Allow`` header stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            response.content = loader.get_template("405.html").render()
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
