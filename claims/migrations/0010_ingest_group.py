"""The ingest role: API clients that may submit articles and read their own ingest jobs."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="ingest")


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_api_sync_indexes")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
