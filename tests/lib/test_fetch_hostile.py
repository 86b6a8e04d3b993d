"""Hostile pages end every fetch in a clear, permanent error; bombs are refused in little memory.

A local HTTP server (no mocks) sends redirects to non-web schemes and invalid hosts, a page
with a NUL byte after its first 2 KB, and gzip bombs, single and stacked.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claims.lib.fetch import FetchError, fetch_url
from claims.models import IngestItemStatus
from claims.services.ingest import ingest_job_create

ROOT = Path(__file__).resolve().parents[2]
REDIRECTS = {
    "js": "javascript:alert(1)",
    "data": "data:text/html,<p>hi</p>",
    "mailto": "mailto:desk@example.org",
    "idna": "http://xn--a-.example/",
    "port": "http://[::1/",
}
NUL_PAGE = (
    b"<html><head><title>Late NUL</title></head><body><article><p>"
    + b"The harbour board said 300 ships called last year, and more are expected. " * 40
    + b"\x00 the rest of the story.</p></article></body></html>"
)


class _Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        name = self.path.strip("/")
        if name in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[name])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(NUL_PAGE)))
        self.end_headers()
        self.wfile.write(NUL_PAGE)


@pytest.fixture
def hostile(settings):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", sorted(REDIRECTS))
def test_it_fails_a_redirect_to_an_invalid_target_for_good(hostile, name):
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{hostile}/{name}")
    assert not caught.value.transient
    assert "invalid URL" in str(caught.value)


def test_it_refuses_an_invalid_idna_host_without_a_retry():
    with pytest.raises(FetchError) as caught:
        fetch_url("http://xn--a-.example/")
    assert not caught.value.transient


@pytest.mark.parametrize("name", sorted(REDIRECTS))
def test_an_item_redirected_to_an_invalid_target_ends_failed_with_the_reason(
    hostile, db, django_capture_on_commit_callbacks, name
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest_job_create(user=None, kind="url", url=f"{hostile}/{name}")
    item = job.items.get()
    assert item.status == IngestItemStatus.FAILED
    assert "invalid URL" in item.error


def test_a_page_with_a_nul_byte_after_2_kb_is_ingested_without_it(hostile, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest_job_create(user=None, kind="url", url=f"{hostile}/late-nul")
    item = job.items.select_related("article").get()
    assert item.status == IngestItemStatus.DONE, item.error
    assert "\x00" not in item.article.text and "the rest of the story" in item.article.text


_BOMB_SCRIPT = textwrap.dedent(
    """
    import gzip, os, resource, sys, threading, zlib
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsclaims.settings")
    os.environ["NEWSCLAIMS_ALLOW_PRIVATE_FETCH"] = "1"
    import django
    django.setup()
    from claims.lib.fetch import FetchError, fetch_url

    def gzip_stream(chunks):
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        out = [packer.compress(c) for c in chunks]
        return b"".join(out) + packer.flush()

    zeros = b"<p>" + b"\\0" * (1 << 20)
    single = gzip_stream(zeros for _ in range(1024))        # 1 GiB of page in about 1 MB
    stacked = gzip.compress(single, 9)                      # the same 1 GiB in a few KB
    bodies = {"/single": (single, "gzip"), "/stacked": (stacked, "gzip, gzip")}

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *a): pass
        def do_GET(self):
            body, encoding = bodies[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for path in ("/single", "/stacked"):
        try:
            fetch_url(base + path)
            print(path, "ACCEPTED", len(bodies[path][0]))
        except FetchError as exc:
            print(path, "REFUSED", len(bodies[path][0]), exc)
    # VmHWM: this process's own peak resident memory. (getrusage's ru_maxrss keeps the peak of the
    # memory image exec replaced, i.e. of the test runner that spawned us: not ours to count.)
    hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")]
    peak_kb = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("PEAK_MB", peak_kb // 1024)
    """
)


def test_gzip_bombs_single_and_stacked_are_refused_with_the_worker_under_300_mb():
    run = subprocess.run(
        [sys.executable, "-c", _BOMB_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if line.strip())
    assert lines["/single"].split()[0] == "REFUSED" and "too large" in lines["/single"]
    assert lines["/stacked"].split()[0] == "REFUSED" and "too large" in lines["/stacked"]
    assert int(lines["/stacked"].split()[1]) < 10_000  # it really is a small body
    peak = int(lines["PEAK_MB"])
    print(f"peak memory fetching two 1 GiB gzip bombs: {peak} MB")
    assert peak < 300
