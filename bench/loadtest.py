"""make loadtest: 64 connections for a bounded time against the served site – zero errors, zero 5xx.

A command, not a test (about a minute; not part of make test). ``make loadtest`` (``python -m bench.loadtest``):

1. brings the database ``portal_loadtest`` up to date (created when missing, migrate + load_seed_content,
   never dropped unless ``--fresh-database``) and runs collectstatic;
2. starts gunicorn the way production does (``deploy/gunicorn.conf.py``, production settings with
   ``SECURE_COOKIES=false``, Redis db 6 flushed first) and Varnish with the repository's VCL in front of it, on
   free loopback ports (never 8000/8001/8080);
3. runs wrk (``--connections`` 64, 2 threads, ``--duration`` 20 s) with bench/loadtest.lua, which walks through
   the URLs of ``--url-set`` and counts answers by class: first through Varnish (the served site), then
   straight against gunicorn (``--target`` chooses one of them);
4. prints requests per second, p50 and p99 latency, socket errors, 4xx and 5xx; the exit status is 1 on any
   socket error, any 4xx or any 5xx.

``--restart-db``: the site runs on a private PostgreSQL server (bench/private_postgres.py, a copy of
``portal_loadtest``; the machine's cluster is never restarted), which is stopped a third into each run and
started again ``--outage`` seconds later. A probe then asks gunicorn (or Varnish) for a search that needs the
database every 0.1 s and reports how long after the restart the first 200 came. Allowed while the
database is away: the portal's German 503 ("Vorübergehend nicht erreichbar"); any other 5xx, a socket error or a
recovery slower than ``--max-recovery`` seconds gives exit status 1.

Options via make: ``make loadtest LOADTEST_ARGS="--duration 10 --target gunicorn"``;
``make loadtest-restart`` is ``--restart-db``.
"""

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

from bench import ROOT, database, report, tools, wrk
from bench.pages import PAGES
from bench.private_postgres import PrivatePostgres
from bench.servers import Gunicorn, Varnish, fetch

DATABASE = "portal_loadtest"
LUA_SCRIPT = Path(__file__).with_name("loadtest.lua")
FINDER = next(page.path for page in PAGES if page.key == "finder")
TOPIC = next(page.path for page in PAGES if page.key == "thema")
OFFICE = next(page.path for page in PAGES if page.key == "amt")

# Seed pages a visitor reads: Varnish keeps them, gunicorn answers them from its memo after the first time.
PAGE_URLS = [
    "/",
    "/themen/",
    "/themen/integration/",
    TOPIC,
    "/themen/integration/gremien/integrationsrat/",
    OFFICE,
    "/themen-a-z/",
    FINDER,
    f"{FINDER}?status=moeglich",
    f"{FINDER}?zielgruppe=vereine&zielgruppe=initiativen",
    f"{FINDER}?status=demnaechst&foerdergeber=land",
    "/themen/integration/foerderprogramme/komm-in-nrw-interkommunale-zusammenarbeit/",
    "/impressum/",
]
# Searches pass Varnish to gunicorn by design (VCL: "^/suche/\?(.*&)?q=").
SEARCH_URLS = [
    f"/suche/?q={quote(term)}"
    for term in ("Integration", "Sprachförderung", "Einbürgerung", "Integrationsrat", "Beratung Migration", "KOMM-IN")
] + ["/suche/?q=Integration&art=amt", "/suche/?q=F%C3%B6rderprogramm&seite=1"]
DATA_URLS = [
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/pages/?limit=10",
    "/api/v2/pages/?type=pages.OfficePage&fields=*",
    "/api/v2/pages/?type=programs.FundingProgramPage&fields=title&offset=1",
]
URL_SETS = {
    "gemischt": PAGE_URLS + SEARCH_URLS + DATA_URLS,
    "seiten": PAGE_URLS,
    "suche": SEARCH_URLS,
}
# Requests no worker can answer from memory: a search term never asked before ({n}: wrk's running number).
DATABASE_URLS = ["/suche/?q=Wiederanlauf+{n}", "/api/v2/pages/?limit=2&offset=3"]
MAX_RECOVERY_SECONDS = 10


