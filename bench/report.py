"""The tables on stdout, the target checks and the JSON files in var/bench/."""

import json
from datetime import datetime

from bench import OUTPUT_DIR
from bench.pages import MAX_LARGE_SLOWDOWN, MAX_MEMORY_GROWTH, MAX_QUERIES, MIN_GUNICORN_RPS, MIN_VARNISH_SHARE

OK, FAIL = "✓", "✗"


def de(number):
    """10000 → "10.000"."""
    return f"{number:,}".replace(",", ".")


def loads(values):
    return " ".join(f"{value:.2f}" for value in values)


# ---------------------------------------------------------------- cells


def _rps(measure):
    return f"{measure['rps']:>8.0f}" if measure else f"{'–':>8}"


def _ms(value):
    if value is None:
        return f"{'–':>7}"
    return f"{value:>7.2f}" if value < 10 else f"{value:>7.1f}"


def _cpu(measure):
    value = (measure or {}).get("cpu_ms_per_request")
    return f"{value:>6.1f}" if value is not None else f"{'–':>6}"


def _triple(measure):
    if not measure:
        return f"{'–':>8} {'–':>7} {'–':>7}"
    return f"{_rps(measure)} {_ms(measure.get('p50_ms'))} {_ms(measure.get('p99_ms'))}"


def _ratio(value):
    return f"{value * 100:>6.1f} %" if value is not None else f"{'–':>8}"


def _pair(first, second, width):
    return f"{first}/{second}".rjust(width)


def _factor(value):
    return f"{value:>8.2f}×" if value is not None else f"{'–':>9}"


# ---------------------------------------------------------------- make bench


def main_table(pages):
    head = " │ ".join([
        f"{'Seite':<22}", f"{'gunicorn (a)':^31}", f"{'Varnish (b)':^24}", f"{'nginx (c)':^24}",
        f"{'SQL':>7}", f"{'Redis':>5}", f"{'Bytes':>6}", f"{'(a)/(c)':>8}", f"{'(b)/(c)':>8}",
    ])
    triple = f"{'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}"
    sub = " │ ".join([
        f"{'':<22}", f"{triple} {'CPU ms':>6}", triple, triple,
        f"{'kalt/w.':>7}", f"{'k./w.':>5}", " " * 6, " " * 8, " " * 8,
    ])
    lines = [head, sub, "─" * len(head)]
    for page in pages.values():
        sql = page["sql"]
        lines.append(" │ ".join([
            f"{page['label']:<22}",
            f"{_triple(page.get('gunicorn'))} {_cpu(page.get('gunicorn'))}",
            _triple(page.get("varnish")),
            _triple(page.get("nginx")),
            _pair(sql["cold"], sql["warm"], 7),
            _pair(sql["redis_cold"], sql["redis_warm"], 5),
            f"{page['bytes']:>6}",
            _ratio(page.get("ratio_a_c")),
            _ratio(page.get("ratio_b_c")),
        ]))
    return "\n".join(lines)


def main_checks(results):
    checks = []

    def check(ok, text):
        checks.append({"ok": bool(ok), "text": text})

    for page in results["pages"].values():
        label, sql = page["label"], page["sql"]
        errors = {target: page[target]["error_count"] for target in ("gunicorn", "varnish", "nginx")}
        counts = ", ".join(f"{target} {count}" for target, count in errors.items())
        check(not any(errors.values()), f"{label}: keine Fehler bei wrk ({counts})")
        if page["has_targets"]:
            check(sql["warm"] <= MAX_QUERIES,
                  f"{label}: {sql['warm']} SQL-Abfragen warm (Ziel ≤ {MAX_QUERIES}; kalt {sql['cold']})")
            rps = page["gunicorn"]["rps"]
            check(rps >= MIN_GUNICORN_RPS,
                  f"{label}: gunicorn {rps:.0f} req/s ungecacht (Ziel ≥ {MIN_GUNICORN_RPS:.0f})")
        x_cache = page["x_cache"][1]
        if page["cacheable"]:
            share = page["ratio_b_c"]
            check(share >= MIN_VARNISH_SHARE,
                  f"{label}: Varnish {share * 100:.0f} % der nginx-Obergrenze (Ziel ≥ {MIN_VARNISH_SHARE * 100:.0f} %)")
            check(x_cache == "HIT", f"{label}: zweiter Abruf über Varnish X-Cache: {x_cache} (erwartet HIT)")
        else:
            check(x_cache == "PASS",
                  f"{label}: Varnish reicht durch (X-Cache: {x_cache}, erwartet PASS) – kein Cache-Ziel")
        check(page["nginx_identical"], f"{label}: nginx liefert dieselben {page['bytes']} Bytes wie gunicorn")
    memory = results.get("memory")
    if memory:
        check(memory["failures"] == 0,
              f"Speichertest: {memory['failures']} fehlgeschlagene von {de(memory['requests'])} Anfragen")
        check(
            memory["growth"] <= MAX_MEMORY_GROWTH,
            f"Speicher eines Workers: {memory['rss_kib_after_first'] / 1024:.1f} MiB nach {de(memory['first'])} → "
            f"{memory['rss_kib_after_total'] / 1024:.1f} MiB nach {de(memory['total'])} Anfragen "
            f"({memory['growth'] * 100:+.1f} %, Ziel ≤ {MAX_MEMORY_GROWTH * 100:.0f} %)",
        )
    return checks


