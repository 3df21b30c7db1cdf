"""HTTP and process helpers of the serving tests: plain ``http.client``, no redirects, no cookie jar."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
# Someone may run `make serve` (8001 gunicorn, 8080 Varnish) or `make run` (8000) next to the tests.
RESERVED_PORTS = {8000, 8001, 8080}


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on right now (never one of ``make serve``'s)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str
    cookies: dict = field(default_factory=dict)

    def header(self, name, default=None):
        return self.headers.get(name, default)

    @property
    def x_cache(self):
        return self.headers.get("X-Cache")

    @property
    def cache_control(self):
        return self.headers.get("Cache-Control", "")


def fetch(port, path, method="GET", cookies=None, headers=None, data=None, timeout=30):
    """One HTTP request to 127.0.0.1:``port``; ``data`` (a dict) is sent form-encoded."""
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if data is not None:
        body = urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        set_cookies = {}
        for raw in response.headers.get_all("Set-Cookie") or []:
            parsed = SimpleCookie()
            parsed.load(raw)
            set_cookies.update({name: morsel.value for name, morsel in parsed.items()})
        return Response(response.status, response.headers, text, set_cookies)
    finally:
        connection.close()


def wait_for(port, path, process, log_path, what, timeout=30):
    """Polls ``path`` until it answers 200; fails with the log's tail if ``process`` stops or time runs out."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} stopped with exit code {process.returncode}:\n{tail(log_path)}")
        try:
            response = fetch(port, path, timeout=5)
        except OSError as error:
            last = error
        else:
            if response.status == 200:
                return
            last = f"HTTP {response.status}"
        time.sleep(0.1)
    pytest.fail(f"{what} did not answer {path} with 200 within {timeout} s (last: {last}):\n{tail(log_path)}")


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop_process_groups(*processes, timeout=10):
    """SIGTERM to each process's group (started with ``start_new_session``) at once, SIGKILL if one lingers."""

    def signal_group(process, signum):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            pass

    for process in processes:
        if process.poll() is None:
            signal_group(process, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            signal_group(process, signal.SIGKILL)
            process.wait(timeout=timeout)
        # Children that outlived the leader (a gunicorn worker, the Varnish cache process).
        signal_group(process, signal.SIGKILL)


def h1_of(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else None


def office_box_of(html):
    """The text of the box "Anschrift und Erreichbarkeit", or None when the page has none."""
    match = re.search(r'<section class="office-box".*?</section>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()) if match else None


def log_in(port, username, password):
    """Logs in through Wagtail's login form on 127.0.0.1:``port`` as a browser would; returns the cookies."""
    form = fetch(port, "/admin/login/")
    assert form.status == 200, f"GET /admin/login/: HTTP {form.status}"
    assert "csrftoken" in form.cookies, f"the login form set no CSRF cookie: {form.headers.get_all('Set-Cookie')}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = fetch(
        port,
        "/admin/login/",
        method="POST",
        cookies={"csrftoken": form.cookies["csrftoken"]},
        headers={"Referer": f"http://127.0.0.1:{port}/admin/login/"},
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
    )
    assert response.status == 302, f"login of {username} failed: HTTP {response.status}\n{response.text[:2000]}"
    assert response.header("Location", "").endswith("/admin/"), response.header("Location")
    assert "sessionid" in response.cookies, f"no session cookie after login: {response.headers.get_all('Set-Cookie')}"
    return {
        "csrftoken": response.cookies.get("csrftoken", form.cookies["csrftoken"]),
        "sessionid": response.cookies["sessionid"],
    }


def collect_static(env):
    """``manage.py collectstatic`` with ``env`` (the production settings need the hashed manifest)."""
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert collect.returncode == 0, f"collectstatic failed:\n{collect.stdout}\n{collect.stderr}"


def start_gunicorn(env, port, log_path):
    """gunicorn with the repository's config (deploy/gunicorn.conf.py) on ``port``, its output in ``log_path``.

    In a process group of its own, so that ``stop_process_groups`` stops the master and its workers.
    """
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "dortmund_integration.wsgi", "-c", "deploy/gunicorn.conf.py"],
            cwd=BASE_DIR, env={**env, "GUNICORN_PORT": str(port)},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
