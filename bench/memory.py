"""Memory of one gunicorn worker after 1,000 and after 10,000 requests: does it leak?"""

import http.client
import itertools
import threading
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"VmRSS von {pid} nicht lesbar")


class Load:
    """Sends exactly N requests with a few client threads (a sync worker closes every connection)."""

    def __init__(self, port, paths, clients=2):
        self.port = port
        self.paths = itertools.cycle(paths)
        self.clients = clients
        self.lock = threading.Lock()
        self.sent = 0
        self.failures = 0

    def _next_path(self, budget):
        with self.lock:
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            return next(self.paths)

    def _client(self, budget):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while (path := self._next_path(budget)) is not None:
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
            with self.lock:
                self.sent += 1
                self.failures += 0 if ok else 1
        connection.close()

    def send(self, count):
        budget = [count]
        threads = [threading.Thread(target=self._client, args=(budget,)) for _ in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def measure(gunicorn, paths, first=1000, total=10000, step=1000, log=print):
    """RSS of the single worker after ``first`` and after ``total`` requests, sampled every ``step``."""
    workers = gunicorn.worker_pids()
    if len(workers) != 1:
        raise RuntimeError(f"erwartet genau einen Worker, gefunden: {workers}")
    worker = workers[0]
    load = Load(gunicorn.port, paths)
    samples = [{"requests": 0, "rss_kib": rss_kib(worker)}]
    started = time.monotonic()
    while load.sent < total:
        target = first if load.sent < first else min(total, load.sent + step)
        load.send(target - load.sent)
        samples.append({"requests": load.sent, "rss_kib": rss_kib(worker)})
        log(f"    {load.sent:>6} Anfragen: {samples[-1]['rss_kib'] / 1024:.1f} MiB", flush=True)
    if gunicorn.worker_pids() != [worker]:
        raise RuntimeError("Der Worker wurde während der Messung ersetzt (max_requests?): Messung ungültig")
    at_first = next(s["rss_kib"] for s in samples if s["requests"] == first)
    at_total = samples[-1]["rss_kib"]
    return {
        "worker_pid": worker,
        "paths": list(paths),
        "requests": load.sent,
        "failures": load.failures,
        "seconds": round(time.monotonic() - started, 1),
        "rss_kib_after_first": at_first,
        "rss_kib_after_total": at_total,
        "first": first,
        "total": total,
        "growth": (at_total - at_first) / at_first,
        "samples": samples,
    }
