"""Measurements inside one Django process (production settings, the benchmark's database).

Run by bench.run as ``python -m bench.inprocess COMMAND …`` with the benchmark's environment; prints JSON.

  queries PATH …                  SQL queries and Redis commands after a content change (cold) and after that (warm)
  profile PATH --requests N --out PREFIX   pyinstrument over N requests, PREFIX.txt and PREFIX.html
  generated-topic                 the URL of a topic page of the bulk tree (generate_bulk_content)
"""

import argparse
import json
import sys


def _client():
    import django

    django.setup()
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


def _content_changed():
    """What a publish does to every worker: their per-process memo of pages and settings is out of date."""
    try:
        from caching.generation import bump
    except ImportError:  # a portal without the content generation memo
        return
    bump()


def count_queries(paths):
    """Per path: "cold" right after a content change, in a process that has served other pages already
    (what every worker pays after a publish), "warm" the request after, plus the very first request of
    the fresh process ("first_in_process")."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client()
    cache_calls = _count_redis_commands()
    results = {}
    first_in_process = None
    for index, path in enumerate(paths):
        if index == 0:
            with CaptureQueriesContext(connection) as context:
                client.get(path)
            first_in_process = len(context.captured_queries)
        _content_changed()
        counts, cache_counts, captured = [], [], []
        for _ in range(3):
            before = cache_calls[0]
            with CaptureQueriesContext(connection) as context:
                response = client.get(path)
            counts.append(len(context.captured_queries))
            cache_counts.append(cache_calls[0] - before)
            captured.append([query["sql"][:300] for query in context.captured_queries])
        results[path] = {
            "status": response.status_code,
            "cold": counts[0],
            "warm": counts[1],
            "third": counts[2],
            "redis_cold": cache_counts[0],
            "redis_warm": cache_counts[1],
            "first_in_process": first_in_process if index == 0 else None,
            "bytes": len(response.content),
            "cold_sql": captured[0],
            "warm_sql": captured[1],
        }
    return results


def _count_redis_commands():
    """A one-element list counting the commands sent to Redis (cache round trips) from now on."""
    calls = [0]
    try:
        from redis.connection import AbstractConnection
    except ImportError:
        return calls
    send = AbstractConnection.send_command

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return send(self, *args, **kwargs)

    AbstractConnection.send_command = counting
    return calls


def profile(path, requests, out):
    from pyinstrument import Profiler

    client = _client()
    for _ in range(3):  # warm: memos, templates, connections
        client.get(path)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(requests):
        response = client.get(path)
    profiler.stop()
    tree = profiler.output_text(unicode=True, color=False)
    functions, packages = self_times(profiler.last_session.root_frame())
    total = profiler.last_session.duration
    flat = [f"{seconds / total * 100:5.1f} %  {name}" for name, seconds in functions[:40]]
    by_package = [f"{seconds / total * 100:5.1f} %  {name}" for name, seconds in packages]
    with open(out + ".txt", "w") as file:
        file.write(tree)
        file.write("\n\nEigene Zeit nach Paket (Built-ins beim aufrufenden Paket):\n" + "\n".join(by_package))
        file.write("\n\nEigene Zeit nach Funktion (die ersten 40):\n" + "\n".join(flat) + "\n")
    with open(out + ".html", "w") as file:
        file.write(profiler.output_html())
    return {
        "status": response.status_code, "requests": requests, "text": out + ".txt", "html": out + ".html",
        "seconds": total, "flat": flat, "packages": by_package,
    }


def _package(path):
    """django/template, wagtail, redis, … for libraries; the app's folder for the project; the stdlib module."""
    from django.conf import settings

    if "site-packages/" in path:
        parts = path.split("site-packages/", 1)[1].split("/")
        return "/".join(parts[:2]) if parts[0] == "django" and len(parts) > 2 else parts[0]
    base = str(settings.BASE_DIR) + "/"
    if path.startswith(base):
        return "Projekt: " + path[len(base):].split("/")[0]
    if "/lib/python3" in path:
        return "Python: " + path.split("/lib/python3", 1)[1].split("/")[1]
    return path or "?"


def self_times(root):
    """Own time per function and per package over the frame tree, slowest first.

    pyinstrument keeps a frame's own time in a synthetic "[self]" child; it counts for the frame.
    Built-in functions (socket.recv, isinstance) count for the package that called them.
    """
    from collections import Counter

    functions, packages = Counter(), Counter()
    stack = [(root, None)]
    while stack:
        frame, caller_package = stack.pop()
        path = frame.file_path or ""
        builtin = not path or path.startswith("<")
        package = caller_package if builtin and caller_package else _package(path)
        real_children = [child for child in frame.children if not child.is_synthetic]
        own = frame.time - sum(child.time for child in real_children)
        where = frame.file_path_short or "<built-in>"
        name = f"{frame.function}  <built-in>" if builtin else f"{frame.function}  {where}:{frame.line_no}"
        functions[name] += own
        packages[package] += own
        stack.extend((child, package) for child in real_children)
    return functions.most_common(), packages.most_common()


def generated_topic():
    _client()
    from pages.models.topic import TopicPage

    topics = TopicPage.objects.live().public().filter(url_path__contains="/massendaten/")
    root = topics.order_by("depth").first()
    if root is None:
        return {"path": None}
    # A topic a few levels down, where most of the bulk tree sits.
    page = topics.filter(depth=root.depth + 3).order_by("path").first() or topics.order_by("-depth", "path").first()
    return {"path": page.url, "depth": page.depth, "title": page.title}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("queries").add_argument("paths", nargs="+")
    prof = sub.add_parser("profile")
    prof.add_argument("path")
    prof.add_argument("--requests", type=int, default=100)
    prof.add_argument("--out", required=True)
    sub.add_parser("generated-topic")
    args = parser.parse_args(argv)
    if args.command == "queries":
        result = count_queries(args.paths)
    elif args.command == "profile":
        result = profile(args.path, args.requests, args.out)
    else:
        result = generated_topic()
    sys.stdout.write("\n@@JSON@@" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
