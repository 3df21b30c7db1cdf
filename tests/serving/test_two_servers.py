"""The application servers hold no state: two gunicorn processes with the production settings, sharing
only PostgreSQL and Redis, serve the same pages, and a login on one is valid on the other.

Both run ``gunicorn dortmund_integration.wsgi -c deploy/gunicorn.conf.py`` against the test database
(committed seed content) and a Redis database of their own, flushed before and after. Production
settings render ``{% static %}`` from the manifest of CompressedManifestStaticFilesStorage, so
``collectstatic`` runs first, into the default STATIC_ROOT var/static (git-ignored, the same folder
``make serve`` fills); the settings have no override for STATIC_ROOT.
"""

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session

from pages.roles import EDITORS
from tests.conftest import MIA_DO_KI_PATH

from .helpers import collect_static, fetch, free_port, h1_of, log_in, office_box_of, start_gunicorn, stop_process_groups, wait_for

# The servers read the committed seed: every test here is transactional (and so runs in one group,
# pytest-django orders tests by database use, and the module's servers start once).
pytestmark = [pytest.mark.serving, pytest.mark.usefixtures("transactional_db")]

REDIS_HOST = os.environ.get("SERVING_TEST_REDIS", "redis://127.0.0.1:6379")
# A Redis database of its own: flushed before and after the test.
REDIS_DB = 13
CACHE_KEY_PREFIX = "portal"
PAGES = ["/", "/themen/integration/masterplan-migration-integration/", MIA_DO_KI_PATH]
PASSWORD = "Sitzung-auf-zwei-Servern-2027"


def database_url():
    """The URL of the test database pytest-django created (the servers read the committed seed there)."""
    from django.db import connection

    params = connection.settings_dict
    credentials = quote(params["USER"] or "", safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(params['NAME'], safe='')}"


@pytest.fixture(scope="module")
def redis_db():
    import redis

    url = f"{REDIS_HOST}/{REDIS_DB}"
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis ist nicht erreichbar – Redis is not reachable at {url}: {error}")
    client.flushdb()
    yield url, client
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def servers(django_db_setup, request):
    """Two gunicorn processes (one worker each) on free ports; their ports."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "Zwei Anwendungsserver brauchen PostgreSQL – the production settings need PostgreSQL "
            f"(this run uses {connection.vendor}; set DATABASE_URL=postgres://…)"
        )
    redis_url, _ = request.getfixturevalue("redis_db")  # only now: SQLite skips without Redis
    env = {name: value for name, value in os.environ.items() if not name.startswith(("GUNICORN_", "VARNISH_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_COOKIES="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=CACHE_KEY_PREFIX,
        # The seed's images, stored by the test run (the servers render renditions of them).
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        VARNISH_URL="",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="1",
        PYTHONUNBUFFERED="1",
    )
    collect_static(env)

    logdir = Path(tempfile.mkdtemp(prefix="portal-gunicorn-"))
    started = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log_path = logdir / f"gunicorn-{name}.log"
            process = start_gunicorn(env, port, log_path)
            started.append((port, process, log_path))
        for port, process, log_path in started:
            wait_for(port, "/robots.txt", process, log_path, f"gunicorn on port {port}", timeout=60)
        yield [port for port, _, _ in started]
    finally:
        stop_process_groups(*(process for _, process, _ in started))
        shutil.rmtree(logdir, ignore_errors=True)


def test_both_servers_serve_the_same_pages(servers):
    """Whichever server a visitor reaches, the page and its box "Anschrift und Erreichbarkeit" are the same."""
    a, b = servers
    for path in PAGES:
        first, second = fetch(a, path), fetch(b, path)
        assert (first.status, second.status) == (200, 200), path
        assert h1_of(first.text) and h1_of(first.text) == h1_of(second.text), path
        assert office_box_of(first.text) and office_box_of(first.text) == office_box_of(second.text), path
        # The production headers for a shared cache, from both.
        assert "s-maxage=" in first.header("Cache-Control", "") and "s-maxage=" in second.header("Cache-Control", "")


@pytest.fixture
def editor(transactional_db, restore_after):
    """An editor with a password hash the production settings know (the tests hash with MD5)."""
    hasher = PBKDF2PasswordHasher()
    user = get_user_model().objects.create(
        username="redakteur-zwei-server",
        first_name="Hatice",
        last_name="Sitzungstest",
        password=hasher.encode(PASSWORD, hasher.salt()),
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    restore_after(user.delete)
    return user


def test_a_login_on_one_server_is_valid_on_the_other(servers, redis_db, editor):
    """An editor who logged in on one server stays logged in when the next request reaches the other."""
    a, b = servers
    _, redis_client = redis_db

    cookies = log_in(a, editor.username, PASSWORD)

    dashboard = fetch(b, "/admin/", cookies=cookies)
    assert dashboard.status == 200, f"server B: HTTP {dashboard.status} to {dashboard.header('Location')}"
    assert editor.first_name in dashboard.text
    assert 'name="password"' not in dashboard.text  # the dashboard, not the login form

    # The session lives in Redis (not in the database, not in a worker's memory).
    session_key = f"{CACHE_KEY_PREFIX}:1:django.contrib.sessions.cache{cookies['sessionid']}"
    assert redis_client.exists(session_key), f"{session_key} not in Redis: {redis_client.keys('*session*')}"
    assert not Session.objects.filter(session_key=cookies["sessionid"]).exists()
