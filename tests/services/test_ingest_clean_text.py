"""Ingestion hands the engine clean text: entities unescaped where text arrives as text, NUL bytes gone."""

from __future__ import annotations

import json

import pytest

from claims.models import Article, IngestItemStatus
from claims.services.ingest import clean_text, ingest_job_create

pytestmark = pytest.mark.django_db

ESCAPED = (
    "The mayor said &quot;we will rebuild&quot; after 14 homes burned. "
    "&#8220;It was fast,&#8221; a neighbour said of the fire at Smith &amp; Sons."
)
CLEAN = "".join(
    [
        'The mayor said "we will rebuild" after 14 homes burned. ',
        "“It was fast,” a neighbour said of the fire at Smith & Sons.",
    ]
)


def _ingest(**kwargs):
    job = ingest_job_create(user=None, **kwargs)
    from claims.services.ingest_queue import ingest_job_fanout

    ingest_job_fanout(job_id=job.pk)
    return job.items.select_related("article").get()


def test_clean_text_unescapes_entities_and_drops_nul_bytes():
    assert clean_text(ESCAPED) == CLEAN
    assert clean_text("forty\x00 two &lt;b&gt;") == "forty two <b>"
    assert clean_text("") == ""


def test_pasted_text_is_unescaped_before_extraction():
    item = _ingest(kind="text", text=ESCAPED, title="Fire &amp; rebuilding")
    assert item.status == IngestItemStatus.DONE
    assert item.article.text == CLEAN
    assert item.article.title == "Fire & rebuilding"


def test_a_jsonl_line_is_unescaped_and_its_nul_bytes_dropped():
    line = json.dumps({"title": "Smith &amp; Sons\u0000", "text": ESCAPED.replace("14", "1\u00004")})
    item = _ingest(kind="file", upload_name="one.jsonl", upload_bytes=line.encode())
    assert item.status == IngestItemStatus.DONE
    assert item.article.title == "Smith & Sons"
    assert item.article.text == CLEAN


def test_pasted_html_is_left_to_the_page_reader():
    html = f"<html><body><article><p>{ESCAPED}</p><p>{ESCAPED}</p></article></body></html>"
    item = _ingest(kind="html", html=html)
    assert item.status == IngestItemStatus.DONE
    assert "&quot;" not in item.article.text and "&amp;" not in item.article.text
    assert Article.objects.count() == 1
