"""PostgreSQL only: stored search vectors, and narrow indexes that let facet counts skip the table.

* ``search_vector`` on articles and quotes is a generated column, ``to_tsvector('english', text)``,
  with a GIN index. A common word matches most articles; with only an expression index the
  planner then scans the table and computes ``to_tsvector`` of every article again (seconds at
  100k claims); with the stored vector it reads it. Django does not know the column (it is not
  a model field): it is written by PostgreSQL and read only by claims.search.FullTextMatch.
* (category|qualifier|source|article, status) on claims and (speaker|article, status) on quotes:
  the browser's facet counts (GROUP BY one column, rejected rows left out) become index-only scans.

SQLite gets none of this: search there is a substring match, and facets scan the table.
"""

from django.db import migrations

VECTORS = ["claims_article", "claims_quote"]
INDEXES = [
    ("claim_facet_category_idx", "claims_numericclaim", "category, status"),
    ("claim_facet_qualifier_idx", "claims_numericclaim", "qualifier, status"),
    ("claim_facet_source_idx", "claims_numericclaim", "source_id, status"),
    ("claim_facet_article_idx", "claims_numericclaim", "article_id, status"),
    ("quote_facet_speaker_idx", "claims_quote", "speaker_id, status"),
    ("quote_facet_article_idx", "claims_quote", "article_id, status"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_vector_idx ON {table} USING gin (search_vector)"
        )
    # The expression indexes of 0004 are superseded by the stored vectors.
    schema_editor.execute("DROP INDEX IF EXISTS article_text_fts_idx")
    schema_editor.execute("DROP INDEX IF EXISTS quote_text_fts_idx")
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for table in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS article_text_fts_idx ON claims_article "
        "USING gin (to_tsvector('english'::regconfig, text))"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS quote_text_fts_idx ON claims_quote USING gin (to_tsvector('english'::regconfig, text))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_fulltext_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
