"""End-to-end serving: real Varnish with the repository's VCL, real gunicorn processes, real Redis.

Database access
---------------
Varnish forwards to pytest-django's ``live_server`` (a session-wide server thread), so data the test
process writes must be committed to be visible there. pytest-django gives every test that uses
``live_server`` the ``transactional_db`` fixture, which empties every table after the test: that
would wipe the seed content tests/conftest.py loads and commits once per session. As in
tests/browser/, ``transactional_db`` is overridden for this folder: it opens the database without
flushing. Unlike the browser tests these tests *write* (publish an office, edit a building, add,
unpublish and delete pages), so every test undoes its own changes in its fixtures' teardown
(``restore_after`` below): the seed is as it was after each test. Tests in this folder must
therefore not request ``db`` (nor fixtures that depend on it, such as ``mia_do_ki`` from
tests/conftest.py): pytest-django would then flush after the test.

On SQLite the test database lives in memory and the server thread shares the main thread's
connection; on PostgreSQL the server thread and the gunicorn processes of test_two_servers.py have
connections of their own and see what the test process committed.

HTTP
----
Requests go through ``http.client`` (helpers.py: no redirects followed, no cookie jar, every header
visible): ``fetch(port, path, cookies=…)`` returns a ``Response`` with ``status``, ``headers``,
``text`` and ``cookies`` (the ones the response sets).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from deploy.render_vcl import render_vcl

from .helpers import fetch, free_port, stop_process_groups, wait_for


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """Committed database access that keeps the session's seed (see the module docstring)."""
    with django_db_blocker.unblock():
        yield


@dataclass
class Varnish:
    port: int
    backend_port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path, **kwargs):
        return fetch(self.port, path, **kwargs)

    def ban_everything(self):
        response = fetch(self.port, "/", method="BAN", headers={"X-Ban-Path": "^(/.*)$"})
        assert response.status == 200, f"BAN of everything refused: {response.status} {response.text[:200]}"


def find_varnishd():
    varnishd = shutil.which("varnishd") or next(
        (path for path in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd") if os.path.exists(path)), None
    )
    if varnishd is None:
        reason = (
            "varnishd fehlt (apt-get install varnish) – varnishd is not installed: "
            "`apt-get install varnish` to run the serving tests"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return varnishd


@contextmanager
def running_varnish(backend_port, ready_path="/robots.txt"):
    """varnishd in the foreground with the repository's VCL in front of ``backend_port``, stopped afterwards.

    It is ready when ``ready_path`` answers 200 through it, or, with ``ready_path=None``, when it accepts
    connections.
    """
    workdir = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    vcl_path = workdir / "portal.vcl"
    vcl_path.write_text(render_vcl(backend_port, django_settings.ADMIN_PATH))
    log_path = workdir / "varnishd.log"
    port = free_port()
    command = [
        find_varnishd(), "-F", "-j", "none", "-n", str(workdir / "instance"),
        "-a", f"127.0.0.1:{port}", "-T", "127.0.0.1:0", "-f", str(vcl_path),
        "-s", "malloc,64m", "-p", "default_grace=0",  # as deploy/serve.sh
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        if ready_path:
            wait_for(port, ready_path, process, log_path, "varnishd", timeout=20)
        else:  # no healthy backend to ask: wait until Varnish accepts connections
            deadline = time.monotonic() + 20
            while socket.socket().connect_ex(("127.0.0.1", port)) != 0 and time.monotonic() < deadline:
                time.sleep(0.1)
        yield Varnish(port, backend_port, process, log_path)
    finally:
        stop_process_groups(process)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def varnish(django_db_setup, django_db_blocker, live_server):
    """varnishd with the repository's VCL in front of the live server.

    ``django_db_setup`` comes before ``live_server``: a live server started before the test database
    exists would serve from the wrong database (on SQLite an empty in-memory one; on PostgreSQL its
    thread keeps a connection to the database the test database is named after).

    Its health probe asks the live server for /healthz every few seconds, also between tests:
    the database stays open for the server thread while Varnish runs, or a probe that lands
    between two tests would fail on pytest-django's database blocker and mark the backend sick.
    """
    with django_db_blocker.unblock():
        # The probe (/healthz) must find the backend healthy before Varnish forwards anything.
        with running_varnish(live_server.thread.port) as running:
            yield running


@pytest.fixture
def purging(settings, varnish):
    """Publishing in this test purges the test's Varnish (settings as VARNISH_URL would give them)."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": varnish.url, "TIMEOUT": 2},
    }
    return varnish


@pytest.fixture
def restore_after():
    """Collects undo steps; they run after the test, newest first, even when it failed."""
    steps = []
    yield steps.append
    errors = []
    for step in reversed(steps):
        try:
            step()
        except Exception as error:  # run every step; report all of them
            errors.append(repr(error))
    assert not errors, f"restoring the seed failed: {errors}"
