"""PostgreSQL only: an index on claims (category, qualifier, status) for the browser's facet counts.

The browser counts the category, qualifier and review-status facets in one query, grouped by all
three columns (claims.browse._small_facet_counts); this index makes that an index-only scan read
in order (no hashing of every row). SQLite scans the table, as it does for the other facets.
"""

from django.db import migrations

INDEXES = [
    ("claim_facet_combo_idx", "claims_numericclaim", "category, qualifier, status"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0010_ingest_group"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
