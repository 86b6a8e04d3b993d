"""Existing claims get the part of their frame their stored fields already tell: the place's gazetteer key and
the country or territory that holds it. The rest of the frame (unit, population, event, period, modality,
part-of) needs the engine: `python manage.py claims_reframe` re-extracts every article (editor work kept)."""

from django.db import migrations

BATCH = 2000


def forwards(apps, schema_editor):
    from claims.lib.figure_keys import place_of  # pure: a gazetteer lookup, no model

    NumericClaim = apps.get_model("claims", "NumericClaim")
    pending = NumericClaim.objects.filter(country_key="").exclude(place="").order_by("pk")
    last = 0
    while True:
        rows = list(pending.filter(pk__gt=last).only("pk", "place")[:BATCH])
        if not rows:
            return
        for row in rows:
            row.place_key, row.country_key = (k[:100] for k in place_of(row.place))
        NumericClaim.objects.bulk_update(rows, ["place_key", "country_key"])
        last = rows[-1].pk


class Migration(migrations.Migration):
    dependencies = [("claims", "0018_figs_claim_frame")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
