"""The admin login: locked after repeated failures per user name and per address, German answers, the address
taken from X-Forwarded-For only behind our own proxies, the admin at a configurable path, hardened cookies."""

import datetime
import json
import logging
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from caching import generation
from deploy.render_vcl import render_vcl
from dortmund_integration.client_address import client_address

BASE_DIR = Path(__file__).resolve().parents[1]
OFFICE = "198.51.100.20"  # one address for a whole office behind the city's NAT
ELSEWHERE = "203.0.113.77"
PASSWORD = "Sonnenblume-Phoenixsee-1848"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("m.yilmaz", "m.yilmaz@dortmund.de", PASSWORD)


@pytest.fixture
def colleague(db):
    return get_user_model().objects.create_user("j.schaefer", "j.schaefer@dortmund.de", PASSWORD)


def log_in(client, username, password, address=OFFICE, **headers):
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def is_logged_in(client, user):
    return client.session.get("_auth_user_id") == str(user.pk)


def assert_lockout_page(response):
    html = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="de">' in html
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in html
    assert f"Bitte versuchen Sie es in {settings.AXES_COOLOFF_TIME.seconds // 60} Minuten erneut" in html
    assert response["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)
    assert "sessionid" not in response.cookies
    assert 'name="password"' not in html
    return html


def test_five_wrong_passwords_lock_the_user_name_even_with_the_right_password(client, editor):
    limit = settings.LOGIN_FAILURE_LIMIT_PER_USER
    for _ in range(limit - 1):
        response = log_in(client, editor.username, "falsch")
        assert response.status_code == 200 and 'name="password"' in response.content.decode()

    html = assert_lockout_page(log_in(client, editor.username, "falsch"))
    assert editor.username not in html and not re.search(rf"\b{limit}\b", html)  # no user name, no counts

    assert_lockout_page(log_in(client, editor.username, PASSWORD))
    assert not is_logged_in(client, editor)
    # The user name is locked wherever the attempts come from.
    assert_lockout_page(log_in(client, editor.username, PASSWORD, address=ELSEWHERE))


def test_a_colleague_at_the_same_address_still_logs_in(client, editor, colleague):
    for _ in range(settings.LOGIN_FAILURE_LIMIT_PER_USER):
        log_in(client, editor.username, "falsch")

    response = log_in(client, colleague.username, PASSWORD)

    assert response.status_code == 302 and is_logged_in(client, colleague)


def test_after_the_cool_off_the_login_works_again(client, editor):
    start = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start):
        for _ in range(settings.LOGIN_FAILURE_LIMIT_PER_USER):
            log_in(client, editor.username, "falsch")
    with freeze_time(start + settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=30)):
        assert_lockout_page(log_in(client, editor.username, PASSWORD))
    # The refused attempt above counts as a failure too: the cool-off runs from the last one.
    with freeze_time(start + 2 * settings.AXES_COOLOFF_TIME):
        response = log_in(client, editor.username, PASSWORD)
    assert response.status_code == 302 and is_logged_in(client, editor)


def test_a_successful_login_forgets_only_its_own_failures(client, editor, colleague):
    """A colleague's login from the same address must not give an attacker there new tries at the editor."""
    limit = settings.LOGIN_FAILURE_LIMIT_PER_USER
    for _ in range(limit - 1):
        log_in(client, colleague.username, "vertippt")
    assert log_in(client, colleague.username, PASSWORD).status_code == 302
    for _ in range(limit - 1):
        log_in(client, colleague.username, "vertippt")  # counted afresh: not locked

    for _ in range(limit - 1):
        log_in(client, editor.username, "geraten")
    client.logout()
    assert log_in(client, colleague.username, PASSWORD).status_code == 302
    client.logout()

    assert_lockout_page(log_in(client, editor.username, "geraten"))


def test_many_wrong_user_names_lock_the_address_at_its_higher_limit(client, editor):
    per_address = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    assert per_address > settings.LOGIN_FAILURE_LIMIT_PER_USER
    for number in range(per_address - 1):
        response = log_in(client, f"redaktion{number}", "falsch")
        assert response.status_code == 200, f"locked after {number + 1} failures of different user names"

    assert_lockout_page(log_in(client, "redaktion-letzte", "falsch"))
    assert_lockout_page(log_in(client, editor.username, PASSWORD))
    assert log_in(client, editor.username, PASSWORD, address=ELSEWHERE).status_code == 302