class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    pass


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__,
                                     formatter_class=HelpFormatter)
    parser.add_argument("--duration", type=float, default=20, help="Sekunden je Lauf")
    parser.add_argument("--connections", type=int, default=64, help="gleichzeitige wrk-Verbindungen")
    parser.add_argument("--threads", type=int, default=2, help="wrk-Threads")
    parser.add_argument("--url-set", choices=sorted(URL_SETS), default="gemischt", help="welche Adressen")
    parser.add_argument(
        "--target", choices=("beide", "varnish", "gunicorn"), default="beide",
        help="über Varnish (die ausgelieferte Website), direkt an gunicorn oder beides nacheinander",
    )
    parser.add_argument("--restart-db", action="store_true",
                        help="eigenen PostgreSQL-Server während jedes Laufs neu starten")
    parser.add_argument("--outage", type=float, default=3, help="Sekunden ohne Datenbank bei --restart-db")
    parser.add_argument("--max-recovery", type=float, default=MAX_RECOVERY_SECONDS,
                        help="höchstens so viele Sekunden nach dem Neustart bis zur ersten 200")
    parser.add_argument("--fresh-database", action="store_true", help="portal_loadtest neu anlegen")
    parser.add_argument("--redis-db", type=int, default=6, help="eigene Redis-Datenbank, wird vorher geleert")
    return parser.parse_args(argv)


def prepare(args, stack):
    url = os.environ.get("LOADTEST_DATABASE_URL") or database.database_url(DATABASE)
    name = database.database_name(url)
    env = database.Environment(
        url, f"redis://127.0.0.1:6379/{args.redis_db}", f"loadtest-{name}", media_root=database.media_root_for(name)
    )
    if args.fresh_database or not database.exists(url):
        database.prepare_fresh(env)
    else:
        database.prepare_given(env)
    database.collectstatic(env)
    if args.restart_db:
        postgres = PrivatePostgres(tools.free_port(), prefix="loadtest-pg-")
        stack.callback(postgres.remove)
        postgres.start()
        print(f"Eigener PostgreSQL-Server auf Port {postgres.port} ({postgres.bindir.parent.name}), Kopie von {name} …",
              flush=True)
        env.database_url = postgres.copy_database(url, DATABASE)
        env.cache_prefix = f"loadtest-privat-{name}"
        return env, postgres
    return env, None


def start(stack, server):
    stack.callback(server.stop)
    return server.start()


def check_urls(port, paths):
    """Every URL answers before the load starts, so that a typo in a list is not mistaken for a failure."""
    for path in paths:
        status, _, _ = fetch(port, path.replace("{n}", "0"))
        if status >= 400:
            sys.exit(f"{path}: HTTP {status} vor dem Lasttest – Adresse prüfen")


def restart_during(postgres, port, args, began, outcome):
    """Stops PostgreSQL a third into the run, starts it ``--outage`` seconds later, measures the recovery."""
    time.sleep(max(0.0, began + args.duration / 3 - time.monotonic()))
    postgres.stop(mode="fast")
    time.sleep(args.outage)
    postgres.start()
    postgres.wait_ready()
    back = time.monotonic()
    number = 0
    while time.monotonic() - back < args.max_recovery + 5:
        number += 1
        try:
            status, _, _ = fetch(port, f"/suche/?q=Probe+{number}", timeout=10)
        except OSError:
            status = None
        if status == 200:
            outcome["recovery"] = time.monotonic() - back
            return
        time.sleep(0.1)


