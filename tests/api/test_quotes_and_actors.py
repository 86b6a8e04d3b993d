"""Quotes and actors: reading with provenance and aliases, nested lists, corrections, renames, merges."""

from __future__ import annotations

import pytest

from claims import models as m
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.json()["results"]]


def test_it_gives_each_quote_with_its_speaker_and_provenance(editor_api):
    quote = QuoteFactory(engine_version="engine-7")
    body = editor_api.get(f"/api/v1/quotes/{quote.pk}/").json()
    assert body["text"] == body["span"] == quote.article.text[body["start"] : body["end"]]
    assert (body["speaker"], body["speaker_name"]) == (quote.speaker_id, quote.speaker.name)
    assert (body["article"], body["article_url"]) == (quote.article_id, quote.article.url)
    assert (body["origin"], body["status"], body["engine_version"]) == ("machine", "unreviewed", "engine-7")


def test_it_filters_quotes_by_speaker_and_words(editor_api):
    lopez = ActorFactory(name="Maria Lopez")
    said = QuoteFactory(speaker=lopez)
    QuoteFactory()
    assert ids(editor_api.get(f"/api/v1/quotes/?speaker={lopez.pk}")) == [said.pk]
    assert sorted(ids(editor_api.get("/api/v1/quotes/?q=overwhelmed"))) == sorted(
        m.Quote.objects.values_list("pk", flat=True)
    )
    assert ids(editor_api.get("/api/v1/quotes/?q=underwhelmed")) == []


def test_it_lists_the_quotes_of_an_actor_including_merged_ones(editor_api):
    lopez = ActorFactory(name="Maria Lopez")
    old = ActorFactory(name="M. Lopez", merged_into=lopez)
    quotes = [QuoteFactory(speaker=lopez), QuoteFactory(speaker=old)]
    QuoteFactory()
    assert sorted(ids(editor_api.get(f"/api/v1/actors/{lopez.pk}/quotes/"))) == sorted(q.pk for q in quotes)


def test_it_lists_the_claims_sourced_to_an_actor(editor_api):
    ministry = ActorFactory(name="Health Ministry")
    claim = NumericClaimFactory(source=ministry)
    NumericClaimFactory()
    assert ids(editor_api.get(f"/api/v1/actors/{ministry.pk}/claims/")) == [claim.pk]


def test_it_lists_the_claims_and_quotes_of_an_article(editor_api):
    article = ArticleFactory()
    claim, quote = NumericClaimFactory(article=article), QuoteFactory(article=article)
    NumericClaimFactory(), QuoteFactory()
    assert ids(editor_api.get(f"/api/v1/articles/{article.pk}/claims/")) == [claim.pk]
    assert ids(editor_api.get(f"/api/v1/articles/{article.pk}/quotes/")) == [quote.pk]


def test_it_answers_404_for_the_items_of_a_missing_parent(editor_api):
    assert editor_api.get("/api/v1/articles/424242/claims/").status_code == 404
    assert editor_api.get("/api/v1/actors/424242/quotes/").status_code == 404


def test_it_corrects_who_said_a_quote_and_refuses_a_stale_version(editor_api):
    quote = QuoteFactory()
    other = ActorFactory(name="Someone Else")
    ok = editor_api.patch(f"/api/v1/quotes/{quote.pk}/", {"version": 1, "speaker": other.pk}, format="json")
    assert ok.status_code == 200
    assert (ok.json()["speaker_name"], ok.json()["status"], ok.json()["version"]) == ("Someone Else", "corrected", 2)
    stale = editor_api.patch(f"/api/v1/quotes/{quote.pk}/", {"version": 1, "verb": "told"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["speaker"] == other.pk


def test_it_adds_a_quote_the_machine_missed(editor_api):
    article = ArticleFactory()
    start = article.text.index("We are")
    response = editor_api.post(
        "/api/v1/quotes/", {"article": article.pk, "start": start, "end": start + 18, "verb": "said"}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["text"], response.json()["origin"]) == ("We are overwhelmed", "editor")


# --- actors ------------------------------------------------------------------------------


def test_it_gives_actors_with_their_aliases(editor_api):
    actor = ActorFactory(name="Maria Lopez")
    m.ActorAlias.objects.create(actor=actor, alias="Lopez")
    body = editor_api.get(f"/api/v1/actors/{actor.pk}/").json()
    assert (body["name"], body["aliases"], body["version"]) == ("Maria Lopez", ["Lopez"], 1)


def test_it_finds_actors_by_name_or_alias(editor_api):
    actor = ActorFactory(name="World Health Organization", type="organization")
    m.ActorAlias.objects.create(actor=actor, alias="WHO")
    ActorFactory(name="Maria Lopez")
    assert ids(editor_api.get("/api/v1/actors/?q=who")) == [actor.pk]
    assert ids(editor_api.get("/api/v1/actors/?q=health")) == [actor.pk]
    assert ids(editor_api.get("/api/v1/actors/?type=organization")) == [actor.pk]


def test_it_renames_an_actor_keeping_the_old_name_as_an_alias(editor_api):
    actor = ActorFactory(name="M. Lopez")
    response = editor_api.patch(f"/api/v1/actors/{actor.pk}/", {"version": 1, "name": "Maria Lopez"}, format="json")
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["aliases"]) == ("Maria Lopez", ["M. Lopez"])
    assert response.json()["version"] == 2


def test_it_replaces_the_alias_list_of_an_actor(editor_api):
    actor = ActorFactory(name="Maria Lopez")
    m.ActorAlias.objects.create(actor=actor, alias="Lopez")
    response = editor_api.patch(
        f"/api/v1/actors/{actor.pk}/", {"version": 1, "aliases": ["M. Lopez", "Ms Lopez"]}, format="json"
    )
    assert response.status_code == 200
    assert sorted(response.json()["aliases"]) == ["M. Lopez", "Ms Lopez"]


def test_it_refuses_a_stale_actor_edit_with_409(editor_api):
    actor = ActorFactory(name="Maria Lopez")
    assert (
        editor_api.patch(f"/api/v1/actors/{actor.pk}/", {"version": 1, "name": "Lopez"}, format="json").status_code
        == 200
    )
    stale = editor_api.patch(f"/api/v1/actors/{actor.pk}/", {"version": 1, "description": "x"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["name"] == "Lopez"


def test_it_merges_an_actor_into_another_moving_its_quotes(editor_api):
    keep, dup = ActorFactory(name="Maria Lopez"), ActorFactory(name="M. Lopez")
    quote = QuoteFactory(speaker=dup)
    response = editor_api.post(f"/api/v1/actors/{dup.pk}/merge/", {"into": keep.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == keep.pk
    assert "M. Lopez" in response.json()["aliases"]
    quote.refresh_from_db()
    dup.refresh_from_db()
    assert (quote.speaker_id, dup.merged_into_id) == (keep.pk, keep.pk)


def test_it_refuses_to_merge_an_actor_into_itself(editor_api):
    actor = ActorFactory()
    response = editor_api.post(f"/api/v1/actors/{actor.pk}/merge/", {"into": actor.pk}, format="json")
    assert response.status_code == 400
    assert "into" in response.json()["errors"]