def test_behind_our_proxy_each_visitor_is_counted_by_their_own_address(client, editor, colleague):
    """Varnish connects from 127.0.0.1 and appends the visitor's address to X-Forwarded-For."""
    for _ in range(settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS):
        log_in(client, "unbekannt", "falsch", address="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}

    assert_lockout_page(log_in(client, editor.username, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE))
    # Another visitor through the same proxy; whatever a client writes into the header itself stays left of it.
    forged = f"{OFFICE}, {ELSEWHERE}"
    response = log_in(client, colleague.username, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 302


def test_a_forged_forwarded_for_from_an_unknown_peer_is_ignored(client, db):
    log_in(client, "unbekannt", "falsch", address=ELSEWHERE, HTTP_X_FORWARDED_FOR=OFFICE)

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ELSEWHERE]


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "expected"),
    [
        ("198.51.100.9", "203.0.113.5", ["127.0.0.1", "::1"], "198.51.100.9"),
        ("127.0.0.1", "", ["127.0.0.1", "::1"], "127.0.0.1"),
        ("127.0.0.1", "203.0.113.5", ["127.0.0.1", "::1"], "203.0.113.5"),
        ("127.0.0.1", "10.9.9.9, 203.0.113.5", ["127.0.0.1", "::1"], "203.0.113.5"),
        # TLS proxy (10.0.0.0/8) → Varnish on loopback → gunicorn.
        ("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.3", ["127.0.0.1", "10.0.0.0/8"], "203.0.113.5"),
        ("127.0.0.1", "10.0.0.3", ["127.0.0.1", "10.0.0.0/8"], "10.0.0.3"),
        ("127.0.0.1", "203.0.113.5, kein-rechner", ["127.0.0.1"], "127.0.0.1"),
        ("::1", "2001:db8::5", ["127.0.0.1", "::1"], "2001:db8::5"),
        ("::ffff:127.0.0.1", "::ffff:203.0.113.5", ["127.0.0.1"], "203.0.113.5"),
        ("", "203.0.113.5", ["127.0.0.1"], None),
    ],
)
def test_the_client_address_trusts_forwarded_for_only_from_our_proxies(
    settings, peer, forwarded_for, trusted, expected
):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_address(request) == expected


def test_a_failed_login_logs_and_stores_no_password(client, editor, caplog):
    secret = "Mein-geheimes-Passwort-Westfalenpark"
    with caplog.at_level(logging.DEBUG):
        log_in(client, editor.username, secret)

    assert caplog.records, "the failed login was not logged at all"
    assert secret not in caplog.text
    attempt = AccessAttempt.objects.get()
    assert all(secret not in str(value) for value in vars(attempt).values())


def test_a_failed_login_does_not_invalidate_the_cached_pages(client, editor, django_capture_on_commit_callbacks):
    before = generation.current_token()
    with django_capture_on_commit_callbacks(execute=True):
        log_in(client, editor.username, "falsch")
        log_in(client, editor.username, PASSWORD)

    assert AccessAttempt.objects.count() == 0  # written, then forgotten by the successful login
    assert generation.current_token() == before


def test_the_login_form_labels_its_fields_in_german(client, db):
    html = client.get("/admin/login/").content.decode()
    labels = [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]
    assert labels[:2] == ["Benutzername *", "Passwort *"]
    assert "Password" not in html and "Enter password" not in html


@pytest.mark.django_db
def test_the_add_user_form_refuses_weak_passwords_in_german(admin_client):
    form = {
        "username": "neue.redakteurin",
        "email": "neue.redakteurin@dortmund.de",
        "first_name": "Aylin",
        "last_name": "Öztürk",
        "is_active": "on",
    }
    for weak, messages in [
        ("12345678", ["Dieses Passwort ist zu üblich.", "Dieses Passwort ist komplett numerisch."]),
        ("passwort", ["Dieses Passwort ist zu üblich."]),
    ]:
        response = admin_client.post(reverse("wagtailusers_users:add"), {**form, "password1": weak, "password2": weak})
        html = response.content.decode()
        assert response.status_code == 200
        for message in messages:
            assert message in html, f"{message!r} missing for {weak!r}"
    assert not get_user_model().objects.filter(username="neue.redakteurin").exists()


