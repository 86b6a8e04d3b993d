"""Duplicate actor suggestions from names alone."""

from claims.lib.actor_names import Named, Pair, duplicate_pairs, folded, initials
from claims.models import normalize_name


def named(pk: int, name: str, kind: str = "person", aliases: tuple[str, ...] = ()) -> Named:
    return Named(pk, kind, normalize_name(name), tuple(normalize_name(a) for a in aliases))


def reasons(actors: list[Named]) -> dict[tuple[int, int], str]:
    return {(p.first, p.second): p.reason for p in duplicate_pairs(actors)}


def test_it_pairs_a_surname_with_the_full_name():
    assert reasons([named(1, "Joe Biden"), named(2, "Biden"), named(3, "Kamala Harris")]) == {(1, 2): "surname"}


def test_it_pairs_an_organisation_with_its_acronym():
    actors = [named(1, "World Food Programme", "organization"), named(2, "WFP", "organization")]
    assert reasons(actors) == {(1, 2): "acronym"}


def test_two_names_with_the_same_initials_are_not_an_acronym_pair():
    actors = [named(1, "Red Cross Society", "organization"), named(2, "Royal Courts Service", "organization")]
    assert reasons(actors) == {}


def test_it_pairs_a_name_with_another_actors_alias():
    actors = [named(1, "Lina Moreau", aliases=("the health minister",)), named(2, "The Health Minister")]
    assert reasons(actors) == {(1, 2): "alias"}


def test_it_pairs_a_nationality_adjective_and_army_with_the_country_and_military():
    actors = [named(1, "Israel's military", "organization"), named(2, "Israeli army", "organization")]
    assert reasons(actors) == {(1, 2): "variant"}
    assert folded("russian armed forces") == "russia military"


def test_it_keeps_the_strongest_reason_and_needs_the_same_type_beyond_names():
    actors = [named(1, "Omar Haddad", aliases=("haddad",)), named(2, "Haddad"), named(3, "Haddad", "organization")]
    found = reasons(actors)
    assert found[(1, 2)] == "alias"  # also a surname pair: the alias wins
    assert found[(2, 3)] == "same name"  # the same name pairs across types
    assert found[(1, 3)] == "alias"


def test_a_surname_shared_by_many_people_proposes_nothing():
    actors = [named(i, f"Person{i} Smith") for i in range(1, 30)]
    assert duplicate_pairs(actors) == []


def test_it_returns_at_most_the_limit_strongest_first():
    actors = [named(1, "Ana Silva"), named(2, "Silva"), named(3, "UN", "organization")]
    actors.append(named(4, "United Nations", "organization"))
    assert duplicate_pairs(actors, limit=1) == [Pair(3, 4, "acronym")]
    assert initials("bank of england") == "be"
