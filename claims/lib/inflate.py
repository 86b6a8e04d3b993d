"""Decompressing an HTTP body with a hard cap on what each step may produce.

A decoder that inflates a whole chunk before the size is checked lets 2 KB of gzip become a
gigabyte in memory (and ``Content-Encoding: gzip, gzip`` squares the ratio). ``Inflater`` asks
zlib for at most ``limit + 1`` bytes at every step of every stage, so no stage ever holds more
than the limit, and raises ``TooLarge`` the moment the output would pass it.

Pure Python (zlib only), no Django.
"""

from __future__ import annotations

import zlib

_GZIP_OR_ZLIB = 32 + zlib.MAX_WBITS  # zlib reads the header and picks gzip or zlib itself


class InflateError(ValueError):
    """The body is not what its Content-Encoding says, or names an encoding not supported."""


class TooLarge(InflateError):
    """The decoded body would pass the limit."""


class _Stage:
    """One ``gzip`` or ``deflate`` layer, streaming, never producing more than ``limit`` bytes."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding
        self.limit = limit
        self.produced = 0
        self.started = False
        self.obj = zlib.decompressobj(_GZIP_OR_ZLIB if coding == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            room = self.limit - self.produced
            try:
                piece = self.obj.decompress(data, room + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and not self.started:  # raw deflate, no zlib header
                    self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.started = True
                    continue
                raise InflateError(f"the {self.coding} data is corrupt: {exc}") from exc
            self.started = True
            self.produced += len(piece)
            if self.produced > self.limit:
                raise TooLarge(f"more than {self.limit} bytes once decompressed")
            out.append(piece)
            if self.obj.unconsumed_tail:
                data = self.obj.unconsumed_tail
            elif self.obj.eof and self.obj.unused_data:  # another gzip member follows
                data = self.obj.unused_data
                self.obj = zlib.decompressobj(_GZIP_OR_ZLIB)
            else:
                data = b""
        return b"".join(out)

    def flush(self) -> bytes:
        piece = self.obj.flush(self.limit - self.produced + 1)
        self.produced += len(piece)
        if self.produced > self.limit:
            raise TooLarge(f"more than {self.limit} bytes once decompressed")
        return piece


class Inflater:
    """Undo a ``Content-Encoding`` header's codings (last applied first), each step capped.

    >>> inflater = Inflater("gzip", limit=5 * 2**20)
    >>> text = inflater.feed(chunk) + inflater.flush()
    """

    SUPPORTED = {"gzip", "x-gzip", "deflate", "identity", ""}

    def __init__(self, content_encoding: str, *, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        unknown = [c for c in codings if c not in self.SUPPORTED]
        if unknown:
            raise InflateError(f"unsupported Content-Encoding {unknown[0]!r}")
        if len([c for c in codings if c not in {"identity", ""}]) > 2:
            raise InflateError(f"too many layers of Content-Encoding: {content_encoding[:100]!r}")
        self.limit = limit
        self.produced = 0
        self.stages = [
            _Stage("gzip" if c == "x-gzip" else c, limit) for c in reversed(codings) if c not in {"identity", ""}
        ]

    def _count(self, data: bytes) -> bytes:
        self.produced += len(data)
        if self.produced > self.limit:
            raise TooLarge(f"more than {self.limit} bytes once decompressed")
        return data

    def feed(self, data: bytes) -> bytes:
        for stage in self.stages:
            data = stage.feed(data)
        return self._count(data)

    def flush(self) -> bytes:
        data = b""
        for stage in self.stages:
            data = stage.feed(data) + stage.flush() if data else stage.flush()
        return self._count(data)
