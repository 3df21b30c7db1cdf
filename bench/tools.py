"""The machine: the programs the benchmark drives (installed from Debian when missing), free ports, facts."""

import os
import platform
import shutil
import socket
import subprocess
import sys

from bench import BIN, ROOT

# Program → Debian package. nginx-light is enough: the ceiling only serves static files.
PROGRAMS = {"varnishd": "varnish", "nginx": "nginx-light", "wrk": "wrk"}
RESERVED_PORTS = {8000, 8001, 8080}  # make run, make serve's gunicorn and Varnish
SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")


def which(program):
    found = shutil.which(program)
    if found:
        return found
    for folder in SBIN:
        candidate = os.path.join(folder, program)
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def ensure_programs():
    """Installs whatever of varnish, nginx and wrk is missing, like deploy/serve.sh does for Varnish."""
    missing = sorted({package for program, package in PROGRAMS.items() if which(program) is None})
    if missing:
        print(f"Fehlt: {', '.join(missing)} – wird aus den Debian-Paketen installiert …", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = ["apt-get", "install", "-y", "-q", *missing]
        if subprocess.run(install, env=env).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, check=True)
            subprocess.run(install, env=env, check=True)
    paths = {program: which(program) for program in PROGRAMS}
    still_missing = [program for program, path in paths.items() if path is None]
    if still_missing:
        packages = " ".join(PROGRAMS[program] for program in still_missing)
        sys.exit(f"Nicht gefunden: {', '.join(still_missing)} (apt-get install {packages})")
    return paths


def free_port():
    """A free loopback port from the kernel, never one of make run's or make serve's."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


def _output(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (result.stdout + result.stderr).strip()
    return text.splitlines()[0] if text else None


def load_average():
    return list(os.getloadavg())


def machine_info(programs):
    commit = _output(["git", "-C", str(ROOT), "rev-parse", "HEAD"])
    status = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True)
    dirty = bool(status.stdout.strip())
    cpu_model = None
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu_model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), None)
    except OSError:
        pass
    return {
        "hostname": platform.node(),
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "varnishd": _output([programs["varnishd"], "-V"]),
        "nginx": _output([programs["nginx"], "-v"]),
        "wrk": _output([programs["wrk"], "-v"]),
        "gunicorn": _output([str(BIN / "gunicorn"), "--version"]),
        "git_commit": commit,
        "git_dirty": dirty,
    }
