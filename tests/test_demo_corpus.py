"""The demo corpus: well-formed lines, the seed article untouched, and a load that tells the story."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from claims.management.commands.load_demo import DEMO

# The Al Jazeera article of 3 November 2023 that the demo started from is kept byte for byte:
# the sha256 of its whole JSON line, and of its text alone (so a failure says which changed).
SEED_TITLE = "Netanyahu resists pressure for ‘humanitarian pauses’ after Blinken meeting"
SEED_LINE_SHA256 = "d55ed2950ffe2a79d3ed8ed2a781748d8e8e1d74a54ef285378ed3b6be51b69d"
SEED_TEXT_SHA256 = "79863375cd0479ded1b1e9a4acdb1c59b34418b36e853db88b6f3fdb68c0b159"
DEMO_OUTLETS = {"Harbour Wire", "Northgate Herald", "Meridian Daily"}
DEMO_URL = "https://demo.newsclaims.example/"

# The Gaza Health Ministry's running toll as the articles report it, 3 November 2023 to 25 March 2024.
GAZA_TOLL = {9227, 10022, 10812, 11078, 24285, 32333}


def lines() -> list[str]:
    return [line for line in DEMO.read_text(encoding="utf-8").split("\n") if line]


def rows() -> list[dict]:
    return [json.loads(line) for line in lines()]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_every_line_is_one_dated_article_with_paragraphs():
    assert DEMO.read_text(encoding="utf-8").endswith("\n")
    found = rows()
    assert 11 <= len(found) <= 15
    for row in found:
        assert set(row) == {"url", "title", "published", "outlet", "text"}, row.get("title")
        assert row["title"].strip() and row["outlet"].strip()
        date.fromisoformat(row["published"])
        paragraphs = row["text"].split("\n\n")
        assert len(paragraphs) >= 5, row["title"]
        assert all(p.strip() == p and p and "\n" not in p for p in paragraphs), row["title"]
    assert len({row["title"] for row in found}) == len(found)


def test_the_seed_article_is_unchanged():
    seeds = [line for line in lines() if SEED_TITLE in line]
    assert len(seeds) == 1
    row = json.loads(seeds[0])
    assert (row["published"], row["outlet"]) == ("2023-11-03", "Al Jazeera")
    assert sha256(row["text"]) == SEED_TEXT_SHA256
    assert sha256(seeds[0] + "\n") == SEED_LINE_SHA256


def test_the_other_articles_come_from_demo_outlets_with_demo_urls():
    written = [row for row in rows() if row["title"] != SEED_TITLE]
    assert {row["outlet"] for row in written} == DEMO_OUTLETS
    assert all(row["url"].startswith(DEMO_URL) for row in written)
    assert len({row["url"] for row in written}) == len(written)
    for row in written:
        words = len(row["text"].split())
        assert 300 <= words <= 700, (row["title"], words)


@pytest.mark.django_db
def test_the_demo_loads_extracts_and_reports_the_gaza_toll_as_killed_claims(django_capture_on_commit_callbacks):
    from claims.models import Article, ExtractionStatus, NumericClaim, Quote

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # extraction is queued after commit
        call_command("load_demo", "--no-users", stdout=out)
    assert f"{len(rows())} articles loaded, 0 already there" in out.getvalue()
    assert Article.objects.count() == len(rows())
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {ExtractionStatus.DONE}

    killed = {int(v) for v in NumericClaim.objects.filter(category="killed").values_list("value", flat=True)}
    assert killed >= GAZA_TOLL, GAZA_TOLL - killed
    assert {1400, 1200} <= killed  # 7 October: first reported, then revised down
    hostages = set(NumericClaim.objects.filter(category="hostages").values_list("value", flat=True))
    assert {Decimal(240), Decimal(253)} <= hostages
    speakers = set(Quote.objects.exclude(speaker=None).values_list("speaker__name", flat=True))
    assert {"Antony Blinken", "Benjamin Netanyahu", "Lior Haiat"} <= speakers

    again = StringIO()
    call_command("load_demo", "--no-users", stdout=again)  # `make run` loads it on every start
    assert f"0 articles loaded, {len(rows())} already there" in again.getvalue()
    assert Article.objects.count() == len(rows())
