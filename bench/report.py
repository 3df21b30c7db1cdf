"""The table on stdout, the target checks and the JSON files in var/bench/."""

import json
from datetime import datetime

from bench import OUTPUT_DIR
from bench.pages import (
    MAX_LARGE_SLOWDOWN, MAX_MEMORY_GROWTH, MAX_QUERIES, MIN_GUNICORN_RPS, MIN_VARNISH_SHARE,
)

OK, FAIL = "✓", "✗"


def _rps(measure):
    return f"{measure['rps']:>8.0f}" if measure else f"{'–':>8}"


def _ms(value):
    if value is None:
        return f"{'–':>7}"
    return f"{value:>7.2f}" if value < 10 else f"{value:>7.1f}"


def _triple(measure):
    if not measure:
        return f"{'–':>8} {'–':>7} {'–':>7}"
    return f"{_rps(measure)} {_ms(measure.get('p50_ms'))} {_ms(measure.get('p99_ms'))}"


def _ratio(value):
    return f"{value * 100:>6.1f} %" if value is not None else f"{'–':>8}"


def main_table(pages):
    head = (
        f"{'Seite':<22} │ {'gunicorn (a)':^24} │ {'Varnish (b)':^24} │ {'nginx (c)':^24} │ {'SQL':>7} │ "
        f"{'Bytes':>6} │ {'(a)/(c)':>8} │ {'(b)/(c)':>8}"
    )
    sub = (
        f"{'':<22} │ {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} │ {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} │ "
        f"{'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} │ {'warm':>7} │ {'':>6} │ {'':>8} │ {'':>8}"
    )
    lines = [head, sub, "─" * len(head)]
    for page in pages.values():
        varnish = _triple(page.get("varnish"))
        lines.append(
            f"{page['label']:<22} │ {_triple(page.get('gunicorn'))} │ {varnish} │ {_triple(page.get('nginx'))} │ "
            f"{page['sql']['warm']:>7} │ {page['bytes']:>6} │ {_ratio(page.get('ratio_a_c'))} │ {_ratio(page.get('ratio_b_c'))}"
        )
    return "\n".join(lines)


def main_checks(results):
    checks = []

    def check(ok, text):
        checks.append({"ok": bool(ok), "text": text})

    for page in results["pages"].values():
        label = page["label"]
        errors = {target: page[target]["error_count"] for target in ("gunicorn", "varnish", "nginx") if page.get(target)}
        check(not any(errors.values()), f"{label}: keine Fehler bei wrk ({', '.join(f'{k} {v}' for k, v in errors.items())})")
        if page["has_targets"]:
            check(page["sql"]["warm"] <= MAX_QUERIES, f"{label}: {page['sql']['warm']} SQL-Abfragen (Ziel ≤ {MAX_QUERIES})")
            rps = page["gunicorn"]["rps"]
            check(rps >= MIN_GUNICORN_RPS, f"{label}: gunicorn {rps:.0f} req/s ungecacht (Ziel ≥ {MIN_GUNICORN_RPS:.0f})")
        if page["cacheable"]:
            share = page["ratio_b_c"]
            check(share >= MIN_VARNISH_SHARE, f"{label}: Varnish {share * 100:.0f} % der nginx-Obergrenze (Ziel ≥ {MIN_VARNISH_SHARE * 100:.0f} %)")
            check(page["x_cache"][1] == "HIT", f"{label}: zweiter Abruf über Varnish X-Cache: {page['x_cache'][1]} (erwartet HIT)")
        else:
            check(page["x_cache"][1] == "PASS", f"{label}: Varnish reicht durch (X-Cache: {page['x_cache'][1]}, erwartet PASS) – kein Cache-Ziel")
        check(page["bytes"] == page["nginx_bytes"], f"{label}: nginx liefert dieselben {page['bytes']} Bytes wie gunicorn")
    memory = results.get("memory")
    if memory:
        check(memory["failures"] == 0, f"Speichertest: {memory['failures']} fehlgeschlagene Anfragen von {memory['requests']}")
        check(
            memory["growth"] <= MAX_MEMORY_GROWTH,
            f"Speicher eines Workers: {memory['rss_kib_after_first'] / 1024:.1f} MiB nach {memory['first']:,} → "
            f"{memory['rss_kib_after_total'] / 1024:.1f} MiB nach {memory['total']:,} Anfragen "
            f"({memory['growth'] * 100:+.1f} %, Ziel ≤ {MAX_MEMORY_GROWTH * 100:.0f} %)".replace(",", "."),
        )
    return checks