def run_load(args, programs, label, port, paths, postgres):
    with tempfile.NamedTemporaryFile("w", prefix="loadtest-", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    outcome = {}
    restarter = None
    try:
        if postgres:
            restarter = threading.Thread(
                target=restart_during, args=(postgres, port, args, time.monotonic(), outcome), daemon=True
            )
            restarter.start()
        result = wrk.run(
            programs["wrk"], port, "", args.duration, args.connections, threads=args.threads, warmup=0,
            script=LUA_SCRIPT, script_args=[listing.name],
        )
        if restarter:
            restarter.join(args.max_recovery + 30)
    finally:
        os.unlink(listing.name)
    result.update(label=label, recovery=outcome.get("recovery"))
    return result


def print_result(result, args):
    counts = result.get("lua", {})
    errors = result["errors"]
    print(f"\n{result['label']}: {report.de(result.get('requests', 0))} Anfragen in {result.get('duration', '?')}, "
          f"{result['rps']:.0f} req/s, p50 {result.get('p50_ms', 0):.1f} ms, p99 {result.get('p99_ms', 0):.1f} ms")
    print(f"  Antworten: 2xx {report.de(counts.get('2xx', 0))}, 3xx {report.de(counts.get('3xx', 0))}, "
          f"4xx {counts.get('4xx', 0)}, 5xx {counts.get('5xx', 0)} "
          f"(davon 503 deutsch {counts.get('503_german', 0)}, 503 fremd {counts.get('503_foreign', 0)})")
    print(f"  Socket-Fehler: connect {errors['connect']}, read {errors['read']}, write {errors['write']}, "
          f"timeout {errors['timeout']}")
    if args.restart_db:
        recovery = result["recovery"]
        back = f"{recovery:.2f} s" if recovery is not None else f"nicht innerhalb von {args.max_recovery + 5:g} s"
        print(f"  Datenbank {args.outage:g} s weg: wieder 200 nach {back} ab Neustart")


def failures(result, args):
    """What makes the run fail, in German; empty when everything held."""
    counts = result.get("lua")
    if counts is None:
        return ["wrk hat keine Zählung geliefert (bench/loadtest.lua)"]
    found = []
    socket_errors = sum(result["errors"].values())
    if socket_errors:
        found.append(f"{socket_errors} Socket-Fehler")
    if counts["4xx"]:
        found.append(f"{counts['4xx']} Antworten 4xx")
    allowed = counts["503_german"] if args.restart_db else 0
    if counts["5xx"] > allowed:
        found.append(f"{counts['5xx'] - allowed} Antworten 5xx" + (" (außer der deutschen 503)" if allowed else ""))
    if args.restart_db and (result["recovery"] is None or result["recovery"] > args.max_recovery):
        found.append(f"nicht innerhalb von {args.max_recovery:g} s nach dem Neustart wieder erreichbar")
    return found


def main(argv=None):
    args = parse_args(argv)
    os.chdir(ROOT)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # SystemExit: the finally blocks stop everything
    programs = tools.ensure_programs()
    paths = URL_SETS[args.url_set] + (DATABASE_URLS if args.restart_db else [])
    results = []
    try:
        with ExitStack() as stack:
            env, postgres = prepare(args, stack)
            import redis

            redis.Redis.from_url(env.redis_url).flushdb()
            gunicorn = start(stack, Gunicorn(tools.free_port(), env, label="loadtest"))
            targets = []
            if args.target in ("beide", "varnish"):
                varnish = start(stack, Varnish(tools.free_port(), gunicorn.port, programs["varnishd"]))
                targets.append((f"Varnish (Port {varnish.port}) vor gunicorn", varnish.port))
            if args.target in ("beide", "gunicorn"):
                targets.append((f"gunicorn direkt (Port {gunicorn.port})", gunicorn.port))
            workers = gunicorn.worker_pids()
            print(f"gunicorn: {len(workers)} Worker; wrk: {args.connections} Verbindungen, "
                  f"{args.threads} Threads, {args.duration:g} s je Lauf, URL-Satz {args.url_set} ({len(paths)} Adressen)"
                  + (f", PostgreSQL-Neustart nach {args.duration / 3:.0f} s" if postgres else ""), flush=True)
            check_urls(gunicorn.port, paths)
            for label, port in targets:
                results.append(run_load(args, programs, label, port, paths, postgres))
                print_result(results[-1], args)
            if gunicorn.process.poll() is not None or gunicorn.worker_pids() != workers:
                results[-1].setdefault("extra", []).append("gunicorn oder ein Worker wurde neu gestartet")
    except KeyboardInterrupt:
        print("\nAbgebrochen – alle gestarteten Prozesse sind beendet.", file=sys.stderr)
        return 130
    problems = [f"{result['label']}: {problem}" for result in results
                for problem in failures(result, args) + result.get("extra", [])]
    if problems:
        print("\nLasttest nicht bestanden:\n  " + "\n  ".join(problems))
        return 1
    print("\nLasttest bestanden: keine Socket-Fehler, keine 4xx, "
          + ("nur die deutsche 503 während des Ausfalls." if args.restart_db else "keine 5xx."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
