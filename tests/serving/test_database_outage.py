"""The database away: a German 503 ("vorübergehend nicht erreichbar"), never a traceback, and the site is
back by itself once the database answers again — without restarting gunicorn.

A relay in the test process forwards gunicorn's connections to the real PostgreSQL; closing it cuts the
database off (open connections included), opening it again brings it back.
"""

import os
import secrets
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.serving.helpers import collect_static, fetch, free_port, start_gunicorn, stop_process_groups, tail, wait_for

pytestmark = pytest.mark.serving

BASE_DIR = Path(__file__).resolve().parents[2]
SEED_TOPIC = "/themen/integration/masterplan-migration-integration/"


class Relay:
    """Forwards TCP connections from a local port to PostgreSQL until ``cut()``; ``restore()`` reopens it."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.sockets = []
        self.listener = None

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        for sock in [self.listener, *self.sockets]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass


@pytest.fixture(scope="module")
def relay_and_server(django_db_setup):
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Der Ausfalltest braucht PostgreSQL – the outage test needs PostgreSQL (this run uses SQLite)")
    database = connection.settings_dict
    relay = Relay(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    relay.restore()
    url = urlsplit(os.environ["DATABASE_URL"])
    netloc = f"{url.username}@127.0.0.1:{relay.port}" if url.username else f"127.0.0.1:{relay.port}"
    env = {name: value for name, value in os.environ.items() if not name.startswith(("GUNICORN_", "VARNISH_", "REDIS_"))}
    static_root = tempfile.mkdtemp(prefix="portal-static-")
    cache_dir = tempfile.mkdtemp(prefix="portal-cache-")
    env.update(
        DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_COOKIES="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=urlunsplit((url.scheme, netloc, "/" + database["NAME"], "", "")),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STATIC_ROOT=static_root,
        CACHE_DIR=cache_dir,
        GUNICORN_WORKERS="1",
        GUNICORN_TIMEOUT="20",
    )
    collect_static(env)
    port = free_port()
    log_path = Path(cache_dir) / "gunicorn.log"
    process = start_gunicorn(env, port, log_path)
    try:
        wait_for(port, "/healthz", process, log_path, "gunicorn", timeout=60)
        yield relay, port, log_path
    finally:
        relay.cut()
        stop_process_groups(process)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(cache_dir, ignore_errors=True)


def test_the_health_check_answers_ok_while_the_database_answers(relay_and_server, transactional_db):
    _, port, _ = relay_and_server
    response = fetch(port, "/healthz")
    assert (response.status, response.text) == (200, "ok\n")
    assert "no-cache" in response.cache_control or "no-store" in response.cache_control


def test_while_the_database_is_away_visitors_get_a_german_503_and_it_comes_back_by_itself(
    relay_and_server, transactional_db
):
    relay, port, log_path = relay_and_server
    assert fetch(port, SEED_TOPIC).status == 200

    relay.cut()
    try:
        health = fetch(port, "/healthz")
        search = fetch(port, f"/suche/?q=Ausfall{secrets.token_hex(4)}")  # a new term: needs the database
        assert health.status == 503 and "ok" not in health.text
        assert search.status == 503, tail(log_path)
        assert "Vorübergehend nicht erreichbar" in search.text and 'lang="de"' in search.text
        assert search.header("Retry-After") == "30" and "no-store" in search.cache_control
        assert "Traceback" not in search.text and "OperationalError" not in search.text
        # What the worker already keeps in memory is still served.
        assert fetch(port, SEED_TOPIC).status == 200
    finally:
        relay.restore()

    started = time.monotonic()
    while fetch(port, "/healthz").status != 200:
        assert time.monotonic() - started < 15, f"not back after 15 s:\n{tail(log_path)}"
        time.sleep(0.2)
    assert fetch(port, f"/suche/?q=Wieder{secrets.token_hex(4)}").status == 200
