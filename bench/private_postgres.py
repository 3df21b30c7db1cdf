"""A PostgreSQL server of its own (Debian's binaries, a temporary data folder, a free loopback port).

``make loadtest --restart-db`` and tests/serving/test_database_restart.py stop and start it under load;
the machine's shared cluster is never touched. Run as root, the server runs as the ``postgres`` user.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"
# Throw-away data: nothing needs to survive a crash, so no flushing to disk.
SERVER_OPTIONS = ("fsync=off", "full_page_writes=off", "synchronous_commit=off", "max_connections=100")


def find_bindir():
    """The newest installed server's bin folder (with initdb and pg_ctl), or None."""
    candidates = [Path(path) for path in glob.glob(BIN_GLOB) if os.access(Path(path) / "initdb", os.X_OK)]
    if not candidates:
        return None
    return max(candidates, key=lambda path: [int(part) for part in path.parent.name.split(".") if part.isdigit()])


class PrivatePostgres:
    """``start()`` creates the cluster on first use; ``stop()``/``start()`` restart it; ``remove()`` deletes it."""

    def __init__(self, port, bindir=None, prefix="portal-pg-"):
        self.port = port
        self.bindir = Path(bindir or find_bindir() or "")
        if not (self.bindir / "initdb").exists():
            raise RuntimeError(f"PostgreSQL-Server fehlt ({BIN_GLOB}/initdb; apt-get install postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self.data = self.folder / "data"
        self.log_path = self.folder / "postgres.log"
        self.as_user = []
        if os.geteuid() == 0:
            # initdb and postgres refuse to run as root.
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.initialised = False

    def url(self, name="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, program, *args, timeout=60):
        command = [*self.as_user, str(self.bindir / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"{program} fehlgeschlagen ({result.returncode}): {result.stderr}{self.log_tail()}")
        return result

    def start(self):
        """Starts the server and returns once it accepts connections."""
        if not self.initialised:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")
            self.initialised = True
        options = [f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.folder}"]
        options += [f"-c {option}" for option in SERVER_OPTIONS]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "30",
                  "-o", " ".join(options), "start")
        return self

    def stop(self, mode="fast"):
        """``fast``: open sessions are ended, as in a restart by an administrator; ``immediate``: a crash."""
        if self.running():
            self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "30", "-m", mode, "stop")

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def ready(self):
        """pg_isready: the server accepts connections right now."""
        command = [str(self.bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)]
        return subprocess.run(command, timeout=10).returncode == 0

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while not self.ready():
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL auf Port {self.port} nicht bereit:\n{self.log_tail()}")
            time.sleep(0.05)

    def copy_database(self, source_url, name):
        """The database at ``source_url`` (only read) as ``name`` here: pg_dump | psql, a second for the seed."""
        subprocess.run([str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        name], check=True, capture_output=True, timeout=60)
        dump = subprocess.Popen(
            [str(self.bindir / "pg_dump"), "--no-owner", "--no-privileges", source_url], stdout=subprocess.PIPE
        )
        load = subprocess.run(
            [str(self.bindir / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", self.url(name)],
            stdin=dump.stdout, capture_output=True, text=True, timeout=300,
        )
        dump.stdout.close()
        if dump.wait() != 0 or load.returncode != 0:
            raise RuntimeError(f"Kopie der Datenbank nach {name} fehlgeschlagen: {load.stderr[-2000:]}")
        return self.url(name)

    def log_tail(self, chars=2000):
        try:
            return "\n" + self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def remove(self):
        """Stops the server (immediately: its data is thrown away) and deletes the data folder."""
        try:
            if self.running():
                self.stop(mode="immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()
