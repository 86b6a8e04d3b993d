"""Ingest URLs and files from the command line, in process (default) or through the workers (--queue)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.lib.ingest_input import IngestInputError
from claims.models import IngestItem, IngestItemStatus, IngestJob
from claims.services.ingest import (
    TERMINAL,
    ingest_item_fetch,
    ingest_items_process,
    ingest_job_create,
    ingest_job_enqueue,
    needs_fetch,
)

SUFFIXES = {".jsonl", ".ndjson", ".txt", ".html", ".htm"}


class Command(BaseCommand):
    help = (
        "Ingest articles from URLs and files (.txt, .html/.htm, .jsonl: one article a line with url, title, "
        "published, text or html, outlet; a directory: every such file in it). Runs in this process unless "
        "--queue is given. Prints a summary of created, duplicate and failed items."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("sources", nargs="*", metavar="PATH_OR_URL")
        parser.add_argument(
            "--resume", type=int, action="append", default=[], metavar="JOB_ID",
            help="Run (or with --queue: queue again) the unfinished items of an earlier job, e.g. after a broker loss.",
        )  # fmt: skip
        parser.add_argument("--queue", action="store_true", help="Hand the items to the Celery workers.")
        parser.add_argument("--no-wait", action="store_true", help="With --queue: do not wait for the workers.")
        parser.add_argument("--user", help="Record the jobs as created by this user name.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (for logs).")

    def handle(self, *args, **options) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        if not options["sources"] and not options["resume"]:
            raise CommandError("Give at least one path or URL, or --resume JOB_ID.")
        jobs: list[IngestJob] = list(IngestJob.objects.filter(pk__in=options["resume"]))
        if len(jobs) != len(set(options["resume"])):
            raise CommandError("No such job: " + ", ".join(map(str, set(options["resume"]) - {j.pk for j in jobs})))
        if options["queue"]:
            for job in jobs:
                ingest_job_enqueue(job_id=job.pk)
        refused: list[str] = []
        for source in self._expand(options["sources"]):
            try:
                jobs.append(self._create(source, user=user, enqueue=options["queue"]))
            except (IngestInputError, OSError) as exc:
                refused.append(f"{source}: {exc}")
                self.stderr.write(f"refused {source}: {exc}")
        total = sum(job.total for job in IngestJob.objects.filter(pk__in=[j.pk for j in jobs]))
        bar = tqdm(total=total, unit="article", disable=options["no_progress"] or total == 0, file=self.stderr)
        if options["queue"]:
            if not options["no_wait"]:
                self._follow(jobs, bar)
        else:
            self._run(jobs, bar)
        bar.close()
        self._summary(jobs, refused, queued_only=options["queue"] and options["no_wait"])
        failed = sum(job.failed for job in IngestJob.objects.filter(pk__in=[j.pk for j in jobs]))
        if refused or failed:
            raise CommandError(f"{len(refused)} source(s) refused, {failed} item(s) failed (see above).")

    def _expand(self, sources: list[str]) -> list[str]:
        expanded: list[str] = []
        for source in sources:
            path = Path(source)
            if not source.startswith(("http://", "https://")) and path.is_dir():
                expanded.extend(str(p) for p in sorted(path.iterdir()) if p.suffix.lower() in SUFFIXES)
            else:
                expanded.append(source)
        return expanded

    def _create(self, source: str, *, user, enqueue: bool) -> IngestJob:
        if source.startswith(("http://", "https://")):
            return ingest_job_create(user=user, kind="url", url=source, enqueue=enqueue)
        path = Path(source)
        if not path.is_file():
            raise IngestInputError("not a file or an http(s) URL")
        return ingest_job_create(
            user=user, kind="file", upload_name=path.name, upload_bytes=path.read_bytes(), enqueue=enqueue
        )

    def _run(self, jobs: list[IngestJob], bar: tqdm) -> None:
        """Every item of every job, here and now: fetch if needed, then read, store and extract in batches."""
        size = max(1, settings.NEWSCLAIMS_INGEST_BATCH)
        for job in jobs:
            bar.update(IngestItem.objects.filter(job=job, status__in=TERMINAL).count())  # finished before
            items = IngestItem.objects.filter(job=job).exclude(status__in=TERMINAL).order_by("position")
            batch: list[int] = []
            for item_id, url, payload in items.values_list("id", "url", "payload"):
                if needs_fetch(url, payload) and not ingest_item_fetch(item_id=item_id, final_attempt=True):
                    bar.update(1)  # failed while fetching
                    continue
                batch.append(item_id)
                if len(batch) == size:
                    ingest_items_process(item_ids=batch)
                    bar.update(len(batch))
                    batch = []
            if batch:
                ingest_items_process(item_ids=batch)
                bar.update(len(batch))

    def _follow(self, jobs: list[IngestJob], bar: tqdm) -> None:
        ids = [job.pk for job in jobs]
        while True:
            rows = list(IngestJob.objects.filter(pk__in=ids).values_list("total", "queued"))
            finished = sum(total - queued for total, queued in rows)
            bar.update(finished - bar.n)
            if all(queued == 0 for _, queued in rows):
                return
            time.sleep(0.5)

    def _summary(self, jobs: list[IngestJob], refused: list[str], *, queued_only: bool) -> None:
        items = IngestItem.objects.filter(job__in=jobs)
        statuses = Counter(items.values_list("status", flat=True))
        outcomes = Counter(
            items.filter(status=IngestItemStatus.DONE).values_list("payload__outcome", flat=True).iterator()
        )
        for position, url, error, label in (
            items.exclude(error="")
            .order_by("job", "position")
            .values_list("position", "url", "error", "job__label")[:50]
        ):
            where = url or f"{label} line {position}"
            self.stderr.write(f"  {where}: {error}")
        job_ids = ", ".join(f"#{job.pk}" for job in jobs) or "none"
        if queued_only:
            self.stdout.write(f"Queued {sum(statuses.values())} item(s) in job(s) {job_ids}.")
            return
        self.stdout.write(
            f"Ingested: {outcomes.get('created', 0)} created, {outcomes.get('revised', 0)} revised, "
            f"{statuses.get(IngestItemStatus.DUPLICATE, 0)} duplicate, {statuses.get(IngestItemStatus.FAILED, 0)} "
            f"failed, {len(refused)} source(s) refused (job(s) {job_ids})."
        )
