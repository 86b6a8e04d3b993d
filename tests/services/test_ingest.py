"""Ingest jobs end to end (tasks in process): every source, bad input, dedup, revisions, counts."""

from __future__ import annotations

import json

import pytest
from celery.signals import task_prerun

from claims.lib.ingest_input import IngestInputError
from claims.models import (
    Article,
    ArticleRevision,
    ExtractionStatus,
    IngestItem,
    IngestItemStatus,
    IngestJob,
    IngestJobStatus,
)
from claims.models import NumericClaim as ClaimRow
from claims.services.ingest import (
    TransientIngestError,
    ingest_item_fetch,
    ingest_item_finish,
    ingest_item_process,
    ingest_items_process,
    ingest_job_create,
)
from tests.webserver import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Create a job and run its tasks in process, as `make run` does without a broker."""

    def create(**kwargs) -> IngestJob:
        kwargs.setdefault("user", None)
        with django_capture_on_commit_callbacks(execute=True):
            job = ingest_job_create(**kwargs)
        job.refresh_from_db()
        return job

    return create


def _counts(job: IngestJob) -> tuple[int, int, int, int]:
    return job.done, job.duplicates, job.failed, job.queued


def test_it_ingests_a_url_with_its_metadata_and_extracts_it(web, run, editor):
    job = run(kind="url", url=web.url("/page/article.html"), user=editor)
    assert job.status == IngestJobStatus.DONE
    assert _counts(job) == (1, 0, 0, 0)
    assert job.created_by == editor and job.started_at and job.finished_at
    article = IngestItem.objects.get(job=job).article
    assert article.title == "Floods kill 120 in the north, ministry says"
    assert article.byline == "Maria Santos"
    assert article.canonical_url == web.url("/news/2024/floods-north")
    assert article.url == web.url("/page/article.html")
    assert article.outlet.domain == "127.0.0.1"
    assert "Read more" not in article.text and article.html.startswith("<p>")
    assert article.extraction_status == ExtractionStatus.DONE


def test_it_counts_the_same_page_ingested_again_as_a_duplicate(web, run):
    first = run(kind="url", url=web.url("/page/article.html"))
    again = run(kind="url", url=web.url(f"/redirect?to={web.url('/page/article.html')}"))
    assert _counts(first) == (1, 0, 0, 0)
    assert _counts(again) == (0, 1, 0, 0)
    assert Article.objects.count() == 1
    assert IngestItem.objects.get(job=again).article == IngestItem.objects.get(job=first).article


def test_it_keeps_a_revision_and_extracts_again_when_a_known_page_changes(web, run):
    run(kind="url", url=web.url("/page/article.html"))
    article = Article.objects.get()
    first_text, first_extracted = article.text, article.extracted_at

    web.versions["article.html"] = 2
    job = run(kind="url", url=web.url("/page/article.html"))
    assert _counts(job) == (1, 0, 0, 0)
    assert IngestItem.objects.get(job=job).payload["outcome"] == "revised"
    article.refresh_from_db()
    assert Article.objects.count() == 1
    assert "more than 150 people" in article.text
    assert article.title == "Floods kill 150 in the north, ministry says"
    assert article.extraction_status == ExtractionStatus.DONE and article.extracted_at > first_extracted
    revision = ArticleRevision.objects.get(article=article)
    assert revision.text == first_text


def test_it_records_why_a_url_failed(web, run):
    cases = {
        "/status/404": "HTTP 404",
        "/binary": "not a web page",
        "/nul": "binary",
        "/big": "too large",
        "/empty": "empty",
        "/page/nav_only.html": "no article text",
    }
    for path, reason in cases.items():
        job = run(kind="url", url=web.url(path))
        assert job.status == IngestJobStatus.FAILED, path
        assert _counts(job) == (0, 0, 1, 0), path
        [error] = job.progress()["errors"]
        assert reason in error["error"], (path, error)
        assert error["url"] == web.url(path)
    assert Article.objects.count() == 0


def test_it_records_a_time_out_without_retrying_in_process(web, run, settings):
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 1
    job = run(kind="url", url=web.url("/slow?seconds=3"))
    assert _counts(job) == (0, 0, 1, 0)
    assert "timed out" in IngestItem.objects.get(job=job).error
    assert web.hits["/slow"] == 1


def test_it_stores_a_non_utf8_page_as_proper_text(web, run):
    job = run(kind="url", url=web.url("/page/latin1.html?enc=cp1252&nometa=1&ctype=text/html"))
    assert _counts(job) == (1, 0, 0, 0)
    article = Article.objects.get()
    assert "Le célèbre café de la gare" in article.text
    assert "150 000 €" in article.text
    assert article.title == "Le café de la gare ferme après 80 ans"


def test_it_ingests_a_jsonl_file_and_reports_bad_lines_by_number(run, editor):
    data = (FIXTURES / "articles.jsonl").read_bytes()
    job = run(kind="file", upload_name="batch.jsonl", upload_bytes=data, user=editor)
    assert job.kind == "jsonl" and job.label == "batch.jsonl"
    assert job.total == 7  # the blank line 5 is no item
    assert _counts(job) == (3, 1, 3, 0)
    assert job.status == IngestJobStatus.DONE
    progress = job.progress()
    errors = {e["position"]: e["error"] for e in progress["errors"]}
    assert set(errors) == {3, 4, 7}
    assert errors[3].startswith("line 3: not valid JSON")
    assert errors[4] == 'line 4: needs "text", "html" or a "url" to fetch'
    assert errors[7] == "line 7: \"published\" is not an ISO date: 'not a date'"
    assert IngestItem.objects.get(job=job, position=8).status == IngestItemStatus.DONE
    budget = Article.objects.get(title="Budget vote")
    assert (
        budget.text
        == 'The council voted 31 to 12 for the budget on Thursday.\n\n"It is a fair plan," said the mayor, Ruth Adler.'
    )
    assert budget.outlet.name == "City Paper"
    assert Article.objects.get(url="https://example.org/a/1").outlet.name == "Example Wire"
    assert IngestItem.objects.get(job=job, position=6).status == IngestItemStatus.DUPLICATE


def test_it_rejects_a_jsonl_row_without_anything_to_ingest(run):
    job = run(kind="file", upload_name="x.jsonl", upload_bytes=b'{"title": "No body at all"}\n[1, 2]\n')
    errors = [e["error"] for e in job.progress()["errors"]]
    assert errors == [
        'line 1: needs "text", "html" or a "url" to fetch',
        "line 2: expected a JSON object with url, title, published, text or html, outlet",
    ]
    assert job.status == IngestJobStatus.FAILED


def test_it_fetches_jsonl_rows_that_only_have_a_url(web, run):
    lines = f'{{"url": "{web.url("/page/third.html")}"}}\n{{"url": "{web.url("/status/410")}"}}\n'
    job = run(kind="file", upload_name="urls.jsonl", upload_bytes=lines.encode())
    assert _counts(job) == (1, 0, 1, 0)
    assert Article.objects.get().title == "Council approves new budget"


def test_it_ingests_pasted_text_and_html_and_uploaded_files(run):
    run(kind="text", text="The strike ended on Tuesday, the union said.", title="Strike ends")
    run(kind="html", html="<h2>Aid</h2><p>Aid reached 3,000 families, the agency said.</p>")
    run(kind="file", upload_name="note.txt", upload_bytes="Le café a fermé, a dit le maire.".encode("cp1252"))
    run(kind="file", upload_name="page.HTML", upload_bytes=(FIXTURES / "third.html").read_bytes())
    assert Article.objects.get(title="Strike ends").text == "The strike ended on Tuesday, the union said."
    assert Article.objects.filter(text__contains="Aid reached 3,000 families").exists()
    assert Article.objects.filter(text="Le café a fermé, a dit le maire.").exists()
    assert Article.objects.get(title="Council approves new budget").published_at.year == 2024
    assert IngestJob.objects.filter(status=IngestJobStatus.DONE).count() == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "url", "url": "ftp://example.org/x"}, "http or https"),
        ({"kind": "url", "url": ""}, "http or https"),
        ({"kind": "text", "text": "   "}, "empty"),
        ({"kind": "html", "html": None}, "empty"),
        ({"kind": "file", "upload_name": "a.pdf", "upload_bytes": b"%PDF-1.4 text"}, ".txt, .html, .htm or .jsonl"),
        ({"kind": "file", "upload_name": "a.txt", "upload_bytes": b""}, "empty"),
        ({"kind": "file", "upload_name": "a.txt", "upload_bytes": b"\x00\x01\x02binary"}, "binary"),
        ({"kind": "file", "upload_name": None, "upload_bytes": None}, "No file"),
        ({"kind": "feed", "url": "https://example.org/"}, "Unknown kind"),
    ],
)
def test_it_refuses_input_it_cannot_use_without_creating_a_job(kwargs, message):
    with pytest.raises(IngestInputError, match=message):
        ingest_job_create(user=None, **kwargs)
    assert IngestJob.objects.count() == 0


def test_it_refuses_an_oversize_paste(settings):
    settings.NEWSCLAIMS_FETCH_MAX_BYTES = 1000
    with pytest.raises(IngestInputError, match="larger than"):
        ingest_job_create(user=None, kind="text", text="x" * 1001)


def test_it_counts_an_item_once_however_often_its_task_runs(run):
    job = run(kind="text", text="The strike ended on Tuesday, the union said.")
    item = IngestItem.objects.get(job=job)
    assert ingest_item_process(item_id=item.pk) == IngestItemStatus.DONE
    assert not ingest_item_finish(item_id=item.pk, status=IngestItemStatus.FAILED, error="late")
    job.refresh_from_db()
    assert _counts(job) == (1, 0, 0, 0)
    assert Article.objects.count() == 1


def test_it_resumes_an_item_stored_before_its_worker_died(django_capture_on_commit_callbacks):
    """The article was stored, then the worker died before extraction: a redelivery finishes the job."""
    with django_capture_on_commit_callbacks(execute=False):
        job = ingest_job_create(
            user=None, kind="text", text="About 4,000 residents fled to shelters, the Red Cross said."
        )
    item = IngestItem.objects.get(job=job)
    from claims.services.ingest import _store_items

    assert [(i.pk, fresh) for i, fresh in _store_items([item], [])] == [(item.pk, True)]
    assert Article.objects.get().extraction_status == ExtractionStatus.PENDING
    assert ingest_item_process(item_id=item.pk) == IngestItemStatus.DONE
    assert ingest_item_process(item_id=item.pk) == IngestItemStatus.DONE
    job.refresh_from_db()
    assert _counts(job) == (1, 0, 0, 0) and job.status == IngestJobStatus.DONE
    assert Article.objects.get().extraction_status == ExtractionStatus.DONE
    assert "text" not in IngestItem.objects.get(pk=item.pk).payload, "the stored text is not kept twice"


def test_it_reports_progress_with_every_count():
    job = ingest_job_create(user=None, kind="file", upload_name="b.jsonl", upload_bytes=b'{"text": "One."}\nnot json\n')
    progress = job.progress()
    assert {k: progress[k] for k in ("status", "total", "queued", "done", "duplicates", "failed")} == {
        "status": "queued",
        "total": 2,
        "queued": 1,
        "done": 0,
        "duplicates": 0,
        "failed": 1,
    }
    assert progress["errors"][0]["position"] == 2 and progress["finished_at"] is None


def test_it_leaves_a_transient_failure_for_a_retry_and_fails_on_the_last_attempt(web, settings):
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 2
    job = ingest_job_create(user=None, kind="url", url=web.url("/status/503"), enqueue=False)
    item = IngestItem.objects.get(job=job)
    with pytest.raises(TransientIngestError, match="503"):
        ingest_item_fetch(item_id=item.pk)
    item.refresh_from_db()
    assert item.status == IngestItemStatus.FETCHING and item.attempts == 1
    assert ingest_item_fetch(item_id=item.pk, final_attempt=True) is False
    item.refresh_from_db()
    job.refresh_from_db()
    assert item.status == IngestItemStatus.FAILED and item.attempts == 2 and "HTTP 503" in item.error
    assert _counts(job) == (0, 0, 1, 0)


def test_it_never_retries_a_permanent_failure(web):
    job = ingest_job_create(user=None, kind="url", url=web.url("/status/404"), enqueue=False)
    item = IngestItem.objects.get(job=job)
    assert ingest_item_fetch(item_id=item.pk) is False  # no TransientIngestError: no retry
    item.refresh_from_db()
    assert item.status == IngestItemStatus.FAILED and item.attempts == 1


def _jsonl(*rows: dict) -> bytes:
    return "\n".join(json.dumps(row) for row in rows).encode()


def _texts(n: int) -> list[dict]:
    return [{"title": f"Report {i}", "text": f"Floods displaced {1000 + i} people in district {i}, officials said."}
            for i in range(n)]  # fmt: skip


def test_a_bulk_file_goes_to_the_workers_in_batches_of_the_configured_size(run, settings):
    settings.NEWSCLAIMS_INGEST_BATCH = 3
    batches: list[list[int]] = []

    def seen(sender=None, args=(), **_kwargs) -> None:
        if sender.name == "claims.ingest_items":
            batches.append(list(args[0]))

    task_prerun.connect(seen)
    try:
        job = run(kind="file", upload_name="seven.jsonl", upload_bytes=_jsonl(*_texts(7)))
    finally:
        task_prerun.disconnect(seen)
    assert [len(b) for b in batches] == [3, 3, 1]
    assert _counts(job) == (7, 0, 0, 0) and job.status == IngestJobStatus.DONE
    assert Article.objects.filter(extraction_status=ExtractionStatus.DONE).count() == 7


def test_a_text_given_twice_in_one_batch_is_one_article_and_one_duplicate(run):
    rows = _texts(2)
    job = run(
        kind="file", upload_name="twice.jsonl", upload_bytes=_jsonl(rows[0], rows[1], {**rows[0], "title": "Again"})
    )
    assert _counts(job) == (2, 1, 0, 0)
    assert Article.objects.count() == 2
    statuses = IngestItem.objects.filter(job=job).order_by("position").values_list("status", flat=True)
    assert list(statuses) == [IngestItemStatus.DONE, IngestItemStatus.DONE, IngestItemStatus.DUPLICATE]


def test_an_item_refused_while_storing_fails_alone_and_its_batch_goes_in(run):
    rows = [*_texts(2), {"title": "Nothing to read", "html": "<script>alert(1)</script>"}]
    job = run(kind="file", upload_name="mixed.jsonl", upload_bytes=_jsonl(*rows))
    assert _counts(job) == (2, 0, 1, 0) and job.status == IngestJobStatus.DONE
    failed = IngestItem.objects.get(job=job, status=IngestItemStatus.FAILED)
    assert failed.position == 3 and failed.error == "no article text found on the page"
    assert Article.objects.filter(extraction_status=ExtractionStatus.DONE).count() == 2


def test_a_batch_delivered_again_counts_and_stores_each_item_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = ingest_job_create(user=None, kind="file", upload_name="b.jsonl", upload_bytes=_jsonl(*_texts(4)))
    ids = list(IngestItem.objects.filter(job=job).values_list("id", flat=True))
    first = ingest_items_process(item_ids=ids)
    claims = ClaimRow.objects.count()
    second = ingest_items_process(item_ids=ids)
    assert first == second == dict.fromkeys(ids, IngestItemStatus.DONE)
    job.refresh_from_db()
    assert _counts(job) == (4, 0, 0, 0)
    assert Article.objects.count() == 4
    assert claims >= 4 and ClaimRow.objects.count() == claims, "not extracted twice"
