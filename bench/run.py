"""make bench: the portal's speed on this machine, straight from gunicorn, through Varnish and against nginx.

A benchmark command, not a test (it takes a few minutes and is not part of make test or CI).

``make bench`` (``python -m bench.run``):

1. creates a fresh PostgreSQL database ``portal_bench`` (drop, create, migrate, load_seed_content; or the
   database in ``BENCH_DATABASE_URL``, migrated and seeded but never dropped) and runs collectstatic;
2. starts its own gunicorn (``deploy/gunicorn.conf.py``, production settings, workers from the config,
   Redis db 5 flushed first), Varnish with ``deploy/varnish/portal.vcl`` pointed at it, and nginx serving
   the very HTML bytes gunicorn rendered as static files – each on a free loopback port of its own, never
   8000/8001/8080 of make run and make serve;
3. counts SQL queries and Redis commands per page in a separate process (Django test client): "cold" right
   after a content change (what each worker pays after a publish), "warm" the request after (the target);
4. measures each page with wrk for a fixed time: (a) gunicorn, (b) Varnish, (c) nginx, the ceiling; for (a)
   also the workers' CPU milliseconds per request, which other load on the machine hardly disturbs;
5. measures one worker's resident memory after 1,000 and 10,000 requests (one sync worker of its own);
6. profiles the slowest page of (a) with pyinstrument (var/bench/profile-<page>.txt and .html);
7. prints a table and the target checks, and writes var/bench/results-<time>.json and var/bench/latest.json.

``make bench-large`` (``--large``): the seed database against one with a bulk tree of 10,000 pages
(``portal_bench_large``: migrate, seed, ``generate_bulk_content``; reused when it already holds enough
pages; ``--large-from NAME`` copies it from another database with a bulk tree instead, which is only
read). Measures the topic page, the finder and the search straight from gunicorn on both in the same run
(alternating), the ratios large/small of p50, req/s and CPU per request, and the SQL queries of the seed
topic page on both and of a generated topic page. Writes var/bench/latest-large.json.

Extra wrk/bench options via make: ``make bench BENCH_ARGS="--duration 5 --skip-memory"``.

Environment: ``BENCH_DATABASE_URL`` (the seed database), ``BENCH_POSTGRES_SERVER`` (default
postgres://postgres@127.0.0.1:5432), ``GUNICORN_WORKERS``/``GUNICORN_THREADS`` as in deploy/gunicorn.conf.py.
varnish, nginx-light and wrk are installed with apt-get when missing. Everything started is stopped at the
end, on errors and on Ctrl-C. The exit status is 0 even when a target is missed, unless ``--strict``.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime

from bench import OUTPUT_DIR, PYTHON, ROOT, database, memory, report, tools, wrk
from bench.pages import LARGE_PAGES, PAGES
from bench.servers import Gunicorn, Nginx, Varnish, fetch


class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    pass


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__, formatter_class=HelpFormatter)
    parser.add_argument("--duration", type=float, default=10, help="Sekunden je wrk-Messung")
    parser.add_argument("--warmup", type=float, default=2, help="Sekunden Aufwärmen vor jeder Messung")
    parser.add_argument("--threads", type=int, default=2, help="wrk-Threads")
    parser.add_argument(
        "--gunicorn-connections", type=int, default=None,
        help="wrk-Verbindungen direkt an gunicorn (Standard: 2 × Worker, 4 bis 8: ein paar mehr als Worker, "
             "damit keiner wartet, ohne dass die Warteschlange die Latenz aufbläht)",
    )
    parser.add_argument("--cache-connections", type=int, default=64, help="wrk-Verbindungen an Varnish und nginx")
    parser.add_argument("--no-redis", action="store_true", help="ohne Redis (Dateicache wie make serve ohne REDIS_URL)")
    parser.add_argument("--redis-db", type=int, default=5, help="eigene Redis-Datenbank, wird vorher geleert")
    parser.add_argument(
        "--keep-database", action="store_true", help="portal_bench nicht neu anlegen, nur migrate + Seed"
    )
    parser.add_argument("--memory-first", type=int, default=1000, help="Anfragen bis zur ersten Speichermessung")
    parser.add_argument("--memory-requests", type=int, default=10000, help="Anfragen bis zur zweiten Speichermessung")
    parser.add_argument("--skip-memory", action="store_true", help="ohne Speichertest")
    parser.add_argument("--profile-requests", type=int, default=100, help="Anfragen im Profil der langsamsten Seite")
    parser.add_argument("--skip-profile", action="store_true", help="ohne Profil")
    parser.add_argument(
        "--large", action="store_true", help="Vergleich der Seed-Seiten mit dem großen Seitenbaum (make bench-large)"
    )
    parser.add_argument(
        "--large-pages", type=int, default=10000, help="Seiten des großen Baums (generate_bulk_content --pages)"
    )
    parser.add_argument(
        "--large-database", default=database.LARGE_DATABASE, help="Name der Datenbank mit dem großen Seitenbaum"
    )
    parser.add_argument(
        "--large-from", default=None, metavar="DATENBANK",
        help="portal_bench_large als Kopie dieser Datenbank (Name oder URL) anlegen statt zu erzeugen, wenn sie genug "
             "Massendaten-Seiten hat; die Quelle wird nur gelesen",
    )
    parser.add_argument(
        "--large-media-from", default=str(ROOT / "var" / "media"),
        help="Medienordner der Quelle von --large-from (Originalbilder der kopierten Bilder)",
    )
    parser.add_argument("--strict", action="store_true", help="Exit 1, wenn ein Ziel verfehlt wird")
    return parser.parse_args(argv)


def in_process(env, *args):
    """Runs bench.inprocess with the environment of a database and returns its JSON answer."""
    completed = subprocess.run(
        [PYTHON, "-m", "bench.inprocess", *args], cwd=ROOT, env=env.variables(), capture_output=True, text=True
    )
    if completed.returncode != 0 or "@@JSON@@" not in completed.stdout:
        raise RuntimeError(f"bench.inprocess {args[0]} fehlgeschlagen:\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.rsplit("@@JSON@@", 1)[1])


def count_sql(env, *paths):
    """SQL queries and Redis commands per path, cold (after a content change) and warm (bench.inprocess).

    Run twice: the first process after seeding also creates image renditions once per database.
    """
    in_process(env, "queries", *paths)
    return in_process(env, "queries", *paths)


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def make_env(args, url, prefix, media_root, stack):
    redis_url = None if args.no_redis else f"redis://127.0.0.1:6379/{args.redis_db}"
    cache_dir = None
    if args.no_redis:
        cache_dir = tempfile.mkdtemp(prefix="bench-cache-")
        stack.callback(shutil.rmtree, cache_dir, ignore_errors=True)
    return database.Environment(url, redis_url, prefix, media_root=media_root, cache_dir=cache_dir)


def seed_environment(args, stack):
    given = os.environ.get("BENCH_DATABASE_URL")
    url = given or database.database_url(database.SMALL_DATABASE)
    name = database.database_name(url)
    env = make_env(args, url, f"bench-{name}", database.media_root_for(name), stack)
    if given:
        env.media_root = None  # the caller's database keeps its media where they are
        database.prepare_given(env)
    elif args.keep_database and database.exists(url):
        database.prepare_given(env)
    else:
        database.prepare_fresh(env)
    return env


def start(stack, server, **kwargs):
    """Starts a server whose stop is registered first, so that a failed start still stops it."""
    stack.callback(server.stop)
    return server.start(**kwargs)


def gunicorn_connections(args, workers):
    return args.gunicorn_connections or max(4, min(8, 2 * workers))


def measure(programs, args, port, path, connections, cpu=None):
    return wrk.run(
        programs["wrk"], port, path, args.duration, connections, threads=args.threads, warmup=args.warmup, cpu=cpu
    )


# ---------------------------------------------------------------- make bench


def run_main(args, programs, results, stack):
    env = seed_environment(args, stack)
    database.collectstatic(env)
    if env.redis_url:
        flush_redis(env.redis_url)
    results["config"]["database"] = database.database_name(env.database_url)
    results["config"]["redis"] = env.redis_url or "aus (Dateicache)"

    print("SQL-Abfragen je Seite (Django-Testclient, Produktionseinstellungen) …", flush=True)
    sql = count_sql(env, *(page.path for page in PAGES))

    gunicorn = start(stack, Gunicorn(tools.free_port(), env, label="main"))
    workers = len(gunicorn.worker_pids())
    g_conn = gunicorn_connections(args, workers)
    results["config"].update(
        gunicorn_port=gunicorn.port, gunicorn_workers=workers, gunicorn_worker_class=gunicorn.worker_class(),
        gunicorn_connections=g_conn, cache_connections=args.cache_connections,
    )
    print(f"gunicorn: Port {gunicorn.port}, {workers} Worker ({gunicorn.worker_class()})", flush=True)

    pages, documents = {}, {}
    for page in PAGES:
        status, headers, body = fetch(gunicorn.port, page.path)
        if status != 200:
            raise RuntimeError(f"{page.path}: HTTP {status} von gunicorn")
        documents[page.path] = body
        pages[page.key] = {
            "label": page.label, "path": page.path, "has_targets": page.has_targets, "cacheable": page.cacheable,
            "bytes": len(body), "cache_control": headers.get("cache-control"), "set_cookie": headers.get("set-cookie"),
            "sql": sql[page.path],
        }

    varnish = start(stack, Varnish(tools.free_port(), gunicorn.port, programs["varnishd"]))
    nginx = start(stack, Nginx(tools.free_port(), programs["nginx"], documents))
    results["config"].update(varnish_port=varnish.port, nginx_port=nginx.port)
    print(f"Varnish: Port {varnish.port}, nginx: Port {nginx.port}", flush=True)
    for page in PAGES:
        entry = pages[page.key]
        entry["x_cache"] = [fetch(varnish.port, page.path)[1].get("x-cache") for _ in range(2)]
        status, _, body = fetch(nginx.port, page.path)
        entry["nginx_bytes"] = len(body) if status == 200 else None
        entry["nginx_identical"] = body == documents[page.path]
        if entry["x_cache"][1] != ("HIT" if page.cacheable else "PASS"):
            print(f"  Achtung: {page.path} über Varnish: X-Cache {entry['x_cache']} "
                  f"(Cache-Control: {entry['cache_control']})", flush=True)

    print(f"wrk: {args.duration:g} s je Messung nach {args.warmup:g} s Aufwärmen, {args.threads} Threads, "
          f"{g_conn} Verbindungen an gunicorn (und Suchen über Varnish), {args.cache_connections} an Varnish und nginx",
          flush=True)
    for page in PAGES:
        entry = pages[page.key]
        entry["gunicorn"] = measure(programs, args, gunicorn.port, page.path, g_conn, cpu=gunicorn.cpu_seconds)
        # A page Varnish passes on queues in front of the workers like (a): as many connections as there.
        connections = args.cache_connections if page.cacheable else g_conn
        entry["varnish"] = measure(programs, args, varnish.port, page.path, connections)
        entry["nginx"] = measure(programs, args, nginx.port, page.path, args.cache_connections)
        ceiling = entry["nginx"]["rps"]
        entry["ratio_a_c"] = entry["gunicorn"]["rps"] / ceiling
        entry["ratio_b_c"] = entry["varnish"]["rps"] / ceiling
        print(f"  {page.label}: gunicorn {entry['gunicorn']['rps']:.0f}, Varnish {entry['varnish']['rps']:.0f}, "
              f"nginx {ceiling:.0f} req/s", flush=True)
    results["pages"] = pages
    for server in (nginx, varnish, gunicorn):
        server.stop()

    if not args.skip_memory:
        results["memory"] = run_memory(args, env, stack)
    if not args.skip_profile:
        slowest = min(PAGES, key=lambda page: pages[page.key]["gunicorn"]["rps"])
        results["profile"] = run_profile(args, env, slowest)


def run_memory(args, env, stack):
    print(f"Speicher: ein sync-Worker, {report.de(args.memory_requests)} Anfragen reihum auf die vier Seiten …",
          flush=True)
    # GUNICORN_MAX_REQUESTS=0: a recycled worker would hide a leak.
    server = Gunicorn(tools.free_port(), env, workers=1, label="memory", GUNICORN_THREADS=1, GUNICORN_MAX_REQUESTS=0)
    single = start(stack, server)
    try:
        paths = [page.path for page in PAGES]
        return memory.measure(single, paths, first=args.memory_first, total=args.memory_requests)
    finally:
        single.stop()


def run_profile(args, env, page):
    out = str(OUTPUT_DIR / f"profile-{page.key}")
    print(f"Profil (pyinstrument) der langsamsten Seite: {page.label}, {args.profile_requests} Anfragen …", flush=True)
    result = in_process(env, "profile", page.path, "--requests", str(args.profile_requests), "--out", out)
    result.update(page=page.key, label=page.label, path=page.path)
    return result


# ---------------------------------------------------------------- make bench-large


def run_large(args, programs, results, stack):
    small = seed_environment(args, stack)
    url = database.database_url(args.large_database)
    big = make_env(args, url, f"bench-{args.large_database}", database.media_root_for(args.large_database), stack)
    source = args.large_from
    if source and "://" not in source:
        source = database.database_url(source)
    pages_in_tree = database.prepare_large(big, args.large_pages, copy_from=source, media_from=args.large_media_from)
    database.collectstatic(small)
    if small.redis_url:
        flush_redis(small.redis_url)  # one Redis db, one key prefix per database

    def describe(env):
        pages = database.scalar(env.database_url, "SELECT count(*) FROM wagtailcore_page WHERE depth > 1")
        return {"database": database.database_name(env.database_url), "pages_total": pages}

    large = {"small": describe(small), "large": {**describe(big), "bulk_pages": pages_in_tree}}
    results["config"].update(database=large["small"]["database"], large_database=large["large"]["database"],
                             redis=small.redis_url or "aus (Dateicache)")
    generated = in_process(big, "generated-topic")
    print("SQL-Abfragen je Seite auf beiden Datenbanken …", flush=True)
    paths = [page.path for page in LARGE_PAGES]
    sql_small = count_sql(small, *paths)
    sql_large = count_sql(big, *paths, *([generated["path"]] if generated.get("path") else []))

    g_small = start(stack, Gunicorn(tools.free_port(), small, label="small"))
    g_large = start(stack, Gunicorn(tools.free_port(), big, label="large"))
    workers = len(g_small.worker_pids())
    g_conn = gunicorn_connections(args, workers)
    results["config"].update(
        gunicorn_workers=workers, gunicorn_worker_class=g_small.worker_class(), gunicorn_connections=g_conn
    )
    print(f"gunicorn: {workers} Worker ({g_small.worker_class()}) je Datenbank, Ports {g_small.port}/{g_large.port}; "
          f"wrk {args.duration:g} s, {g_conn} Verbindungen, abwechselnd klein/groß", flush=True)

    rows = []
    for page in LARGE_PAGES:
        for server in (g_small, g_large):
            status, _, _ = fetch(server.port, page.path)
            if status != 200:
                raise RuntimeError(f"{page.path}: HTTP {status} ({server.log_path})")
        row = {"key": page.key, "label": page.label, "path": page.path,
               "sql_small": sql_small[page.path]["warm"], "sql_large": sql_large[page.path]["warm"],
               "sql_small_cold": sql_small[page.path]["cold"], "sql_large_cold": sql_large[page.path]["cold"]}
        row["small"] = measure(programs, args, g_small.port, page.path, g_conn, cpu=g_small.cpu_seconds)
        row["large"] = measure(programs, args, g_large.port, page.path, g_conn, cpu=g_large.cpu_seconds)
        row["p50_factor"] = row["large"]["p50_ms"] / row["small"]["p50_ms"]
        row["rps_factor"] = row["large"]["rps"] / row["small"]["rps"]
        row["cpu_factor"] = row["large"]["cpu_ms_per_request"] / row["small"]["cpu_ms_per_request"]
        print(f"  {page.label}: {row['small']['rps']:.0f} → {row['large']['rps']:.0f} req/s", flush=True)
        rows.append(row)
    if generated.get("path"):
        path = generated["path"]
        generated["sql"] = sql_large[path]["warm"]
        generated["sql_cold"] = sql_large[path]["cold"]
        generated["status"] = fetch(g_large.port, path)[0]
        measured = measure(programs, args, g_large.port, path, g_conn, cpu=g_large.cpu_seconds)
        rows.append({"key": "erzeugt", "label": "Erzeugte Themenseite", "path": path,
                     "sql_large": generated["sql"], "sql_large_cold": generated["sql_cold"], "large": measured})
    large["rows"] = rows
    large["generated"] = generated
    results["large"] = large


def main(argv=None):
    args = parse_args(argv)
    os.chdir(ROOT)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # SystemExit: the finally blocks stop everything
    programs = tools.ensure_programs()
    results = {
        "mode": "large" if args.large else "main",
        "started": datetime.now().isoformat(timespec="seconds"),
        "load_before": tools.load_average(),
        "machine": tools.machine_info(programs),
        "config": {"duration": args.duration, "warmup": args.warmup, "threads": args.threads},
    }
    print(f"Last vorher (uptime): {report.loads(results['load_before'])}, {os.cpu_count()} CPUs", flush=True)
    began = time.monotonic()
    try:
        with ExitStack() as stack:
            (run_large if args.large else run_main)(args, programs, results, stack)
    except KeyboardInterrupt:
        print("\nAbgebrochen – alle gestarteten Prozesse sind beendet.", file=sys.stderr)
        return 130
    results["load_after"] = tools.load_average()
    results["seconds"] = round(time.monotonic() - began, 1)
    if args.large:
        results["checks"] = report.large_checks(results["large"])
        report.print_large(results)
    else:
        results["checks"] = report.main_checks(results)
        report.print_main(results)
    path = report.write_json(results)
    print(f"\nErgebnisse: {path.relative_to(ROOT)} (und {'latest-large' if args.large else 'latest'}.json), "
          f"Dauer {results['seconds']:.0f} s")
    if args.strict and not all(check["ok"] for check in results["checks"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