def print_main(results):
    config, machine, pages = results["config"], results["machine"], results["pages"]
    print()
    print(f"make bench – {results['started']} – {machine['nproc']} CPUs, Last vorher {loads(results['load_before'])}, "
          f"nachher {loads(results['load_after'])}")
    print(f"gunicorn {config['gunicorn_workers']} Worker ({config['gunicorn_worker_class']}), "
          f"Redis: {config['redis']}, "
          f"Datenbank {config['database']}; wrk {config['duration']:g} s, {config['threads']} Threads, "
          f"{config['gunicorn_connections']} Verbindungen an gunicorn, {config['cache_connections']} an Varnish/nginx")
    print()
    print(main_table(pages))
    ceilings = ", ".join(
        f"{page['label']} ≈ {machine['nproc'] * 1000 / page['gunicorn']['cpu_ms_per_request']:.0f}"
        for page in pages.values() if page["gunicorn"].get("cpu_ms_per_request")
    )
    print(f"CPU ms: CPU-Zeit der gunicorn-Worker je Anfrage (von fremder Last kaum berührt). {machine['nproc']} CPUs "
          f"schaffen damit höchstens {machine['nproc']} × 1000 / CPU ms req/s (ohne wrk, Redis, PostgreSQL):\n"
          f"{ceilings}.")
    print("SQL/Redis: Abfragen bzw. Redis-Befehle je Anfrage im Django-Testclient; kalt = erste Anfrage nach einer "
          "Inhaltsänderung\n(wie nach jedem Veröffentlichen in jedem Worker), warm = die Anfrage danach.")
    for page in pages.values():
        if not page["cacheable"]:
            print(f"{page['label']}: Varnish reicht Suchen durch (PASS); gemessen mit {config['gunicorn_connections']} "
                  "Verbindungen wie (a), (b)/(c) ist hier keine Cache-Quote.")
    memory = results.get("memory")
    if memory:
        print()
        print(f"Speicher eines Workers (VmRSS, pid {memory['worker_pid']}): "
              f"{memory['rss_kib_after_first'] / 1024:.1f} MiB nach {de(memory['first'])} Anfragen, "
              f"{memory['rss_kib_after_total'] / 1024:.1f} MiB nach {de(memory['total'])} Anfragen "
              f"({memory['growth'] * 100:+.1f} %), {memory['seconds']:.0f} s")
    profile = results.get("profile")
    if profile:
        per_request = profile["seconds"] / profile["requests"] * 1000
        print()
        print(f"Profil der langsamsten Seite ({profile['label']}, {profile['requests']} Anfragen, "
              f"{per_request:.1f} ms je Anfrage im Profiler): {profile['text']} und .html")
        print("  Eigene Zeit nach Paket:  " + " · ".join(line.strip() for line in profile["packages"][:8]))
        print("  Die 15 Funktionen mit der meisten eigenen Zeit:")
        for line in profile["flat"][:15]:
            print("    " + line)
    print()
    print("Ziele:")
    print_checks(results["checks"])


# ---------------------------------------------------------------- make bench-large


def _sql(row, size):
    if row.get(f"sql_{size}") is None:
        return "–".rjust(7)
    return _pair(row[f"sql_{size}_cold"], row[f"sql_{size}"], 7)


