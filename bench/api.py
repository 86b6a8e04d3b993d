"""Benchmark the claims API on a large corpus: median and p95 per request, next to the raw SQL.

    python bench/api.py                        # 1,000,000 claims on PostgreSQL
    python bench/api.py --claims 100000 --runs 50

Loads the corpus with bench/seed.py into its own database (newsclaims_bench_api by default,
BENCH_DATABASE_URL to change it), then requests each kind of claims page through Django's test
client in process, with an API token, as a client would (routing, middleware, token auth,
throttle, filters, cursor, rows, JSON). For each request it also captures the SQL of the page
query and runs exactly that SQL through a raw cursor (execute + fetchall), in the same run, so
the ratio is what the API adds on top of the database; "api cpu" is the median CPU time of the
API process per request (Python only: a figure a busy machine disturbs less than wall time).
Target: p95 < 50 ms for a 100-item page, and within 3x of the raw query. Then it streams every
claim as CSV: rows per second, and how much the peak RSS grew.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsclaims_bench_api"
PAGE = 100


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _cursor(position: int) -> str:
    """The API's cursor for 'after id ``position``' in the default newest-first order."""
    return base64.urlsafe_b64encode(json.dumps({"k": [position]}).encode()).decode().rstrip("=")


def _urls(rnd: random.Random) -> dict[str, list[str]]:
    from django.db.models import Count

    from claims.models import Actor, NumericClaim, Outlet

    base = f"/api/v1/claims/?page_size={PAGE}"
    top = NumericClaim.objects.order_by("-id").values_list("id", flat=True).first() or 0
    deep = [f"{base}&cursor={quote(_cursor(int(top * f)))}" for f in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95)]
    outlets = list(Outlet.objects.values_list("id", flat=True)[:10])
    sources = list(Actor.objects.annotate(n=Count("sourced_claims")).order_by("-n").values_list("id", flat=True)[:10])
    rare = [
        f"{base}&category={rnd.choice(['killed', 'injured', 'displaced', 'aid'])}"
        f"&outlet={rnd.choice(outlets)}&source={rnd.choice(sources)}"
        f"&qualifier=exact&qualifier=more_than&min_value=100&as_of_after=2023-01-01&as_of_before=2024-12-31"
        for _ in range(12)
    ]
    filtered = []
    for _ in range(4):
        filtered += [
            f"{base}&category={rnd.choice(['killed', 'injured', 'displaced'])}&source={rnd.choice(sources)}"
            "&min_value=100",
            f"{base}&category={rnd.choice(['killed', 'injured', 'aid'])}&outlet={rnd.choice(outlets)}",
            f"{base}&source={rnd.choice(sources)}&as_of_after=2024-01-01&as_of_before=2024-06-30",
            f"{base}&status=verified&qualifier=approximately&published_after=2023-06-01",
        ]
    searched = [
        f"{base}&q={w}"
        for w in ("hospital", "statement", "Gaza", "deteriorating", "Khartoum refugees", "hospital -Gaza")
    ]
    since = "2000-01-01T00:00:00Z"
    return {
        "claims, first page": [base],
        "claims, deep cursor page": deep,
        "claims, filtered (2-3 filters)": filtered,
        "claims, q full-text search": searched,
        "claims, sync page (updated_since)": [f"{base}&updated_since={since}&ordering=updated_at"],
        "claims, 7 filters, rare combination": rare,
        "claims, first page, 500 items": ["/api/v1/claims/?page_size=500"],
    }


def _page_sql(captured: list[dict]) -> str:
    """The page query among the request's queries (the one that reads claims with a LIMIT)."""
    for query in captured:
        sql = query["sql"]
        if 'FROM "claims_numericclaim"' in sql and "LIMIT" in sql:
            return sql
    raise AssertionError("no page query captured")


_RAW: list = []


def _time_sql(sql: str) -> float:
    """The page's own SQL on a plain psycopg connection (its compiled type loaders, no Django):
    the floor any API over this database could reach."""
    import psycopg
    from django.db import connection

    if not _RAW:
        s = connection.settings_dict
        _RAW.append(
            psycopg.connect(
                dbname=s["NAME"],
                user=s["USER"],
                password=s["PASSWORD"] or None,
                host=s["HOST"] or None,
                port=s["PORT"] or None,
                autocommit=True,
            )
        )
    with _RAW[0].cursor() as cursor:
        t0 = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        return (time.perf_counter() - t0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100, help="requests per kind of page (after warm-up)")
    parser.add_argument("--no-export", action="store_true", help="skip streaming every claim as CSV")
    args = parser.parse_args()

    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["NEWSCLAIMS_API_TOKEN_RATE"] = "100000000/min"  # noqa: S105 - measure the API, not the throttle
    from bench.seed import seed, setup_django

    setup_django()
    info = seed(claims=args.claims)
    took = "reused" if info["reused"] else f"loaded in {info['seconds']:.1f} s"

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from claims.services.tokens import token_create
    from tests.factories import UserFactory

    print(f"{info['claims']:,} claims, {info['articles']:,} articles ({took})")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user = UserFactory(username="bench-api", role="editor")
    _, key = token_create(user=user, name="bench", scope="read")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    pages = _urls(random.Random(11))

    head = (
        f"{'request':36} {'api median':>10} {'api p95':>8} {'sql median':>10} {'sql p95':>8} {'ratio':>6} "
        f"{'api cpu':>8} {'q':>3}"
    )
    print(head)
    worst_p95, worst_ratio = 0.0, 0.0
    for name, urls in pages.items():
        for url in urls:
            response = client.get(url)  # warm-up, and a check that the request is right
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
        api, sql, cpu, queries = [], [], [], 0
        for i in range(args.runs):
            url = urls[i % len(urls)]
            with CaptureQueriesContext(connection) as captured:
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url)
                api.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = max(queries, len(captured.captured_queries))
            sql.append(_time_sql(_page_sql(captured.captured_queries)))
        ratio = statistics.median(api) / statistics.median(sql)
        if "500" not in name and "rare" not in name:
            worst_p95, worst_ratio = max(worst_p95, _p95(api)), max(worst_ratio, ratio)
        print(
            f"{name:36} {statistics.median(api):8.1f}ms {_p95(api):6.1f}ms "
            f"{statistics.median(sql):8.1f}ms {_p95(sql):6.1f}ms {ratio:5.1f}x "
            f"{statistics.median(cpu):6.1f}ms {queries:3d}"
        )
    verdict_p95 = "meets" if worst_p95 < 50 else "misses"
    verdict_ratio = "meets" if worst_ratio <= 3 else "misses"
    print(
        f"100-item pages (the rare 7-filter combination aside): worst p95 {worst_p95:.1f} ms ({verdict_p95} < 50 ms), "
        f"worst median ratio to raw SQL {worst_ratio:.1f}x ({verdict_ratio} <= 3x)"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    if not args.no_export:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        response = client.get("/api/v1/claims/?format=csv")
        assert response.streaming
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
        seconds = time.perf_counter() - t0
        grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        print(
            f"CSV export of all {lines:,} claims: {seconds:.1f} s, {lines / seconds:,.0f} rows/s, "
            f"peak RSS grew by {grew:.0f} MB while streaming"
        )


if __name__ == "__main__":
    main()
