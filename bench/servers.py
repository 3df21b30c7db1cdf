"""gunicorn, Varnish and nginx on ports of their own, each in its own process group, always stopped."""

import http.client
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from bench import BIN, OUTPUT_DIR, ROOT
from deploy.render_vcl import render_vcl

LOG_DIR = OUTPUT_DIR / "logs"


def fetch(port, path, headers=None, timeout=30):
    """GET http://127.0.0.1:port/path → (status, headers dict with lower-case names, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


class Server:
    """A process group started for the benchmark; ``stop()`` ends the whole group."""

    name = "server"

    def __init__(self, port):
        self.port = port
        self.process = None
        self.log_path = LOG_DIR / f"{self.name}.log"  # the last run's, overwritten

    def command(self):
        raise NotImplementedError

    def environment(self):
        return None

    def start(self, ready_path="/", timeout=90):
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.wait_ready(ready_path, timeout)
        return self

    def wait_ready(self, path, timeout):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} beendet (Exit {self.process.returncode}):\n{self.log_tail()}")
            try:
                status, _, _ = fetch(self.port, path, timeout=5)
                if status == 200:
                    return
                last = f"HTTP {status}"
            except OSError as error:
                last = str(error)
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} auf Port {self.port} nicht bereit ({last}):\n{self.log_tail()}")

    def log_tail(self, chars=3000):
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        pgid = self.process.pid  # start_new_session: the group has the leader's id
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        # Workers that outlived their master in the group.
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def children(pid):
    """Child pids of a process (the workers of a gunicorn master)."""
    result = []
    task_dir = Path(f"/proc/{pid}/task")
    for task in task_dir.iterdir() if task_dir.exists() else ():
        try:
            result += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return sorted(result)


class Gunicorn(Server):
    name = "gunicorn"

    def __init__(self, port, env, workers=None, label="", **extra):
        super().__init__(port)
        self.env = env
        self.workers = workers
        self.extra = extra
        if label:
            self.log_path = LOG_DIR / f"gunicorn-{label}.log"

    def command(self):
        # No control socket: gunicorn's default path ($HOME/.gunicorn/gunicorn.ctl) is one per user, shared
        # with make serve and any other gunicorn on the machine; a second instance would take it over.
        config = ["-c", "deploy/gunicorn.conf.py"]
        return [str(BIN / "gunicorn"), "dortmund_integration.wsgi", *config]

    def environment(self):
        extra = {"GUNICORN_PORT": self.port, **self.extra}
        if self.workers is not None:
            extra["GUNICORN_WORKERS"] = self.workers
        return self.env.variables(**extra)

    def start(self, ready_path="/robots.txt", timeout=90):
        super().start(ready_path, timeout)
        expected = self.workers or self.configured_workers()
        deadline = time.monotonic() + 30
        while len(self.worker_pids()) < expected and time.monotonic() < deadline:
            time.sleep(0.1)
        return self

    def configured_workers(self):
        match = re.findall(r"Booting worker with pid", self.log_tail(100000))
        return max(1, len(match))

    def worker_pids(self):
        return children(self.process.pid)

    def cpu_seconds(self):
        """User + system CPU time of all workers so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        return total

    def worker_class(self):
        match = re.search(r"Using worker: ([\w.]+)", self.log_tail(100000))
        return match.group(1) if match else "?"


class Varnish(Server):
    name = "varnish"

    def __init__(self, port, backend_port, varnishd, memory="128m"):
        super().__init__(port)
        self.backend_port = backend_port
        self.varnishd = varnishd
        self.memory = memory
        self.tmp = tempfile.mkdtemp(prefix="bench-varnish-")

    def command(self):
        # The repository's VCL pointed at this gunicorn, exactly as deploy/serve.sh renders it; gunicorn
        # inherits ADMIN_PATH from this environment.
        vcl = render_vcl(self.backend_port, os.environ.get("ADMIN_PATH", "admin"))
        vcl_path = Path(self.tmp) / "portal.vcl"
        vcl_path.write_text(vcl)
        return [
            self.varnishd, "-F", "-j", "none", "-n", str(Path(self.tmp) / "varnish"),
            "-a", f"127.0.0.1:{self.port}", "-T", "127.0.0.1:0", "-f", str(vcl_path),
            "-s", f"malloc,{self.memory}", "-p", "default_grace=0",
        ]

    def start(self, ready_path="/robots.txt", timeout=60):
        # The backend probe needs two good answers before Varnish sends requests on (503 until then).
        return super().start(ready_path, timeout)

    def stop(self):
        super().stop()
        _remove(self.tmp)


class Nginx(Server):
    name = "nginx"

    def __init__(self, port, nginx, documents):
        """documents: {url path: HTML bytes}; served as <path>index.html under the document root."""
        super().__init__(port)
        self.nginx = nginx
        self.tmp = tempfile.mkdtemp(prefix="bench-nginx-")
        os.chmod(self.tmp, 0o755)  # nginx's workers run as nobody when started by root
        html = Path(self.tmp) / "html"
        for path, body in documents.items():
            target = html / path.split("?", 1)[0].lstrip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        for folder, _, files in os.walk(html):
            os.chmod(folder, 0o755)
            for file in files:
                os.chmod(os.path.join(folder, file), 0o644)
        self.first_path = next(iter(documents))

    def command(self):
        template = (Path(__file__).parent / "nginx.conf.template").read_text()
        config = template.replace("{{dir}}", self.tmp).replace("{{port}}", str(self.port))
        config_path = Path(self.tmp) / "nginx.conf"
        config_path.write_text(config)
        return [self.nginx, "-p", self.tmp, "-c", str(config_path), "-e", str(Path(self.tmp) / "error.log")]

    def start(self, ready_path=None, timeout=30):
        return super().start(ready_path or self.first_path, timeout)

    def stop(self):
        super().stop()
        _remove(self.tmp)


def _remove(path):
    shutil.rmtree(path, ignore_errors=True)
