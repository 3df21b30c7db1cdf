"""A real PostgreSQL restart while visitors keep coming: German 503s while the server is away, never a
traceback or a dropped connection, and the site is back by itself within seconds — the same gunicorn,
the same workers.

The server is a private one (bench/private_postgres.py: Debian's binaries, a temporary data folder, a
free port) holding a copy of the seeded test database; the machine's shared cluster is never restarted.
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.private_postgres import PrivatePostgres, find_bindir
from bench.servers import children
from tests.serving.helpers import BASE_DIR, fetch, free_port, start_gunicorn, stop_process_groups, tail, wait_for

pytestmark = pytest.mark.serving

WORKERS = 3
OUTAGE_SECONDS = 3
MAX_RECOVERY_SECONDS = 10
REDIS_URL = os.environ.get("SERVING_TEST_REDIS", "redis://127.0.0.1:6379") + "/11"
SEED_PAGES = [
    "/themen/integration/masterplan-migration-integration/",
    "/themen/integration/foerderprogramme/?status=moeglich",
    "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
    "kommunales-integrationszentrum-dortmund-mia-do-ki/",
]


def needs_database(n):
    """Requests no worker can answer from memory: a search term never asked before, an API page."""
    if n % 2:
        return f"/suche/?q={quote(f'Sprachkurs {n}')}"
    return f"/api/v2/pages/?limit=3&offset={n % 25}&fields=title"


@dataclass
class Answer:
    sent: float
    received: float
    path: str
    status: int | None
    text: str = ""
    retry_after: str | None = None
    error: str | None = None

    @property
    def needs_database(self):
        return self.path.startswith(("/suche/", "/api/"))


class Visitors:
    """A few threads requesting pages without pause; every answer (or failed connection) is recorded."""

    def __init__(self, port, threads=4):
        self.port = port
        self.answers = []
        self.numbers = count()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._visit, daemon=True) for _ in range(threads)]

    def _visit(self):
        while not self.stopping.is_set():
            n = next(self.numbers)
            path = SEED_PAGES[n % len(SEED_PAGES)] if n % 5 == 4 else "/healthz" if n % 7 == 6 else needs_database(n)
            sent = time.monotonic()
            try:
                response = fetch(self.port, path, timeout=20)
            except OSError as error:
                self.answers.append(Answer(sent, time.monotonic(), path, None, error=repr(error)))
                continue
            self.answers.append(
                Answer(sent, time.monotonic(), path, response.status, response.text, response.header("Retry-After"))
            )

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(30)


@pytest.fixture(scope="module")
def site_on_private_postgres(django_db_setup):
    """gunicorn (production settings, three sync workers) on a private PostgreSQL with the seed."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Der Neustarttest braucht PostgreSQL – the restart test needs PostgreSQL (this run uses SQLite)")
    if find_bindir() is None:
        pytest.skip("Kein PostgreSQL-Server installiert (/usr/lib/postgresql/*/bin/initdb) – apt-get install postgresql")
    import redis

    params = connection.settings_dict
    source = f"postgres://{quote(params['USER'] or 'postgres')}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    postgres = PrivatePostgres(free_port(), prefix="portal-restart-")
    work = Path(tempfile.mkdtemp(prefix="portal-restart-"))
    cache_prefix = f"restart-{secrets.token_hex(4)}"
    process = collect = None
    env = {name: value for name, value in os.environ.items() if not name.startswith(("GUNICORN_", "VARNISH_"))}
    try:
        env.update(
            DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            SECURE_COOKIES="false",
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=postgres.url("portal_restart"),
            REDIS_URL=REDIS_URL,
            CACHE_KEY_PREFIX=cache_prefix,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            STATIC_ROOT=str(work / "static"),
            GUNICORN_WORKERS=str(WORKERS),
            GUNICORN_THREADS="1",
            GUNICORN_TIMEOUT="10",
            PYTHONUNBUFFERED="1",
        )
        # collectstatic needs no database: it runs while the server starts and the seed is copied.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        postgres.start()
        postgres.copy_database(f"{source}/{quote(params['NAME'])}", "portal_restart")
        _, errors = collect.communicate(timeout=120)
        assert collect.returncode == 0, errors
        port = free_port()
        log_path = work / "gunicorn.log"
        process = start_gunicorn(env, port, log_path)
        wait_for(port, "/healthz", process, log_path, "gunicorn", timeout=60)
        deadline = time.monotonic() + 30
        while len(children(process.pid)) < WORKERS and time.monotonic() < deadline:
            time.sleep(0.1)
        yield postgres, process, port, log_path
    finally:
        if collect is not None and collect.poll() is None:
            collect.kill()
            collect.wait()
        if process is not None:
            stop_process_groups(process)
        postgres.remove()
        shutil.rmtree(work, ignore_errors=True)
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        keys = list(client.scan_iter(f"{cache_prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()


def test_a_database_restart_under_load_gives_german_503s_and_heals_without_restarting_gunicorn(
    site_on_private_postgres, transactional_db
):
    postgres, gunicorn, port, log_path = site_on_private_postgres
    workers = children(gunicorn.pid)
    assert len(workers) == WORKERS, tail(log_path)

    with Visitors(port) as visitors:
        time.sleep(1)
        postgres.stop(mode="fast")
        stopped = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        # Until here the database is certainly away; it may answer before wait_ready() notices.
        starting = time.monotonic()
        postgres.start()
        postgres.wait_ready()
        back = time.monotonic()
        while time.monotonic() - back < MAX_RECOVERY_SECONDS + 2:
            recovered = [a for a in visitors.answers if a.sent >= back and a.needs_database and a.status == 200]
            if len(recovered) >= 3 * WORKERS:
                break
            time.sleep(0.1)
    answers = visitors.answers

    failed = [a for a in answers if a.error]
    assert not failed, f"{len(failed)} requests got no answer, e.g. {failed[0].path}: {failed[0].error}"
    statuses = sorted({a.status for a in answers})
    assert set(statuses) <= {200, 503}, f"{statuses}:\n{tail(log_path)[-3000:]}"

    away = [a for a in answers if a.sent >= stopped + 0.5 and a.received <= starting and a.needs_database]
    assert away and all(a.status == 503 for a in away), (
        f"while the database was away: {sorted({a.status for a in away})} for {len(away)} requests"
    )
    health = [a.status for a in answers if a.path == "/healthz" and a.sent >= stopped + 0.5 and a.received <= starting]
    assert health and set(health) == {503}, health
    unavailable = [a for a in answers if a.status == 503 and a.path != "/healthz"]
    for answer in unavailable:
        assert re.search("vorübergehend nicht erreichbar", answer.text, re.I), answer.text[:500]
        assert 'lang="de"' in answer.text and answer.retry_after == "30", answer.path
        for leak in ("Traceback", "Error", "psycopg", "postgres"):
            assert leak not in answer.text, f"{leak!r} in the 503 of {answer.path}"

    first_ok = min((a.received for a in answers if a.sent >= back and a.needs_database and a.status == 200), default=None)
    assert first_ok is not None, f"no answer 200 within {MAX_RECOVERY_SECONDS + 2} s after the restart:\n{tail(log_path)}"
    recovery = first_ok - back
    print(
        f"\nPostgreSQL-Neustart: {len(answers)} Anfragen, {len(unavailable)} × 503 "
        f"({len(away)} während des Ausfalls), wieder 200 nach {recovery:.2f} s"
    )
    assert recovery <= MAX_RECOVERY_SECONDS

    # Every worker is back: a round of database requests, all answered from the database again.
    for n in range(3 * WORKERS):
        response = fetch(port, needs_database(10_000 + n))
        assert response.status == 200, f"{response.status} after the recovery:\n{tail(log_path)}"
    assert gunicorn.poll() is None and children(gunicorn.pid) == workers, "gunicorn or a worker was restarted"
    log = Path(log_path).read_text(errors="replace")
    assert "WORKER TIMEOUT" not in log and log.count("Booting worker") == WORKERS, tail(log_path)
    # An exception that escaped Django (a request_finished handler closing a dead connection, say).
    assert "Error handling request" not in log, tail(log_path)
