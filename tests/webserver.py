"""A real local HTTP server for the ingest tests: fixture pages, feeds, redirects and bad answers.

No HTTP library is mocked: the fetcher talks to this server over TCP on 127.0.0.1. Routes:

- ``/page/<file>``: a fixture from ``fixtures/``, ``{base}`` replaced by the server's address;
  ``?enc=cp1252`` re-encodes it, ``?ctype=...`` sets the Content-Type, ``?nometa=1`` drops
  the ``<meta charset>``, ``?version=2`` serves ``<name>_updated.html`` instead.
- ``/feed/<file>``: a feed with an ETag, answering 304 to a matching If-None-Match.
- ``/redirect?to=URL`` (302), ``/loop`` (redirects to itself), ``/slow?seconds=N``,
  ``/big``, ``/big-no-length``, ``/binary``, ``/nul``, ``/empty``, ``/status/<code>``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"  # pages, feeds and JSONL files the server serves


class FixtureServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), Handler)
        self.hits: Counter[str] = Counter()
        self.versions: dict[str, int] = {}  # fixture name -> version served (tests change it)
        self.base = f"http://{host}:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path


class Handler(BaseHTTPRequestHandler):
    server: FixtureServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = headers or {}
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def _fixture(self, name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.server.base)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        self.server.hits[path] += 1
        if path.startswith("/page/"):
            name = path.removeprefix("/page/")
            version = int(query.get("version", self.server.versions.get(name, 1)))
            if version > 1:
                name = name.replace(".html", "_updated.html")
            if not (FIXTURES / name).is_file():
                return self._send(404, b"not found")
            text = self._fixture(name)
            if query.get("nometa"):
                text = text.replace('<meta charset="windows-1252">', "")
            body = text.encode(query.get("enc", "utf-8"))
            ctype = query.get("ctype", "text/html; charset=utf-8")
            return self._send(200, body, {"Content-Type": ctype})
        if path.startswith("/feed/"):
            name = path.removeprefix("/feed/")
            body = self._fixture(name).encode("utf-8")
            etag = f'"{name}-v{self.server.versions.get(name, 1)}"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", {"ETag": etag})
            return self._send(200, body, {"Content-Type": "application/rss+xml", "ETag": etag})
        if path == "/redirect":
            return self._send(302, b"", {"Location": query["to"]})
        if path == "/loop":
            return self._send(302, b"", {"Location": "/loop"})
        if path == "/slow":
            time.sleep(float(query.get("seconds", "3")))
            return self._send(200, b"<html><body><p>late</p></body></html>", {"Content-Type": "text/html"})
        if path == "/big":
            return self._send(200, b"<p>" + b"x" * (6 * 1024 * 1024), {"Content-Type": "text/html"})
        if path == "/big-no-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(7 * 16):
                    self.wfile.write(b"<p>" + b"y" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return None
        if path == "/binary":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, {"Content-Type": "image/png"})
        if path == "/nul":
            return self._send(200, b"GIF89a\x00\x01\x00\x00" + bytes(range(256)) * 4, {"Content-Type": "text/html"})
        if path == "/empty":
            return self._send(200, b"", {"Content-Type": "text/html"})
        if path.startswith("/status/"):
            code = int(path.removeprefix("/status/"))
            return self._send(code, b"status page", {"Content-Type": "text/html"})
        return self._send(404, b"not found", {"Content-Type": "text/plain"})


def _serve(host: str = "127.0.0.1"):
    server = FixtureServer(host)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture
def web(settings):
    """The fixture web server, with private addresses allowed for the fetcher (it is on 127.0.0.1)."""
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 2
    server, thread = _serve()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def second_web(settings):
    """Another server on 127.0.0.2, to stand for a public site in the SSRF tests."""
    server, thread = _serve("127.0.0.2")
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)
