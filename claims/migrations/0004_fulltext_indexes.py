"""GIN indexes for full-text search over article and quote text (PostgreSQL only).

The expressions match claims.search.FullTextMatch exactly, so the planner can use them.
SQLite has no such index; search there falls back to substring matching.
"""

from django.db import migrations

INDEXES = [
    ("article_text_fts_idx", "claims_article"),
    ("quote_text_fts_idx", "claims_quote"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (to_tsvector('english'::regconfig, text))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_figure_merge_and_summary"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
