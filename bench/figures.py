"""Benchmark the figure tracker on a large corpus: full recompute time and memory, figure page latency.

    python bench/figures.py                 # 1,000,000 claims on PostgreSQL (database newsclaims_bench_figures)
    python bench/figures.py --claims 100000 --pages 50

Prints the time and peak memory of computing every figure from scratch (grouping, summaries,
flags), of recomputing when nothing changed, and the median / p95 time to render a figure page
(the largest figures and a random sample, through Django's test client as a logged-in journalist).
The benchmark uses its own database by default, because it rewrites every claim's figure.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsclaims_bench_figures"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, fn, *, trace: bool) -> object:
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    took = time.perf_counter() - t0
    peak = ""
    if trace:
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak = f", Python heap peak {top / 2**20:.1f} MiB"
    load = os.getloadavg()[0]
    print(f"{label}: {took:.1f} s{peak}, process peak RSS {_rss_mb():.0f} MiB (load average {load:.1f}) -> {result}")
    return result


def _reset_figures() -> None:
    from django.db import connection

    from claims import models as m

    tables = [m.FigureFlag.claims.through, m.FigureFlag, m.Figure.history.model]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "TRUNCATE " + ", ".join(f'"{t._meta.db_table}"' for t in tables) + " RESTART IDENTITY CASCADE"
            )
        else:
            for t in tables:
                cursor.execute(f'DELETE FROM "{t._meta.db_table}"')  # noqa: S608
    m.NumericClaim.objects.filter(figure__isnull=False).update(figure=None, figure_locked=False)
    m.Figure.objects.all().delete()


def _page_times(slugs: list[str], repeat: int) -> list[float]:
    from django.test import Client

    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(username="bench-journalist", role="journalist"))
    times = []
    per_figure = []
    for slug in slugs:
        client.get(f"/figures/{slug}/", secure=True)  # warm the connection and caches for this figure
        mine = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            response = client.get(f"/figures/{slug}/", secure=True)
            mine.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        times += mine
        per_figure.append((statistics.median(mine), slug))
    slowest = ", ".join(f"{slug} {ms:.0f} ms" for ms, slug in sorted(per_figure, reverse=True)[:3])
    print(f"slowest figure pages (median of {repeat}): {slowest}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--pages", type=int, default=30, help="figure pages to render (largest and random)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the figures already computed (no cold run)")
    parser.add_argument("--pages-only", action="store_true", help="only time figure pages (figures computed before)")
    args = parser.parse_args()
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    # Production-like: DEBUG off (no query log growing in memory), no HTTPS redirect for the test client.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-figures-not-a-secret-" + "x" * 40)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

    from bench.seed import seed, setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    # No collectstatic here: serve static names as they are instead of from a manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    info = seed(claims=args.claims)
    loaded = "reused" if info["reused"] else f"loaded in {info['seconds']:.0f} s"
    print(f"corpus: {info['claims']:,} claims in {info['articles']:,} articles on {connection.vendor} ({loaded})")

    from claims.models import Figure, FigureFlag
    from claims.services.figures import figures_recompute

    if not args.keep and not args.pages_only:
        t0 = time.perf_counter()
        _reset_figures()
        print(f"reset figure assignments: {time.perf_counter() - t0:.1f} s")
        _timed("cold recompute (group every claim, summaries, flags)", figures_recompute, trace=False)
    if not args.pages_only:
        _timed("warm recompute (nothing changed)", figures_recompute, trace=False)
        _timed("warm recompute under tracemalloc", figures_recompute, trace=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # what autovacuum would do after so many writes
                cursor.execute("ANALYZE")
    n_fig = Figure.objects.filter(merged_into__isnull=True).count()
    print(f"figures: {n_fig:,}, flags: {FigureFlag.objects.count():,}")

    largest = list(
        Figure.objects.order_by("-claim_count").values_list("slug", "claim_count")[: max(1, args.pages // 3)]
    )
    counts = sorted(Figure.objects.filter(claim_count__gt=0).values_list("claim_count", flat=True))
    print(f"claims per figure: median {statistics.median(counts):,.0f}, largest {counts[-1]:,}")
    rest = list(Figure.objects.filter(claim_count__gt=0).values_list("slug", flat=True))
    sample = [s for s, _ in largest] + random.Random(1).sample(rest, min(len(rest), args.pages - len(largest)))
    load_before = os.getloadavg()[0]
    times = _page_times(sample, args.repeat)
    q = statistics.quantiles(times, n=20)
    print(
        f"figure page render over {len(times)} requests ({len(sample)} figures): "
        f"median {statistics.median(times):.1f} ms, p95 {q[18]:.1f} ms, max {max(times):.1f} ms "
        f"(load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
