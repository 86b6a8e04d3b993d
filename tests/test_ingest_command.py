"""`manage.py ingest`: files and URLs in process, with a summary of what happened."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, IngestJob
from tests.webserver import FIXTURES

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_it_ingests_files_and_urls_in_process_and_sums_up(web):
    out, err, error = _run(str(FIXTURES / "articles.jsonl"), web.url("/page/third.html"), str(FIXTURES / "third.html"))
    assert "Ingested: 4 created, 0 revised, 2 duplicate, 3 failed, 0 source(s) refused" in out
    assert "articles.jsonl line 3: line 3: not valid JSON" in err
    assert error is not None and "3 item(s) failed" in str(error)
    assert Article.objects.count() == 4
    assert IngestJob.objects.count() == 3


def test_it_refuses_what_it_cannot_read_and_goes_on(tmp_path):
    good = tmp_path / "note.txt"
    good.write_text("The river rose by 2 metres overnight, officials said.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    out, err, error = _run(str(tmp_path / "missing.jsonl"), str(tmp_path))
    assert "1 created" in out and "1 source(s) refused" in out
    assert "missing.jsonl" in err
    assert error is not None
    assert Article.objects.get().text == "The river rose by 2 metres overnight, officials said."


@pytest.mark.django_db(transaction=True)
def test_it_queues_instead_with_queue(web):
    out, _, error = _run("--queue", web.url("/page/second.html"))
    assert error is None
    assert "1 created" in out  # tasks run in process in the tests, so waiting ends at once
    assert Article.objects.get().title == "Port strike enters second week"


def test_it_resumes_the_unfinished_items_of_an_earlier_job():
    from claims.services.ingest import ingest_job_create

    data = b'{"text": "One."}\n{"text": "Two."}\n'
    job = ingest_job_create(user=None, kind="file", upload_name="b.jsonl", upload_bytes=data, enqueue=False)
    out, _, error = _run("--resume", str(job.pk))
    assert error is None and "2 created" in out
    job.refresh_from_db()
    assert (job.done, job.queued, job.status) == (2, 0, "done")
    _, _, error = _run("--resume", "999999")
    assert error is not None and "No such job: 999999" in str(error)
