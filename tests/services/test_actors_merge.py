"""Merging two actors keeps every quote, claim, mention and alias."""

import pytest

from claims.models import Actor, ActorAlias, ActorMention, Quote
from claims.services.actors import actor_add_aliases, actors_merge, actors_resolve
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_it_moves_every_link_to_the_target():
    target = ActorFactory(name="Antony Blinken")
    source = ActorFactory(name="Blinken", description="US Secretary of State")
    article = ArticleFactory()
    quote = QuoteFactory(article=article, speaker=source)
    claim = NumericClaimFactory(article=article, source=source)
    mention = ActorMention.objects.create(article=article, actor=source, start=0, end=3, surface="The")
    actor_add_aliases(actor=source, aliases=["the top US diplomat"])

    actors_merge(source=source, target=target)

    quote.refresh_from_db()
    claim.refresh_from_db()
    mention.refresh_from_db()
    source.refresh_from_db()
    target.refresh_from_db()
    assert quote.speaker == target and claim.source == target and mention.actor == target
    assert set(target.aliases.values_list("alias", flat=True)) == {"Blinken", "the top US diplomat"}
    assert source.merged_into == target
    assert target.description == "US Secretary of State"
    assert quote.version == 2 and claim.version == 2


def test_it_resolves_a_merged_name_to_the_surviving_actor():
    target = ActorFactory(name="Antony Blinken")
    source = ActorFactory(name="Tony Blinken")
    actors_merge(source=source, target=target)
    found = actors_resolve(names=[("Tony Blinken", "person")])
    assert found[("Tony Blinken", "person")] == target


def test_it_refuses_to_merge_an_actor_into_itself():
    actor = ActorFactory()
    with pytest.raises(ValueError, match="itself"):
        actors_merge(source=actor, target=actor)


def test_it_refuses_to_merge_an_already_merged_actor():
    a, b, c = ActorFactory(), ActorFactory(), ActorFactory()
    actors_merge(source=a, target=b)
    with pytest.raises(ValueError, match="already merged"):
        actors_merge(source=Actor.objects.get(pk=a.pk), target=c)


def test_it_matches_an_unambiguous_alias_across_articles():
    actor = ActorFactory(name="United Nations", type="organization")
    actor_add_aliases(actor=actor, aliases=["UN"])
    assert actors_resolve(names=[("UN", "organization")]) == {("UN", "organization"): actor}


def test_it_does_not_guess_between_two_actors_sharing_an_alias():
    for name in ("John Smith", "Jane Smith"):
        actor_add_aliases(actor=ActorFactory(name=name), aliases=["Smith"])
    assert actors_resolve(names=[("Smith", "person")]) == {}
    assert ActorAlias.objects.filter(normalized="smith").count() == 2


def test_it_marks_moved_items_as_updated_so_incremental_sync_sees_them():
    target, source = ActorFactory(), ActorFactory()
    claim = NumericClaimFactory(source=source)
    before = claim.updated_at
    actors_merge(source=source, target=target)
    claim.refresh_from_db()
    assert claim.updated_at > before


def test_undoing_a_merge_puts_back_what_it_moved(editor):
    from claims.services.actors import actors_unmerge

    target = ActorFactory(name="Antony Blinken")
    source = ActorFactory(name="Blinken", description="US Secretary of State")
    article = ArticleFactory()
    quote = QuoteFactory(article=article, speaker=source)
    claim = NumericClaimFactory(article=article, source=source)
    kept = QuoteFactory(article=article, speaker=target)
    mention = ActorMention.objects.create(article=article, actor=source, start=0, end=3, surface="The")
    actor_add_aliases(actor=source, aliases=["the top US diplomat"])
    earlier = ActorFactory(name="A. Blinken", merged_into=source)

    merge = actors_merge(source=source, target=target, user=editor)
    assert merge.counts() == {"mentions": 1, "quotes": 1, "claims": 1, "aliases": 1}
    restored = actors_unmerge(merge=merge, user=editor)

    for row in (quote, claim, kept, mention, earlier, target):
        row.refresh_from_db()
    assert restored.merged_into is None
    assert quote.speaker == source and claim.source == source and mention.actor == source
    assert kept.speaker == target  # it was the target's before the merge
    assert earlier.merged_into == source
    assert list(source.aliases.values_list("alias", flat=True)) == ["the top US diplomat"]
    assert not target.aliases.exists() and target.description == ""
    merge.refresh_from_db()
    assert merge.undone_by == editor and merge.undone_at is not None
    with pytest.raises(ValueError, match="already undone"):
        actors_unmerge(merge=merge, user=editor)


def test_an_undo_leaves_an_item_an_editor_moved_since_the_merge():
    from claims.services.actors import actors_unmerge

    target, source, other = ActorFactory(name="Lina Haddad"), ActorFactory(name="Haddad"), ActorFactory(name="X")
    quote = QuoteFactory(speaker=source)
    merge = actors_merge(source=source, target=target)
    Quote.objects.filter(pk=quote.pk).update(speaker=other)
    actors_unmerge(merge=merge)
    quote.refresh_from_db()
    assert quote.speaker == other


def test_it_refuses_to_merge_into_an_actor_that_was_merged_away():
    a, b, c = ActorFactory(name="A a"), ActorFactory(name="B b"), ActorFactory(name="C c")
    actors_merge(source=b, target=c)
    with pytest.raises(ValueError, match="itself merged"):
        actors_merge(source=a, target=Actor.objects.get(pk=b.pk))


def test_creating_an_actor_with_a_known_name_returns_the_known_one():
    from claims.services.actors import actor_create

    known = ActorFactory(name="World Health Organization", type="organization")
    assert actor_create(name="  world health  organization ", type="organization") == known
    new = actor_create(name="Mira Salem", type="person")
    assert new.pk != known.pk and new.name == "Mira Salem"
    with pytest.raises(ValueError):
        actor_create(name="   ", type="person")