def large_table(large):
    title_small = f"{large['small']['pages_total']} Seiten"
    title_large = f"{large['large']['pages_total']} Seiten"
    head = f"{'Seite':<22} │ {title_small:^31} │ {title_large:^31} │ {'groß/klein':^29}"
    columns = f"{'req/s':>8} {'p50 ms':>7} {'CPU ms':>6} {'SQL k/w':>7}"
    sub = f"{'':<22} │ {columns} │ {columns} │ {'p50':>9} {'req/s':>9} {'CPU':>9}"
    lines = [head, sub, "─" * len(head)]
    for row in large["rows"]:
        small, big = row.get("small"), row["large"]
        lines.append(" │ ".join([
            f"{row['label']:<22}",
            f"{_rps(small)} {_ms(small and small.get('p50_ms'))} {_cpu(small)} {_sql(row, 'small')}",
            f"{_rps(big)} {_ms(big.get('p50_ms'))} {_cpu(big)} {_sql(row, 'large')}",
            f"{_factor(row.get('p50_factor'))} {_factor(row.get('rps_factor'))} {_factor(row.get('cpu_factor'))}",
        ]))
    return "\n".join(lines)


def large_checks(large):
    checks = []
    small_n, large_n = large["small"]["pages_total"], large["large"]["pages_total"]
    for row in large["rows"]:
        label = row["label"]
        errors = sum(measure["error_count"] for measure in (row.get("small"), row["large"]) if measure)
        checks.append({"ok": errors == 0, "text": f"{label}: keine Fehler bei wrk ({errors})"})
        if row["key"] == "thema":
            for kind, suffix in (("warm", ""), ("kalt", "_cold")):
                small, big = row[f"sql_small{suffix}"], row[f"sql_large{suffix}"]
                checks.append({
                    "ok": small == big,
                    "text": f"{label}: {small} SQL-Abfragen ({kind}) bei {small_n} Seiten, {big} bei {large_n} "
                            "(Ziel: gleich)",
                })
        if row["key"] in ("finder", "suche"):
            factor = row["p50_factor"]
            checks.append({
                "ok": factor <= MAX_LARGE_SLOWDOWN,
                "text": f"{label}: p50 {factor:.2f}× der Zeit bei {small_n} Seiten (Ziel ≤ {MAX_LARGE_SLOWDOWN}×)",
            })
    generated = large.get("generated") or {}
    if generated.get("sql") is not None:
        seed = next(row["sql_small"] for row in large["rows"] if row["key"] == "thema")
        limit = max(seed, MAX_QUERIES)
        checks.append({
            "ok": generated["sql"] <= limit,
            "text": f"Erzeugte Themenseite (Ebene {generated['depth']}): {generated['sql']} SQL-Abfragen warm, "
                    f"{generated['sql_cold']} kalt (Seed-Themenseite {seed} warm, Ziel ≤ {limit})",
        })
    return checks


def print_large(results):
    large, config = results["large"], results["config"]
    print()
    print(f"make bench-large – {results['started']} – Last vorher {loads(results['load_before'])}, "
          f"nachher {loads(results['load_after'])}")
    print(f"{large['small']['database']} ({large['small']['pages_total']} Seiten) gegen {large['large']['database']} "
          f"({large['large']['pages_total']} Seiten); gunicorn {config['gunicorn_workers']} Worker "
          f"({config['gunicorn_worker_class']}), wrk {config['duration']:g} s, "
          f"{config['gunicorn_connections']} Verbindungen")
    print()
    print(large_table(large))
    generated = large.get("generated") or {}
    if generated.get("path"):
        print(f"\nErzeugte Themenseite: {generated['path']} (Ebene {generated['depth']})")
    print("SQL k/w: kalt (erste Anfrage nach einer Inhaltsänderung) / warm; CPU ms: CPU-Zeit der Worker je Anfrage.")
    print()
    print("Ziele:")
    print_checks(results["checks"])


# ---------------------------------------------------------------- both


def print_checks(checks):
    for item in checks:
        print(f"  {OK if item['ok'] else FAIL} {item['text']}")


def write_json(results):
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    large = results.get("mode") == "large"
    path = OUTPUT_DIR / f"{'results-large' if large else 'results'}-{stamp}.json"
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
    path.write_text(text)
    (OUTPUT_DIR / ("latest-large.json" if large else "latest.json")).write_text(text)
    return path
