"""Merge actors that share a normalized name and type (made by concurrent ingests) before the
unique key on them is added (0015): the oldest stays, the others point at it, as actors_merge does."""

from django.db import migrations
from django.db.models import Count
from django.utils import timezone


def merge_duplicates(apps, schema_editor):
    Actor = apps.get_model("claims", "Actor")
    ActorAlias = apps.get_model("claims", "ActorAlias")
    ActorMention = apps.get_model("claims", "ActorMention")
    Quote = apps.get_model("claims", "Quote")
    NumericClaim = apps.get_model("claims", "NumericClaim")
    live = Actor.objects.filter(merged_into__isnull=True)
    groups = live.values("normalized_name", "type").annotate(n=Count("id")).filter(n__gt=1)
    now = timezone.now()
    for group in groups:
        ids = list(
            live.filter(normalized_name=group["normalized_name"], type=group["type"])
            .order_by("id")
            .values_list("id", flat=True)
        )
        target, others = ids[0], ids[1:]
        ActorMention.objects.filter(actor_id__in=others).update(actor_id=target, updated_at=now)
        Quote.objects.filter(speaker_id__in=others).update(speaker_id=target, updated_at=now)
        NumericClaim.objects.filter(source_id__in=others).update(source_id=target, updated_at=now)
        known = set(ActorAlias.objects.filter(actor_id=target).values_list("normalized", flat=True))
        known.add(group["normalized_name"])
        for alias in ActorAlias.objects.filter(actor_id__in=others).order_by("id"):
            if alias.normalized in known:
                alias.delete()
            else:
                known.add(alias.normalized)
                alias.actor_id = target
                alias.save(update_fields=["actor"])
        Actor.objects.filter(merged_into_id__in=others).update(merged_into_id=target)
        Actor.objects.filter(pk__in=others).update(merged_into_id=target, updated_at=now)
        target_row = Actor.objects.get(pk=target)
        if not target_row.description:
            described = Actor.objects.filter(pk__in=others).exclude(description="").order_by("id").first()
            if described is not None:
                target_row.description = described.description
                target_row.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0015_ingest_outbox")]

    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]
