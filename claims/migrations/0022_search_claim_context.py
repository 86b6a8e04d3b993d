"""Claim search reads each claim's stored sentence, not the article's text (issue 13).

Until now a claim search cut, for every claim, a window of the article's text around it
(``Substr(article.text, ...)``): PostgreSQL read every candidate article's text out of TOAST,
about 1 s cold per search page at 20,000 claims. Each claim now keeps its own sentence
(``NumericClaim.sentence``, at most 400 characters around the span: claims.extraction.text
``sentence_of``), written by the extraction service and by an editor's span change, and filled
here for the rows that exist, a batch of articles at a time.

On PostgreSQL the searched columns get trigram GIN indexes (pg_trgm), so that each term's
``UPPER(column) LIKE '%TERM%'`` (Django's icontains) is an index lookup: the claim's sentence, noun, place and source as
written, the quote's text and speaker as written, and the actor's name (source and speaker
names). SQLite gets the column and the backfill, no index.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from claims.extraction.text import sentence_of

BATCH = 500  # articles per batch

TRIGRAM_INDEXES = [
    ("claim_sentence_trgm_idx", "claims_numericclaim", "sentence"),
    ("claim_noun_trgm_idx", "claims_numericclaim", "noun"),
    ("claim_place_trgm_idx", "claims_numericclaim", "place"),
    ("claim_source_surface_trgm_idx", "claims_numericclaim", "source_surface"),
    ("quote_text_trgm_idx", "claims_quote", "text"),
    ("quote_speaker_surface_trgm_idx", "claims_quote", "speaker_surface"),
    ("actor_name_trgm_idx", "claims_actor", "name"),
]


class PostgresTrigramExtension(TrigramExtension):
    """pg_trgm on PostgreSQL; nothing on SQLite, either way (Django's reverse asks pg_extension)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_sentences(apps, schema_editor):
    Article = apps.get_model("claims", "Article")
    NumericClaim = apps.get_model("claims", "NumericClaim")
    last = 0
    while True:
        texts = dict(Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "text")[:BATCH])
        if not texts:
            return
        last = max(texts)
        claims = list(NumericClaim.objects.filter(article_id__in=list(texts)).only("pk", "article_id", "start", "end"))
        for claim in claims:
            text = texts[claim.article_id]
            start, end = max(0, min(claim.start, len(text))), max(0, min(claim.end, len(text)))
            claim.sentence = sentence_of(text, start, max(start, end))
        NumericClaim.objects.bulk_update(claims, ["sentence"], batch_size=1000)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        # Django's icontains is UPPER(column::text) LIKE UPPER('%term%'): the index holds that expression.
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0021_follow_statements_subscriptions"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalnumericclaim",
            name="sentence",
            field=models.TextField(blank=True, help_text="The sentence the claim was read from."),
        ),
        migrations.AddField(
            model_name="numericclaim",
            name="sentence",
            field=models.TextField(blank=True, help_text="The sentence the claim was read from."),
        ),
        migrations.RunPython(fill_sentences, migrations.RunPython.noop, elidable=False),
        PostgresTrigramExtension(),
        migrations.RunPython(add_indexes, drop_indexes, elidable=False),
    ]
