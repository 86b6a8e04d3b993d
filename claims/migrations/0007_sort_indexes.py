"""Indexes for the claims browser's sort orders, so a deep page by value or confidence is an index
range scan ``(value, id) < (v, pk)`` instead of sorting the whole table.

Created with ``IF NOT EXISTS`` on every database (not declared on the models, like 0005's).
"""

from django.db import migrations

INDEXES = [
    ("claim_value_id_idx", "claims_numericclaim", "value, id"),
    ("claim_confidence_id_idx", "claims_numericclaim", "confidence, id"),
    ("quote_confidence_id_idx", "claims_quote", "confidence, id"),
]


def forwards(apps, schema_editor):
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def backwards(apps, schema_editor):
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_figure_chart_summary"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
