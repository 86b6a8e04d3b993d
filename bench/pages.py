"""Benchmark the server-rendered pages on a large corpus: median and p95 server time per page.

    python bench/pages.py                      # 100,000 claims + 20,000 quotes on PostgreSQL
    python bench/pages.py --claims 1000000 --runs 50

Loads the corpus with bench/seed.py into its own database (newsclaims_bench_pages by default,
BENCH_DATABASE_URL to change it), then requests each page through Django's test client in
process (so the time is the server's: URL routing, queries, template rendering) as a logged-in
editor, and prints the median, p95 and the number of SQL queries of each. Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsclaims_bench_pages"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _urls(rnd: random.Random) -> dict[str, list[str]]:
    """Each page and the URLs to request for it (several, so caches do not flatter one row)."""
    from django.db.models import Count

    from claims.models import Actor, Article, NumericClaim, Outlet

    claim_ids = list(NumericClaim.objects.order_by("id").values_list("id", flat=True)[::1000])
    deep = [f"/claims/?after=~{pk}" for pk in claim_ids[:20]]  # newest first: low ids are deep pages
    values = sorted(NumericClaim.objects.order_by("?").values_list("value", "id")[:20])
    deep_value = [f"/claims/?sort=value&after={v}~{pk}" for v, pk in values]
    outlets = list(Outlet.objects.values_list("id", flat=True)[:10])
    sources = list(Actor.objects.annotate(n=Count("sourced_claims")).order_by("-n").values_list("id", flat=True)[:10])
    filtered = [
        f"/claims/?category={rnd.choice(['killed', 'injured', 'displaced', 'aid'])}&outlet={rnd.choice(outlets)}"
        f"&source={rnd.choice(sources)}&from=2023-01-01&to=2024-12-31"
        for _ in range(20)
    ]
    searched = [f"/claims/?q={w}&category=killed" for w in ("hospital", "statement", "Gaza", "deteriorating")]
    article_ids = list(Article.objects.order_by("?").values_list("id", flat=True)[:30])
    return {
        "start page": ["/"],
        "claims browser, first page": ["/claims/"],
        "claims browser, deep page (newest, keyset)": deep,
        "claims browser, deep page (by value)": deep_value,
        "claims browser, four filters": filtered,
        "claims browser, full-text search": searched,
        "quotes browser": ["/quotes/", "/quotes/?q=people"],
        "article page": [f"/articles/{pk}/" for pk in article_ids],
        "actor page (top sources)": [f"/actors/{pk}/" for pk in sources],
        "review queue": ["/review/"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=40, help="requests per page (after one warm-up each)")
    args = parser.parse_args()

    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_URL)
    from bench.seed import seed, setup_django

    setup_django()
    info = seed(claims=args.claims, quotes=args.quotes)
    took = "reused" if info["reused"] else f"loaded in {info['seconds']:.1f} s"
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    print(f"{info['claims']:,} claims, {info['quotes']:,} quotes, {info['articles']:,} articles ({took})")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    editor = UserFactory(username="bench-editor", role="editor")
    client = Client()
    client.force_login(editor)
    rnd = random.Random(11)
    pages = _urls(rnd)

    from django.core.cache import cache

    print("cold: the count cache is emptied before every request (the first view after any write);")
    print("warm: counts cached for the current data version (paging, back, repeat views).")
    print("app CPU: CPU time of this (Django) process per warm request, which other load on the machine")
    print("does not inflate the way it inflates wall-clock time; the database's own time is not in it.")
    print(
        f"{'page':44} {'cold median':>11} {'p95':>8} {'warm median':>11} {'p95':>8} {'app CPU p95':>11} {'queries':>8}"
    )
    worst = {"cold": 0.0, "warm": 0.0}
    for name, urls in pages.items():
        for url in urls[:3]:
            response = client.get(url)  # warm-up (connections, templates)
            assert response.status_code == 200, (url, response.status_code)
        row = {}
        queries = 0
        for mode in ("cold", "warm"):
            times, cpu = [], []
            if mode == "warm":
                for url in urls:  # fill the count cache for every URL of this page
                    client.get(url)
            for i in range(args.runs):
                url = urls[i % len(urls)]
                if mode == "cold":
                    cache.clear()
                with CaptureQueriesContext(connection) as captured:
                    t0, c0 = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                queries = max(queries, len(captured.captured_queries))
            row[mode] = (statistics.median(times), _p95(times))
            row[f"{mode}-cpu"] = _p95(cpu)
            worst[mode] = max(worst[mode], row[mode][1])
        (cm, cp), (wm, wp) = row["cold"], row["warm"]
        print(f"{name:44} {cm:9.1f}ms {cp:6.1f}ms {wm:9.1f}ms {wp:6.1f}ms {row['warm-cpu']:9.1f}ms {queries:8d}")
    for mode, value in worst.items():
        print(f"worst {mode} p95: {value:.1f} ms ({'meets' if value < 100 else 'misses'} the 100 ms target)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
