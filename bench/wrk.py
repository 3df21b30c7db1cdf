"""wrk for a fixed time: requests per second, p50 and p99 latency, errors."""

import re
import subprocess

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
NUMBER_UNIT = r"([\d.]+)(us|ms|s|m|h)"


def _ms(text):
    match = re.fullmatch(NUMBER_UNIT, text)
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse(output):
    """The numbers of ``wrk --latency`` output; raises when wrk printed none."""
    result = {"errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0}, "non_2xx_3xx": 0}
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if not rps:
        raise ValueError(f"wrk-Ausgabe ohne Requests/sec:\n{output}")
    result["rps"] = float(rps.group(1))
    for percentile in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{percentile}%\s+{NUMBER_UNIT}\s*$", output, re.M)
        if match:
            result[f"p{percentile}_ms"] = _ms(match.group(1) + match.group(2))
    total = re.search(r"^\s+(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", output, re.M)
    if total:
        result["requests"] = int(total.group(1))
        result["duration"] = total.group(2)
        result["read"] = total.group(3)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if errors:
        result["errors"] = dict(zip(("connect", "read", "write", "timeout"), map(int, errors.groups())))
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_ok:
        result["non_2xx_3xx"] = int(non_ok.group(1))
    result["error_count"] = sum(result["errors"].values()) + result["non_2xx_3xx"]
    # Counters a Lua script printed in its done() hook (bench/loadtest.lua): "@@lua@@ name=value …".
    lua = re.search(r"^@@lua@@ (.*)$", output, re.M)
    if lua:
        result["lua"] = {name: int(value) for name, value in (item.split("=") for item in lua.group(1).split())}
    return result


def run(wrk, port, path, duration, connections, threads=2, warmup=2.0, timeout="10s", cpu=None, script=None,
        script_args=()):
    """Warms the target up for ``warmup`` seconds, then measures for ``duration`` seconds.

    ``cpu``: a function returning the server's CPU seconds so far; gives CPU milliseconds per request,
    which a busy machine disturbs far less than requests per second.
    ``script``: a Lua script for wrk (``-s``), given ``script_args``.
    """
    url = f"http://127.0.0.1:{port}{path}"
    threads = min(threads, connections)

    def invoke(seconds, latency):
        command = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", timeout]
        if latency:
            command.append("--latency")
        if script:
            command += ["-s", str(script)]
        command.append(url)
        if script_args:
            command += ["--", *map(str, script_args)]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        if completed.returncode != 0:
            raise RuntimeError(f"wrk fehlgeschlagen ({completed.returncode}): {completed.stderr or completed.stdout}")
        return completed.stdout

    if warmup > 0:
        invoke(warmup, latency=False)
    cpu_before = cpu() if cpu else None
    output = invoke(duration, latency=True)
    result = parse(output)
    if cpu and result.get("requests"):
        result["cpu_ms_per_request"] = (cpu() - cpu_before) * 1000 / result["requests"]
    result.update(connections=connections, threads=threads, seconds=duration, url=url)
    return result
