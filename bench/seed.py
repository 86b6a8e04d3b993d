"""Bulk-load a synthetic but realistic Newsclaims corpus for the benchmarks.

    from bench.seed import setup_django, seed
    setup_django()                      # DATABASE_URL, default: PostgreSQL database newsclaims_bench
    info = seed(claims=1_000_000)       # articles, actors, outlets, claims (and quotes) by COPY

Every claim's span is the real ``text[start:end]`` of its article, values and categories are
spread like a conflict news corpus (a few hundred figures: category x noun x place, twenty
sources, two years of as-of dates), and review states are mixed. Loading is reused when the
database already holds exactly the requested corpus (a marker row records it), so several
benchmarks can share one load. Run this file directly to load without benchmarking:

    python bench/seed.py --claims 1000000
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsclaims_bench"

CATEGORIES = [
    ("killed", 30, ["people", "Palestinians", "civilians", "children", "soldiers"]),
    ("injured", 15, ["people", "civilians", "children"]),
    ("hostages", 8, ["hostages", "captives"]),
    ("detained", 7, ["prisoners", "detainees", "people"]),
    ("missing", 5, ["people", "children"]),
    ("displaced", 12, ["people", "refugees", "residents"]),
    ("population", 5, ["residents", "inhabitants"]),
    ("aid", 8, ["trucks", "tonnes of food", "litres of fuel"]),
    ("other", 10, ["schools", "hospitals", "buildings", "dollars"]),
]
PLACES = ["Gaza", "the West Bank", "Israel", "Lebanon", "Sudan", "Darfur", "Khartoum", "Morocco", "Ukraine", ""]
QUALIFIERS = ["exact"] * 6 + ["more_than"] * 3 + ["approximately"] * 2 + ["at_least", "less_than", "at_most"]
STATUSES = ["unreviewed"] * 8 + ["verified", "corrected", "rejected"]
SOURCES = [
    ("Gaza Health Ministry", "organization"),
    ("Israel Defense Forces", "organization"),
    ("United Nations", "organization"),
    ("UNRWA", "organization"),
    ("World Health Organization", "organization"),
    ("Red Crescent", "organization"),
    ("Hamas", "organization"),
    ("Antony Blinken", "person"),
    ("Benjamin Netanyahu", "person"),
    ("Antonio Guterres", "person"),
    ("Volker Turk", "person"),
    ("Martin Griffiths", "person"),
    ("Sudanese Armed Forces", "organization"),
    ("Rapid Support Forces", "organization"),
    ("International Organization for Migration", "organization"),
    ("Moroccan Interior Ministry", "organization"),
    ("Human Rights Watch", "organization"),
    ("Amnesty International", "organization"),
    ("Palestinian Authority", "organization"),
    ("Israel", "place"),
]
OUTLETS = ["Al Jazeera", "BBC", "CNN", "AFP", "Reuters", "AP", "The Guardian", "NYT", "ITV", "Darfur24"]
SENTENCE = "{q}{n:,} {noun} were {verb} in {place}, according to {src}, officials said on {day}. "
VERBS = {
    "killed": "killed",
    "injured": "wounded",
    "hostages": "held",
    "detained": "detained",
    "missing": "reported missing",
    "displaced": "displaced",
    "population": "counted",
    "aid": "delivered",
    "other": "reported",
}
QUALIFIER_WORDS = {
    "exact": "",
    "more_than": "more than ",
    "approximately": "about ",
    "at_least": "at least ",
    "less_than": "fewer than ",
    "at_most": "up to ",
}
FILLER = (
    'Aid agencies warned that conditions were deteriorating. "We cannot reach the people who need us most," '
    "a spokesperson said in a statement released on Tuesday. "
)
CLAIMS_PER_ARTICLE = 20


def setup_django(database_url: str | None = None) -> None:
    """Configure Django on the benchmark database (created and migrated if needed)."""
    url = database_url or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsclaims.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if url.startswith("postgres"):
        _create_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _rows_to_copy(rows: list[tuple]) -> io.StringIO:
    buf = io.StringIO()
    for row in rows:
        out = []
        for v in row:
            if v is None:
                out.append("\\N")
            elif isinstance(v, bool):
                out.append("t" if v else "f")
            else:
                s = str(v)
                out.append(s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))
        buf.write("\t".join(out) + "\n")
    buf.seek(0)
    return buf


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    if not rows:
        return
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor
            cols = ", ".join(f'"{c}"' for c in columns)
            with raw.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                copy.write(_rows_to_copy(rows).getvalue())
    else:
        cols = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)  # noqa: S608


def _reset_sequences(*models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _wipe() -> None:
    from django.db import connection

    from claims import models as m

    tables = [
        m.FigureFlag.claims.through,
        m.FigureFlag,
        m.NumericClaim.history.model,
        m.Quote.history.model,
        m.ActorMention.history.model,
        m.Actor.history.model,
        m.Figure.history.model,
        m.NumericClaim,
        m.Quote,
        m.ActorMention,
        m.Figure,
        m.IngestItem,
        m.IngestJob,
        m.ArticleRevision,
        m.Article,
        m.ActorAlias,
        m.Actor,
        m.Feed,
        m.Outlet,
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(f'"{t._meta.db_table}"' for t in tables)
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for t in tables:
                cursor.execute(f'DELETE FROM "{t._meta.db_table}"')  # noqa: S608


def _marker(claims: int, quotes: int, articles: int) -> str:
    return f"bench-seed claims={claims} quotes={quotes} articles={articles} v2"


def seed(*, claims: int, quotes: int = 0, articles: int | None = None, rng_seed: int = 7, quiet: bool = False) -> dict:
    """Load the corpus (or reuse it when already loaded); returns counts and the load time."""
    from django.db import connection, transaction

    from claims import models as m
    from claims.extraction.text import sentence_of

    n_articles = articles or max(1, -(-claims // CLAIMS_PER_ARTICLE))
    marker = _marker(claims, quotes, n_articles)
    if m.Outlet.objects.filter(name=marker).exists():
        return {"claims": claims, "quotes": quotes, "articles": n_articles, "seconds": 0.0, "reused": True}

    t0 = time.perf_counter()
    rnd = random.Random(rng_seed)
    now = datetime.now(UTC)
    with transaction.atomic():
        _wipe()
        outlets = [(i + 1, name, f"{name.lower().replace(' ', '')}.example") for i, name in enumerate(OUTLETS)]
        _insert(m.Outlet, ["id", "name", "domain"], outlets)

        actor_rows, alias_rows = [], []
        for i, (name, kind) in enumerate(SOURCES, start=1):
            actor_rows.append((i, name, m.normalize_name(name), kind, "", None, 1, now, now))
            alias_rows.append((i, i, name.split()[-1], m.normalize_name(name.split()[-1])))
        _insert(
            m.Actor,
            [
                "id",
                "name",
                "normalized_name",
                "type",
                "description",
                "merged_into_id",
                "version",
                "created_at",
                "updated_at",
            ],
            actor_rows,
        )
        _insert(m.ActorAlias, ["id", "actor_id", "alias", "normalized"], alias_rows)

        weights = [w for _, w, _ in CATEGORIES]
        start_day = date(2023, 10, 7)
        claim_id = 0
        quote_id = 0
        per_article = -(-claims // n_articles)
        quotes_per_article = -(-quotes // n_articles) if quotes else 0
        batch_articles: list[tuple] = []
        batch_claims: list[tuple] = []
        batch_quotes: list[tuple] = []

        def flush() -> None:
            _insert(m.Article, ARTICLE_COLUMNS, batch_articles)
            _insert(m.NumericClaim, CLAIM_COLUMNS, [(*row, "") for row in batch_claims])
            _insert(m.Quote, QUOTE_COLUMNS, [(*row, "") for row in batch_quotes])
            batch_articles.clear()
            batch_claims.clear()
            batch_quotes.clear()

        for a in range(1, n_articles + 1):
            day = start_day + timedelta(days=rnd.randrange(730))
            published = datetime(day.year, day.month, day.day, rnd.randrange(24), tzinfo=UTC)
            parts: list[str] = [f"Story {a}. "]
            offset = len(parts[0])
            pending_claims = []
            n_here = min(per_article, claims - claim_id)
            for _ in range(n_here):
                cat, _, nouns = rnd.choices(CATEGORIES, weights)[0]
                noun = rnd.choice(nouns)
                place = rnd.choice(PLACES)
                qualifier = rnd.choice(QUALIFIERS)
                value = rnd.randrange(1, 40000)
                src_idx = rnd.randrange(len(SOURCES) + 6)
                source_id = src_idx + 1 if src_idx < len(SOURCES) else None
                src_name = SOURCES[src_idx][0] if source_id else "the outlet"
                sentence = SENTENCE.format(
                    q=QUALIFIER_WORDS[qualifier],
                    n=value,
                    noun=noun,
                    verb=VERBS[cat],
                    place=place or "the region",
                    src=src_name,
                    day=day.strftime("%A"),
                )
                span = f"{QUALIFIER_WORDS[qualifier]}{value:,} {noun}"
                start = offset
                end = start + len(span)
                claim_id += 1
                value_max = Decimal(value + rnd.randrange(1, 500)) if rnd.random() < 0.05 else None
                pending_claims.append(
                    (
                        claim_id,
                        a,
                        Decimal(value),
                        value_max,
                        qualifier,
                        cat,
                        noun,
                        place,
                        source_id,
                        src_name if source_id else "",
                        span,
                        start,
                        end,
                        day,
                        round(rnd.random(), 3),
                        "machine",
                        rnd.choice(STATUSES),
                        "bench",
                        now,
                        now,
                        1,
                        False,
                    )
                )
                parts.append(sentence)
                offset += len(sentence)
                if rnd.random() < 0.3:
                    parts.append(FILLER)
                    offset += len(FILLER)
            for _ in range(min(quotes_per_article, quotes - quote_id)):
                qtext = "We cannot reach the people who need us most,"
                qstart = offset + len('Aid agencies warned that conditions were deteriorating. "')
                parts.append(FILLER)
                offset += len(FILLER)
                quote_id += 1
                speaker = rnd.randrange(len(SOURCES)) + 1
                batch_quotes.append(
                    (
                        quote_id,
                        a,
                        qtext,
                        qstart,
                        qstart + len(qtext),
                        speaker,
                        SOURCES[speaker - 1][0],
                        "said",
                        round(rnd.random(), 3),
                        "machine",
                        rnd.choice(STATUSES),
                        "bench",
                        now,
                        now,
                        1,
                    )
                )
            text = "".join(parts)
            pending_claims = [(*row, sentence_of(text, row[11], row[12])) for row in pending_claims]
            outlet = rnd.randrange(len(OUTLETS)) + 1
            batch_articles.append(
                (
                    a,
                    f"https://{outlets[outlet - 1][2]}/news/{a}",
                    f"https://{outlets[outlet - 1][2]}/news/{a}",
                    outlet,
                    f"Story {a}: {pending_claims[0][6] if pending_claims else 'update'}",
                    "",
                    published,
                    "en",
                    text,
                    "",
                    f"{a:064x}",
                    now,
                    now,
                    "done",
                    "",
                    "bench",
                    now,
                )
            )
            batch_claims.extend(pending_claims)
            if len(batch_claims) >= 50_000 or len(batch_articles) >= 5_000:
                flush()
                if not quiet:
                    print(f"  seeded {claim_id:,} / {claims:,} claims", file=sys.stderr)
        flush()
        _reset_sequences(m.Outlet, m.Actor, m.ActorAlias, m.Article, m.NumericClaim, m.Quote)
        m.Outlet.objects.create(name=marker, domain=None)
    if connection.vendor == "postgresql":
        # VACUUM too, as autovacuum would in production (it may be off on a bench server): the
        # visibility map it writes is what lets index-only scans skip the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    return {
        "claims": claim_id,
        "quotes": quote_id,
        "articles": n_articles,
        "seconds": time.perf_counter() - t0,
        "reused": False,
    }


ARTICLE_COLUMNS = [
    "id",
    "url",
    "canonical_url",
    "outlet_id",
    "title",
    "byline",
    "published_at",
    "language",
    "text",
    "html",
    "content_hash",
    "ingested_at",
    "updated_at",
    "extraction_status",
    "extraction_error",
    "engine_version",
    "extracted_at",
]
CLAIM_COLUMNS = [
    "id",
    "article_id",
    "value",
    "value_max",
    "qualifier",
    "category",
    "noun",
    "place",
    "source_id",
    "source_surface",
    "span",
    "start",
    "end",
    "as_of",
    "confidence",
    "origin",
    "status",
    "engine_version",
    "created_at",
    "updated_at",
    "version",
    "figure_locked",
    "sentence",
    "note",
]
QUOTE_COLUMNS = [
    "id",
    "article_id",
    "text",
    "start",
    "end",
    "speaker_id",
    "speaker_surface",
    "verb",
    "confidence",
    "origin",
    "status",
    "engine_version",
    "created_at",
    "updated_at",
    "version",
    "note",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=0)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    setup_django(args.database_url)
    info = seed(claims=args.claims, quotes=args.quotes)
    took = "reused" if info["reused"] else f"loaded in {info['seconds']:.1f} s"
    print(f"{info['claims']:,} claims, {info['quotes']:,} quotes in {info['articles']:,} articles: {took}")


if __name__ == "__main__":
    main()