def large_table(large):
    small_n, large_n = large["small"]["pages_total"], large["large"]["pages_total"]
    col_s, col_l = f"{small_n} Seiten", f"{large_n} Seiten"
    head = (
        f"{'Seite':<22} │ {col_s:^24} │ {col_l:^24} │ {'groß/klein':^19}"
    )
    sub = (
        f"{'':<22} │ {'req/s':>8} {'p50 ms':>7} {'SQL':>7} │ {'req/s':>8} {'p50 ms':>7} {'SQL':>7} │ {'p50':>9} {'req/s':>9}"
    )
    lines = [head, sub, "─" * len(head)]
    for row in large["rows"]:
        small, big = row.get("small"), row["large"]
        lines.append(
            f"{row['label']:<22} │ {_rps(small):>8} {_ms(small and small.get('p50_ms'))} {row.get('sql_small', '–'):>7} │ "
            f"{_rps(big):>8} {_ms(big.get('p50_ms'))} {row['sql_large']:>7} │ "
            f"{_factor(row.get('p50_factor'))} {_factor(row.get('rps_factor'))}"
        )
    return "\n".join(lines)


def _factor(value):
    return f"{value:>8.2f}×" if value is not None else f"{'–':>9}"


def large_checks(large):
    checks = []
    for row in large["rows"]:
        label = row["label"]
        errors = sum(m["error_count"] for m in (row.get("small"), row["large"]) if m)
        checks.append({"ok": errors == 0, "text": f"{label}: keine Fehler bei wrk ({errors})"})
        if row["key"] == "thema":
            checks.append({
                "ok": row["sql_small"] == row["sql_large"],
                "text": f"{label}: {row['sql_small']} SQL-Abfragen bei {large['small']['pages_total']} Seiten, "
                        f"{row['sql_large']} bei {large['large']['pages_total']} (Ziel: gleich)",
            })
        if row["key"] in ("finder", "suche"):
            factor = row["p50_factor"]
            checks.append({
                "ok": factor <= MAX_LARGE_SLOWDOWN,
                "text": f"{label}: p50 {factor:.2f}× der Zeit bei {large['small']['pages_total']} Seiten (Ziel ≤ {MAX_LARGE_SLOWDOWN}×)",
            })
    generated = large.get("generated")
    if generated and generated.get("sql") is not None:
        seed = next(row["sql_small"] for row in large["rows"] if row["key"] == "thema")
        checks.append({
            "ok": generated["sql"] <= max(seed, MAX_QUERIES),
            "text": f"Erzeugte Themenseite (Ebene {generated['depth']}): {generated['sql']} SQL-Abfragen "
                    f"(Seed-Themenseite {seed}, Ziel ≤ {max(seed, MAX_QUERIES)})",
        })
    return checks


def print_checks(checks):
    for item in checks:
        print(f"  {OK if item['ok'] else FAIL} {item['text']}")


def write_json(results):
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    prefix = "results-large" if results.get("mode") == "large" else "results"
    path = OUTPUT_DIR / f"{prefix}-{stamp}.json"
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
    path.write_text(text)
    (OUTPUT_DIR / ("latest-large.json" if results.get("mode") == "large" else "latest.json")).write_text(text)
    return path
