"""Measurements inside one Django process (production settings, the benchmark's database).

Run by bench.run as ``python -m bench.inprocess COMMAND …`` with the benchmark's environment; prints JSON.

  queries PATH …                  SQL queries of the first (cold) and second (warm) request of each path
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


def count_queries(paths):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client()
    results = {}
    for path in paths:
        counts = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as context:
                response = client.get(path)
            counts.append(len(context.captured_queries))
        results[path] = {
            "status": response.status_code,
            "cold": counts[0],
            "warm": counts[1],
            "third": counts[2],
            "bytes": len(response.content),
            "warm_sql": [query["sql"][:300] for query in context.captured_queries],
        }
    return results


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
    text = profiler.output_text(unicode=True, color=False)
    with open(out + ".txt", "w") as file:
        file.write(text)
    with open(out + ".html", "w") as file:
        file.write(profiler.output_html())
    return {"status": response.status_code, "requests": requests, "text": out + ".txt", "html": out + ".html"}


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
