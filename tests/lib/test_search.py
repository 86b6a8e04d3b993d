"""The search language: words, "phrases", -excluded, OR."""

from claims.lib.search import ParsedQuery, Term, parse


def test_words_must_all_match():
    assert parse("flood relief") == ParsedQuery(((Term("flood"),), (Term("relief"),)))


def test_a_quoted_phrase_is_one_term():
    assert parse('"death toll" rose') == ParsedQuery(((Term("death toll", phrase=True),), (Term("rose"),)))


def test_a_minus_excludes_a_word_or_a_phrase():
    assert parse('flood -relief -"red cross"') == ParsedQuery(
        ((Term("flood"),),), (Term("relief"), Term("red cross", phrase=True))
    )
    assert parse("-relief") == ParsedQuery((), (Term("relief"),))


def test_or_joins_its_neighbours_into_one_group():
    assert parse("Gaza OR Sudan aid") == ParsedQuery(((Term("Gaza"), Term("Sudan")), (Term("aid"),)))
    assert parse("gaza or sudan or yemen") == ParsedQuery(((Term("gaza"), Term("sudan"), Term("yemen")),))


def test_stray_operators_and_quotes_are_ignored():
    assert parse('OR - "" flood OR') == ParsedQuery(((Term("flood"),),))
    assert not parse('  "  " ')
    assert parse('"unclosed phrase') == ParsedQuery(((Term("unclosed phrase", phrase=True),),))


def test_it_keeps_at_most_twelve_terms():
    assert sum(len(g) for g in parse(" ".join(f"w{i}" for i in range(30))).groups) == 12
