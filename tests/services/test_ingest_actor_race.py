"""One live actor per name and type: a unique key, a get-or-create that survives the race, and
a data migration that merges the duplicates made before the key existed."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from claims.models import Actor, ActorType, Quote
from claims.services.review import actor_update
from tests.factories import ActorFactory, QuoteFactory

ROOT = Path(__file__).resolve().parents[2]

_RACER = """
import sys, time
import django
django.setup()
from django.db import transaction
from claims import extraction as engine
from claims.services.extraction import _actors_for
names = [("Thandiwe Mokoena", "person"), ("Harbour Pilots Guild", "organization"), ("Wiremu Tane", "person")]
found = tuple(engine.Actor(name=n, type=t, aliases=(), descriptor="") for n, t in names)
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
with transaction.atomic():
    actors = _actors_for(found)
    time.sleep(1.0)  # hold the transaction: the other process's insert waits on the key
print(",".join(str(a.pk) for a in actors))
"""


@pytest.mark.django_db(transaction=True)
def test_two_processes_naming_the_same_new_people_get_one_actor_each(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL (SQLite serialises every writer)")
    from tests.conftest import _database_url_for_tests

    env = {**os.environ, "DATABASE_URL": _database_url_for_tests(), "DJANGO_SETTINGS_MODULE": "newsclaims.settings"}
    start = str(time.time() + 3)
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, start], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [racer.communicate(timeout=120) for racer in racers]
    for racer, (_out, err) in zip(racers, outputs, strict=True):
        assert racer.returncode == 0, err.decode()[-2000:]
    first, second = (out.decode().strip().splitlines()[-1] for out, _ in outputs)
    assert first == second  # both processes use the same three rows
    assert Actor.objects.filter(normalized_name="thandiwe mokoena", type=ActorType.PERSON).count() == 1
    assert Actor.objects.count() == 3


@pytest.mark.django_db
def test_the_database_refuses_a_second_live_actor_with_the_same_key():
    ActorFactory(name="Amira Haddad")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory.create(name="AMIRA  HADDAD")
    merged_twin = Actor(name="Amira Haddad", type=ActorType.PERSON, merged_into=Actor.objects.get())
    merged_twin.save()  # a merged actor keeps its row and its name


@pytest.mark.django_db
def test_renaming_an_actor_to_a_name_another_actor_has_asks_for_a_merge():
    ActorFactory(name="Obiageli Nwosu")
    other = ActorFactory(name="O. Nwosu")
    with pytest.raises(ValidationError) as caught:
        actor_update(actor=other, user=None, version=None, name="Obiageli Nwosu")
    assert "merge" in str(caught.value)


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_merges_duplicates_into_the_oldest_and_keeps_their_quotes():
    call_command("migrate", "claims", "0014", verbosity=0)  # the key is not there yet
    try:
        oldest = ActorFactory(name="Moira Kelly", description="")
        twin = ActorFactory(name="moira kelly", description="union leader")
        quote = QuoteFactory(speaker=twin)
        twin.aliases.create(alias="M. Kelly")
        module = importlib.import_module("claims.migrations.0014_actor_dedupe")
        from django.apps import apps

        module.merge_duplicates(apps, None)
    finally:
        call_command("migrate", "claims", verbosity=0)
    twin.refresh_from_db()
    oldest.refresh_from_db()
    assert twin.merged_into_id == oldest.pk
    assert Quote.objects.get(pk=quote.pk).speaker_id == oldest.pk
    assert oldest.description == "union leader"
    assert list(oldest.aliases.values_list("alias", flat=True)) == ["M. Kelly"]
