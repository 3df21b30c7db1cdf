"""Production logs: one JSON object per line, errors with path and exception type, purges with their counts,
and no personal data of citizens: no e-mail or IP address, no query string, no form field, no cookie.

The production LOGGING dict is applied for each test with its handler writing into a buffer; the test
settings' logging is restored afterwards. This module is also the urlconf of two views that fail.
"""

import importlib
import io
import json
import logging.config
import sys

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from tests.factories import TopicPageFactory
from tests.serving.helpers import free_port
from tests.test_http_caching import ban_server  # noqa: F401 - the fixture, a real HTTP server that records BANs

QUERY = "?email=erika%40example.org&token=Geheimnis-4711"
COOKIES = "sessionid=Sitzung-0815; csrftoken=Token-0815"
CLIENT_IP = "203.0.113.77"


def failing_view(request):
    raise ValueError(f"Ungültige Angabe {request.GET.get('email')} von {request.META['REMOTE_ADDR']}")


def database_away(request):
    raise OperationalError('connection to server at "10.20.30.40", port 5432 failed: Connection refused')


urlpatterns = [path("kaputt/", failing_view), path("datenbank-weg/", database_away)]
handler500 = "dortmund_integration.errors.server_error"


@pytest.fixture
def json_logs(monkeypatch, settings):
    """The lines production would write, parsed: a callable returning (raw text, list of dicts)."""
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    monkeypatch.setenv("SECRET_KEY", "nur-fuer-den-test")
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    sys.modules.pop("dortmund_integration.settings.production", None)
    production = importlib.import_module("dortmund_integration.settings.production")
    sys.modules.pop("dortmund_integration.settings.production", None)
    config = production.LOGGING
    stream = io.StringIO()
    console = {**config["handlers"]["console"], "stream": stream}
    config = {**config, "handlers": {**config["handlers"], "console": console}}
    logging.config.dictConfig(config)

    def read():
        text = stream.getvalue()
        return text, [json.loads(line) for line in text.splitlines()]  # every line is one JSON object

    yield read
    logging.config.dictConfig(settings.LOGGING)


def assert_no_personal_data(text):
    secrets = ("erika@example.org", "erika%40example.org", "Geheimnis-4711", "Sitzung-0815", "Token-0815", CLIENT_IP)
    for secret in secrets:
        assert secret not in text


@pytest.mark.django_db
def test_a_server_error_is_one_json_line_with_path_and_exception_type_but_no_personal_data(json_logs, settings):
    settings.ROOT_URLCONF = "tests.test_logging"
    client = Client(raise_request_exception=False, HTTP_COOKIE=COOKIES, REMOTE_ADDR=CLIENT_IP)
    assert client.get("/kaputt/" + QUERY).status_code == 500

    text, lines = json_logs()
    errors = [line for line in lines if line["logger"] == "django.request"]
    assert len(errors) == 1
    error = errors[0]
    assert (error["level"], error["method"], error["path"], error["status_code"]) == ("ERROR", "GET", "/kaputt/", 500)
    assert error["exc_type"] == "ValueError"
    assert error["message"] == "Internal Server Error: /kaputt/"
    assert "failing_view" in error["traceback"] and "Ungültige Angabe [E-Mail] von [IP]" in error["traceback"]
    assert error["time"].endswith("Z") and error["time"][10] == "T"
    assert "request" not in error
    assert_no_personal_data(text)


@pytest.mark.django_db
def test_the_database_away_is_logged_with_its_exception_type_and_no_address(json_logs, settings):
    settings.ROOT_URLCONF = "tests.test_logging"
    client = Client(raise_request_exception=False)
    response = client.get("/datenbank-weg/?q=Einb%C3%BCrgerung")
    assert response.status_code == 503

    text, lines = json_logs()
    request_error = next(line for line in lines if line["logger"] == "django.request")
    assert (request_error["path"], request_error["status_code"]) == ("/datenbank-weg/", 503)
    assert request_error["exc_type"] == "django.db.utils.OperationalError"
    assert any(
        line["logger"] == "dortmund_integration.errors" and line["message"] == "Database unavailable: OperationalError"
        for line in lines
    )
    assert "10.20.30.40" not in text and "Einb" not in text


@pytest.mark.django_db
def test_a_purge_is_one_info_line_with_its_counts(
    json_logs, ban_server, integration_page, django_capture_on_commit_callbacks
):
    page = TopicPageFactory(parent=integration_page, title="Neue Sprachkurse")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert ban_server, "no BAN reached the cache"
    _, lines = json_logs()
    purges = [line for line in lines if line["logger"] == "caching.purge"]
    assert len(purges) == 1
    purge = purges[0]
    assert purge["level"] == "INFO" and purge["backend"] == "VarnishBackend"
    assert purge["paths"] >= 2 and purge["prefixes"] >= 1 and purge["everything"] is False
    assert (purge["requests"], purge["failed_requests"]) == (len(ban_server), 0)
    assert purge["duration_ms"] >= 0


@pytest.mark.django_db
def test_a_failed_purge_is_an_error_line(json_logs, settings, integration_page, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "caching.backends.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
            "TIMEOUT": 1,
        }
    }
    page = TopicPageFactory(parent=integration_page, title="Neue Sprachkurse")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    _, lines = json_logs()
    purge = next(line for line in lines if line["logger"] == "caching.purge")
    assert purge["level"] == "ERROR" and purge["failed_requests"] == purge["requests"] >= 1
    assert "HTTP cache unreachable" in purge["message"]


@pytest.mark.django_db
def test_a_barrier_report_whose_mail_fails_leaves_nothing_of_the_citizen_in_the_logs(json_logs, settings, mia_do_ki):
    mia_do_ki.email = "mia-do-ki@example.org"
    mia_do_ki.save_revision().publish()
    # A real SMTP connection to a port where nothing listens: the mail fails, the report is kept.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    report = {
        "description": "Die Tabelle der Öffnungszeiten lässt sich mit dem Screenreader nicht lesen.",
        "page_url": "/themen/integration/",
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "zusatzfeld": "",
    }
    client = Client(HTTP_COOKIE=COOKIES, REMOTE_ADDR=CLIENT_IP)
    assert client.post("/barriere-melden/", report).status_code == 302

    text, lines = json_logs()
    failure = next(line for line in lines if line["logger"] == "feedback.views")
    assert failure["level"] == "ERROR" and failure["exc_type"] == "ConnectionRefusedError"
    for value in ("Erika", "Mustermann", "Screenreader", "Öffnungszeiten", "mia-do-ki@example.org"):
        assert value not in text
    assert_no_personal_data(text)
