"""Benchmark bulk ingestion end to end: a JSONL upload through real Celery workers into PostgreSQL.

Workload: N articles (default 1000) in one JSONL file, built from the demo corpus texts
(claims/demo/articles.jsonl) each made unique by a numbered closing paragraph; optionally
P of them (--pages) given only as a URL of an HTML page served by a local HTTP server, so
the fetch stage is exercised too. Two worker processes (concurrency 1 each, all queues)
over Redis on PostgreSQL. Timed from the upload (job creation) to the moment every item is
final and every article extracted. Prints articles/s and where the workers' time went
(fetch, page reading, database writes when storing, extraction), from the per-stage
timings each item records, plus the engine's own share measured on the same texts.

    .venv/bin/python bench/ingest.py [--n 1000] [--workers 2] [--pages 0] [--batch 20] [--baseline 1]

Baseline: the same workload again with one article per task (--baseline 1: the per-article
pipeline), in the same process; the ratio of the two rates is printed.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/newsclaims_bench_ingest),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/11). Target: >= 50 articles/s with 2 workers.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsclaims_bench_ingest"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/11"
DEMO = ROOT / "claims" / "demo" / "articles.jsonl"


def build_rows(n: int, run: str) -> list[dict]:
    demo = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    for i in range(n):
        src = demo[i % len(demo)]
        rows.append(
            {
                "title": f"{src['title']} (copy {i})",
                "published": src.get("published"),
                "outlet": src.get("outlet"),
                "text": f"{src['text']}\n\nThis is copy {i} of the story in benchmark run {run}.",
            }
        )
    return rows


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


def _page(row: dict) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in row["text"].split("\n\n"))
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(row['title'])}</title>"
        f'<meta property="article:published_time" content="{row.get("published") or ""}"></head><body>'
        f"<nav><a href=/>Home</a> <a href=/world>World</a></nav><article><h1>{html.escape(row['title'])}</h1>"
        f"{paragraphs}<p>Read more: other stories</p></article><footer>© Bench News</footer></body></html>"
    ).encode()


def start_workers(count: int, env: dict) -> list[subprocess.Popen]:
    procs = []
    for i in range(count):
        procs.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "newsclaims", "worker", "-Q", "default,fetch,extract",
                    "--concurrency=1", "--loglevel=ERROR", "--without-gossip", "--without-mingle",
                    "-n", f"bench{i}-{os.getpid()}@%h",
                ],
                cwd=ROOT,
                env=env,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
            )
        )  # fmt: skip
    return procs


def stop_workers(procs: list[subprocess.Popen]) -> None:
    for proc in procs:  # warm shutdown: the main process lets a running task (a figure refresh) finish
        proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Run:
    batch: int
    elapsed: float
    created: float
    done: int
    duplicates: int
    failed: int
    extracted: int
    stages: dict[str, float]
    load: tuple[float, float]


def run_once(*, rows: list[dict], workers: int, batch: int, database_url: str, redis_url: str) -> Run:
    """Empty the database, start the workers, upload the JSONL and wait until every article is extracted."""
    from django.conf import settings
    from django.db import connection

    from claims.models import Article, IngestItem, IngestJob
    from claims.services.ingest import ingest_job_create
    from newsclaims.celery import app

    settings.NEWSCLAIMS_INGEST_BATCH = batch  # the upload is split into tasks here, in this process
    with connection.cursor() as cursor:  # a dedicated database: start empty each run
        cursor.execute(
            "TRUNCATE claims_ingestitem, claims_ingestjob, claims_article, claims_articlerevision, claims_actor, "
            "claims_outlet, claims_figure RESTART IDENTITY CASCADE"
        )
    data = "\n".join(json.dumps(r) for r in rows).encode()
    app.control.purge()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "NEWSCLAIMS_INGEST_BATCH": str(batch),
    }
    procs = start_workers(workers, env)
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=1.0)) < workers:
            if time.monotonic() > deadline:
                raise SystemExit("the workers did not answer within 60 s")
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        job = ingest_job_create(user=None, kind="file", upload_name="bench.jsonl", upload_bytes=data)
        created = time.perf_counter() - started
        while True:
            queued = IngestJob.objects.filter(pk=job.pk).values_list("queued", flat=True).get()
            if queued == 0 and not Article.objects.exclude(extraction_status="done").exists():
                break
            if time.perf_counter() - started > 1800:
                raise SystemExit("gave up after 30 minutes")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        load_after = os.getloadavg()[0]
    finally:
        stop_workers(procs)
    job.refresh_from_db()
    stages = {"fetch": 0.0, "parse": 0.0, "store": 0.0, "extract": 0.0}
    for payload in IngestItem.objects.filter(job=job).values_list("payload", flat=True).iterator():
        for stage, seconds in payload.get("timing", {}).items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    extracted = Article.objects.filter(extraction_status="done").count()
    return Run(
        batch, elapsed, created, job.done, job.duplicates, job.failed, extracted, stages, (load_before, load_after)
    )


def report(run: Run, *, workers: int, engine_per_article: float) -> None:
    busy = run.elapsed * workers

    def share(seconds: float) -> str:
        return f"{seconds:8.1f} s  {100 * seconds / busy:5.1f}%"

    engine_total = engine_per_article * run.done
    stages = run.stages
    print(f"batch of {run.batch} articles per task:")
    print(f"  machine: load average {run.load[0]:.1f} before, {run.load[1]:.1f} after")
    print(
        f"  result: {run.done} done, {run.duplicates} duplicate, {run.failed} failed; "
        f"{run.extracted} articles extracted"
    )
    print(
        f"  end to end: {run.elapsed:.1f} s, {run.done / run.elapsed:.1f} articles/s "
        f"(job created in {run.created:.2f} s)"
    )
    print(f"  worker time ({workers} x {run.elapsed:.1f} s = {busy:.1f} s):")
    print(f"    fetch                      {share(stages['fetch'])}")
    print(f"    page reading (trafilatura) {share(stages['parse'])}")
    print(f"    database writes (store)    {share(stages['store'])}")
    print(f"    extraction                 {share(stages['extract'])}")
    print(f"      of which engine ~        {share(min(engine_total, stages['extract']))}")
    print(f"      of which database ~      {share(max(stages['extract'] - engine_total, 0.0))}")
    rest = busy - sum(stages.values())
    print(f"    queue, task overhead, idle {share(rest)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the JSONL file")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (concurrency 1 each)")
    parser.add_argument("--pages", type=int, default=0, help="how many of them are URLs to fetch")
    parser.add_argument("--batch", type=int, default=20, help="articles per task (NEWSCLAIMS_INGEST_BATCH)")
    parser.add_argument("--baseline", type=int, default=1, help="batch size of the baseline run (0: no baseline run)")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    os.environ["REDIS_URL"] = redis_url
    os.environ["NEWSCLAIMS_ALLOW_PRIVATE_FETCH"] = "1"  # the pages are served from 127.0.0.1
    from bench.seed import setup_django

    setup_django(database_url)

    import claims.extraction as engine

    server = None
    if args.pages:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def rows_for(run: str) -> list[dict]:
        rows = build_rows(args.n, run)
        for i, row in enumerate(rows[: args.pages]):
            path = f"/news/{run}/{i}.html"
            _Pages.pages[path] = _page(row)
            rows[i] = {"url": f"http://127.0.0.1:{server.server_address[1]}{path}"}
        return rows

    sizes = [args.batch] + ([args.baseline] if args.baseline and args.baseline != args.batch else [])
    runs = []
    try:
        for i, batch in enumerate(sizes):
            rows = rows_for(f"{int(time.time())}-{i}")
            runs.append(run_once(rows=rows, workers=args.workers, batch=batch, database_url=database_url,
                                 redis_url=redis_url))  # fmt: skip
    finally:
        if server:
            server.shutdown()

    texts = [r["text"] for r in build_rows(200, "engine")]
    t = time.perf_counter()
    for text in texts:
        engine.extract(text)
    engine_per_article = (time.perf_counter() - t) / len(texts)

    print(
        f"workload: {args.n} JSONL articles ({args.pages} as URLs fetched from a local HTTP server, the rest as "
        f"text) from {len(build_rows(7, 'x'))} demo texts made unique; {args.workers} worker processes "
        f"(concurrency 1, all queues) over Redis into PostgreSQL; engine {engine.ENGINE_VERSION}; "
        f"{os.cpu_count()} CPUs"
    )
    for run in runs:
        report(run, workers=args.workers, engine_per_article=engine_per_article)
    if len(runs) == 2:
        main_rate, base_rate = (r.done / r.elapsed for r in runs)
        print(
            f"ratio: {main_rate / base_rate:.2f}x the articles/s of the baseline (batch of {runs[1].batch}, "
            f"one task per article), same workload, same process"
        )
    print("target: >= 50 articles/s with 2 workers")


if __name__ == "__main__":
    main()
