"""Decompressing a body with a cap on every step (claims.lib.inflate, no Django)."""

from __future__ import annotations

import gzip
import zlib

import pytest

from claims.lib.inflate import InflateError, Inflater, TooLarge


def _feed_all(inflater: Inflater, data: bytes, size: int = 1000) -> bytes:
    out = b"".join(inflater.feed(data[i : i + size]) for i in range(0, len(data), size))
    return out + inflater.flush()


def test_it_decodes_gzip_deflate_raw_deflate_and_identity():
    text = b"The council said 40 people came to the meeting. " * 200
    assert _feed_all(Inflater("gzip", limit=10**6), gzip.compress(text)) == text
    assert _feed_all(Inflater("deflate", limit=10**6), zlib.compress(text)) == text
    raw = zlib.compressobj(wbits=-15)
    assert _feed_all(Inflater("deflate", limit=10**6), raw.compress(text) + raw.flush()) == text
    assert _feed_all(Inflater("", limit=10**6), text) == text
    assert _feed_all(Inflater("identity", limit=10**6), text) == text


def test_it_undoes_stacked_encodings_last_applied_first():
    text = b"A stacked body. " * 500
    assert _feed_all(Inflater("gzip, gzip", limit=10**6), gzip.compress(gzip.compress(text))) == text


def test_it_reads_every_member_of_a_multi_member_gzip():
    assert _feed_all(Inflater("gzip", limit=100), gzip.compress(b"one ") + gzip.compress(b"two")) == b"one two"


@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip"])
def test_it_stops_at_the_limit_without_inflating_the_whole_chunk(encoding):
    body = gzip.compress(b"\0" * 50_000_000)
    if encoding == "gzip, gzip":
        body = gzip.compress(body)
    inflater = Inflater(encoding, limit=1_000_000)
    with pytest.raises(TooLarge):
        inflater.feed(body)  # one chunk holding the whole bomb
    assert inflater.stages[-1].produced <= 1_000_001


def test_it_refuses_unknown_or_too_many_encodings_and_corrupt_data():
    with pytest.raises(InflateError):
        Inflater("br", limit=10)
    with pytest.raises(InflateError):
        Inflater("gzip, gzip, gzip", limit=10)
    with pytest.raises(InflateError):
        _feed_all(Inflater("gzip", limit=1000), b"not gzip at all")