# --- production settings, in a process of their own -----------------------------------------------------

PRODUCTION_CLIENT = textwrap.dedent(
    """
    import json, django
    from django.test.utils import override_settings
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    # Only the static files: collectstatic's manifest does not exist here. Everything else is production's.
    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain_static):
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        user = get_user_model().objects.create_user("cookie.probe", password="Hohensyburg-Kaiserhain-1912")
        try:
            login_form = client.get("/verwaltung-intern/login/")
            old_admin = client.get("/admin/login/")
            robots = client.get("/robots.txt").content.decode()
            answer = client.post(
                "/verwaltung-intern/login/",
                {"username": "cookie.probe", "password": "Hohensyburg-Kaiserhain-1912"},
            )
            from django.contrib.sessions.models import Session
            from django.utils import timezone

            session = Session.objects.get(session_key=answer.cookies["sessionid"].value)
            session_lifetime = (session.expire_date - timezone.now()).total_seconds()
        finally:
            user.delete()

    def attributes(morsel):
        return {name: morsel[name] for name in ("secure", "httponly", "samesite", "max-age")}

    print(json.dumps({
        "login_form": [login_form.status_code, 'name="password"' in login_form.content.decode()],
        "old_admin": [old_admin.status_code, old_admin.content.decode()],
        "robots": robots,
        "login": [answer.status_code, answer.get("Location", "")],
        "cookies": {name: attributes(morsel) for name, morsel in answer.cookies.items()},
        "session_lifetime": session_lifetime,
    }))
    """
)


@pytest.fixture(scope="module")
def production(django_db_setup):
    """The production settings with ADMIN_PATH=verwaltung-intern, against this session's test database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("production settings need PostgreSQL")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"SECURE_COOKIES", "DEBUG", "REDIS_URL", "VARNISH_URL", "AWS_STORAGE_BUCKET_NAME"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        ALLOWED_HOSTS="testserver",
        ADMIN_PATH="verwaltung-intern",
        CACHE_DIR=tempfile.mkdtemp(prefix="portal-axes-cache-"),
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_CLIENT], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_admin_lives_at_the_configured_path(production):
    assert production["login_form"] == [200, True]
    status, html = production["old_admin"]
    assert status == 404 and "Seite nicht gefunden" in html
    assert production["login"] == [302, "/verwaltung-intern/"]
    # robots.txt does not give a changed admin path away (every admin page says noindex itself).
    assert "verwaltung-intern" not in production["robots"] and "/admin/" not in production["robots"]


def test_production_cookies_are_secure_httponly_and_same_site(production):
    session = production["cookies"]["sessionid"]
    assert session["secure"] is True and session["httponly"] is True and session["samesite"] == "Lax"
    # Ends with the browser ("Angemeldet bleiben" unticked), and on the server after an editor's working day.
    assert session["max-age"] == ""
    assert 8 * 60 * 60 - 60 < production["session_lifetime"] <= 8 * 60 * 60
    csrf = production["cookies"]["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"


def test_varnish_passes_the_admin_at_the_configured_path(tmp_path):
    vcl = render_vcl(8123, "verwaltung-intern")

    assert '.port = "8123";' in vcl
    assert 'req.url ~ "^/(verwaltung-intern|barriere-melden|dokumente)(/|$)"' in vcl
    assert "(admin|" not in vcl
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if os.path.exists(varnishd):
        (tmp_path / "portal.vcl").write_text(vcl)
        compiled = subprocess.run(
            [varnishd, "-C", "-j", "none", "-n", str(tmp_path / "instance"), "-f", str(tmp_path / "portal.vcl")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert compiled.returncode == 0, compiled.stderr[-2000:]
