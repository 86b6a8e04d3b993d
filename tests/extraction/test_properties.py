"""Properties of extract() on any input: no exception, honest offsets, determinism."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract

NEWSY = st.lists(
    st.sampled_from(
        [
            "“",
            "”",
            '"',
            "‘",
            "’",
            "’’",
            "'",
            " ",
            "\n\n",
            ", ",
            ". ",
            ": ",
            "he said",
            " said ",
            "she told ",
            "Minister ",
            "Prime Minister Ana Lopes",
            "the UN",
            "United Nations ",
            "Mr. ",
            "Dr. ",
            "Hamas",
            "IDF",
            "according to ",
            "1,400 ",
            "more than 20 people were killed ",
            "Israel’s ",
            "army ",
            "the ministry ",
            "(Reuters) ",
            "WASHINGTON ",
            "adding: ",
            "the 28-year-old ",
            "A",
            "é",
            "\u00a0",
            "—",
        ]
    ),
    max_size=60,
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSY)


def _check_offsets(text: str) -> None:
    x = extract(text)
    assert not x.warnings, x.warnings  # the safety net in extract() never had to catch anything
    n = len(x.actors)
    for q in x.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.speaker_index is None or 0 <= q.speaker_index < n
    for m in x.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        assert 0 <= m.actor_index < n
    for c in x.claims:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.span
        assert c.source_index is None or 0 <= c.source_index < n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_it_extracts_any_string_without_an_exception_and_with_honest_offsets(text: str) -> None:
    _check_offsets(text)


@settings(max_examples=100, deadline=None)
@given(NEWSY)
def test_it_gives_the_same_output_for_the_same_input(text: str) -> None:
    assert extract(text) == extract(text)


def test_it_survives_a_long_run_of_quotation_marks_and_capitals() -> None:
    text = ('"' * 3000) + " ".join(["Minister"] * 2000) + ("“ ”" * 2000)
    _check_offsets(text)


def test_it_stays_linear_on_pathological_runs() -> None:
    import time

    for text in ("\n" * 200_000, "Council of " * 20_000, '"' * 200_000, "A. " * 60_000):
        t0 = time.process_time()
        _check_offsets(text)
        assert time.process_time() - t0 < 5, f"too slow on {text[:12]!r}…"
