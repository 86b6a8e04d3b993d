"""The actor directory, the picker endpoints, merge with preview and undo, and actor history."""

import pytest
from django.test import Client

from claims.models import Actor, ActorMerge
from tests.factories import ActorFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(journalist):
    client = Client()
    client.force_login(journalist)
    return client


def test_the_directory_lists_actors_with_their_counts(journalist_client, corpus):
    html = journalist_client.get("/actors/").content.decode()
    assert "Ashraf al-Qudra" in html and "United Nations" in html
    assert f'href="/quotes/?speaker={corpus["qudra"].pk}">3<' in html
    assert "Possible duplicates" not in html  # journalists do not merge


def test_the_directory_searches_names_and_aliases_and_filters_by_type(journalist_client, corpus):
    from claims.services.actors import actor_add_aliases

    actor_add_aliases(actor=corpus["un"], aliases=["UN"])
    html = journalist_client.get("/actors/", {"q": "un"}).content.decode()
    assert "United Nations" in html
    html = journalist_client.get("/actors/", {"q": "qudra", "type": "organization"}).content.decode()
    assert "Ashraf al-Qudra" not in html


def test_the_directory_sorts_by_quotes(journalist_client, corpus):
    ActorFactory(name="Aaron Abbot")
    html = journalist_client.get("/actors/", {"sort": "quotes"}).content.decode()
    assert html.index("Ashraf al-Qudra") < html.index("Aaron Abbot")
    html = journalist_client.get("/actors/").content.decode()
    assert html.index("Aaron Abbot") < html.index("Ashraf al-Qudra")


def test_editors_see_duplicate_suggestions(editor_client, corpus):
    ActorFactory(name="Qudra")  # al-Qudra normalizes to "al qudra": the surname is "qudra"
    html = editor_client.get("/actors/").content.decode()
    assert "Possible duplicates" in html and "same surname" in html


def test_the_picker_search_needs_an_editor_and_finds_every_actor(reader, editor_client, corpus):
    assert reader.get("/actors/search/", {"q": "qudra"}).status_code == 403
    html = editor_client.get("/actors/search/", {"source_query": "qudra", "field": "source"}).content.decode()
    assert f'data-pick="{corpus["qudra"].pk}"' in html
    html = editor_client.get("/actors/search/", {"q": "Nadia <b>Kamal</b>"}).content.decode()
    assert "Create “Nadia &lt;b&gt;Kamal&lt;/b&gt;”" in html


def test_an_editor_creates_an_actor_from_the_picker(reader, editor_client):
    assert reader.post("/actors/new/", {"name": "Nadia Kamal", "type": "person"}).status_code == 403
    response = editor_client.post("/actors/new/", {"name": "Nadia Kamal", "type": "person"})
    actor = Actor.objects.get(name="Nadia Kamal")
    assert response.status_code == 201 and f'data-pick="{actor.pk}"' in response.content.decode()


def test_a_quote_can_be_given_a_speaker_the_article_never_mentions(editor_client, corpus):
    quote = corpus["articles"][0].quotes.first()
    stranger = ActorFactory(name="Someone Elsewhere")
    data = {"speaker": stranger.pk, "speaker_surface": "", "verb": "said", "start": quote.start, "end": quote.end}
    response = editor_client.post(f"/items/quote/{quote.pk}/edit/", {**data, "version": quote.version})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == stranger


def test_merging_previews_what_moves_then_merges_and_undoes(editor_client, corpus):
    qudra = corpus["qudra"]
    duplicate = ActorFactory(name="Dr Qudra")
    QuoteFactory(speaker=duplicate)
    html = editor_client.get(f"/actors/{qudra.pk}/merge/", {"q": "dr qudra"}).content.decode()
    assert f"?source={duplicate.pk}" in html
    html = editor_client.get(f"/actors/{qudra.pk}/merge/", {"source": duplicate.pk}).content.decode()
    assert "<strong>1</strong> quote" in html and 'name="source"' in html
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None  # a preview changes nothing

    assert editor_client.post(f"/actors/{qudra.pk}/merge/", {"source": duplicate.pk}).status_code == 302
    merge = ActorMerge.objects.get()
    html = editor_client.get(f"/actors/{qudra.pk}/").content.decode()
    assert f'action="/actors/merges/{merge.pk}/undo/"' in html

    assert editor_client.post(f"/actors/merges/{merge.pk}/undo/").status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.quotes.count() == 1


def test_a_journalist_cannot_merge_or_undo(journalist_client, corpus):
    duplicate = ActorFactory(name="Dr Qudra")
    url = f"/actors/{corpus['qudra'].pk}/merge/"
    assert journalist_client.get(url, {"source": duplicate.pk}).status_code == 403
    assert journalist_client.post(url, {"source": duplicate.pk}).status_code == 403


def test_actor_history_names_the_actor_merged_into(journalist_client, corpus, editor):
    from claims.services.actors import actors_merge

    duplicate = ActorFactory(name="Dr Qudra")
    actors_merge(source=duplicate, target=corpus["qudra"], user=editor)
    response = journalist_client.get(f"/actors/{duplicate.pk}/history/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Merged into" in html and "Ashraf al-Qudra" in html and f"#{corpus['qudra'].pk}" not in html
    assert "Undo this merge" not in html  # journalists read only
