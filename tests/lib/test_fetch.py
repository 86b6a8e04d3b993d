"""Fetching pages: limits, content checks, charsets and SSRF protection, against a real local server."""

from __future__ import annotations

import ipaddress
import time

import pytest

from claims.lib import fetch
from claims.lib.fetch import (
    PermanentFetchError,
    TransientFetchError,
    UnsafeAddressError,
    decode_body,
    fetch_url,
    is_public_address,
)


def test_it_fetches_a_page_with_its_type_and_charset(web):
    page = fetch_url(web.url("/page/article.html"))
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert "Floods kill 120" in page.text()


def test_it_follows_redirects_and_reports_the_final_url(web):
    target = web.url("/page/third.html")
    page = fetch_url(web.url(f"/redirect?to={target}"))
    assert page.final_url == target
    assert "Council approves" in page.text()


def test_it_stops_after_too_many_redirects(web):
    with pytest.raises(PermanentFetchError, match="redirects"):
        fetch_url(web.url("/loop"))
    assert web.hits["/loop"] == fetch.MAX_REDIRECTS + 1


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "224.0.0.1",
        "0.0.0.0",  # noqa: S104
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "100.64.0.1",
    ],
)
def test_it_counts_internal_and_special_addresses_as_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_it_counts_internet_addresses_as_public(address):
    assert is_public_address(ipaddress.ip_address(address))


def test_it_refuses_loopback_addresses_when_private_fetch_is_off(web, settings):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    with pytest.raises(UnsafeAddressError, match=r"127\.0\.0\.1"):
        fetch_url(web.url("/page/article.html"))
    with pytest.raises(UnsafeAddressError):
        fetch_url(web.url("/page/article.html").replace("127.0.0.1", "localhost"))
    assert web.hits["/page/article.html"] == 0


def test_it_refuses_a_redirect_into_a_private_address(web, second_web, settings, monkeypatch):
    """127.0.0.2 stands for a public site here; it redirects into 127.0.0.1, which must be refused."""
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    stand_in = ipaddress.ip_address("127.0.0.2")
    real = fetch.is_public_address
    monkeypatch.setattr(fetch, "is_public_address", lambda ip: ip == stand_in or real(ip))

    inside = web.url("/page/article.html")
    assert "Floods" in fetch_url(second_web.url("/page/article.html")).text()  # the stand-in is reachable
    with pytest.raises(UnsafeAddressError, match=r"127\.0\.0\.1"):
        fetch_url(second_web.url(f"/redirect?to={inside}"))
    assert second_web.hits["/redirect"] == 1
    assert web.hits["/page/article.html"] == 0


def test_it_refuses_non_http_schemes(web):
    with pytest.raises(PermanentFetchError, match="http"):
        fetch_url("file:///etc/passwd")
    with pytest.raises(PermanentFetchError, match="http"):
        fetch_url(web.url("/redirect?to=file:///etc/passwd"))


def test_it_refuses_an_oversize_body_by_its_declared_length(web):
    with pytest.raises(PermanentFetchError, match="too large"):
        fetch_url(web.url("/big"))


def test_it_refuses_an_oversize_body_without_a_declared_length(web, settings):
    settings.NEWSCLAIMS_FETCH_MAX_BYTES = 1024 * 1024
    with pytest.raises(PermanentFetchError, match="too large"):
        fetch_url(web.url("/big-no-length"))


def test_it_refuses_binary_content(web):
    with pytest.raises(PermanentFetchError, match="image/png"):
        fetch_url(web.url("/binary"))
    with pytest.raises(PermanentFetchError, match="binary"):
        fetch_url(web.url("/nul"))


def test_it_refuses_an_empty_page(web):
    with pytest.raises(PermanentFetchError, match="empty"):
        fetch_url(web.url("/empty"))


def test_it_treats_a_missing_page_as_permanent_and_an_overloaded_server_as_transient(web):
    with pytest.raises(PermanentFetchError, match="404"):
        fetch_url(web.url("/status/404"))
    with pytest.raises(TransientFetchError, match="503"):
        fetch_url(web.url("/status/503"))


def test_it_gives_up_on_a_slow_server_after_the_timeout(web, settings):
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 1
    started = time.monotonic()
    with pytest.raises(TransientFetchError, match="timed out"):
        fetch_url(web.url("/slow?seconds=4"))
    assert time.monotonic() - started < 3


def test_it_answers_not_modified_to_a_matching_etag(web):
    first = fetch_url(web.url("/feed/feed.xml"), feed=True)
    assert first.etag
    again = fetch_url(web.url("/feed/feed.xml"), feed=True, etag=first.etag)
    assert again.not_modified
    assert again.body == b""


def test_it_decodes_a_windows_1252_page_declared_in_the_header(web):
    page = fetch_url(web.url("/page/latin1.html?enc=cp1252&nometa=1&ctype=text/html;+charset=windows-1252"))
    assert "Le célèbre café" in page.text()
    assert "150 000 €" in page.text()


def test_it_decodes_a_windows_1252_page_declared_in_its_meta_tag(web):
    page = fetch_url(web.url("/page/latin1.html?enc=cp1252&ctype=text/html"))
    assert "François Lefèvre" in page.text()


def test_it_detects_the_charset_of_an_undeclared_page(web):
    page = fetch_url(web.url("/page/latin1.html?enc=cp1252&nometa=1&ctype=text/html"))
    assert "après 80 ans" in page.text()


def test_it_trusts_the_bytes_over_a_wrong_utf8_declaration():
    body = "Le café coûte 3 €".encode("cp1252")
    assert decode_body(body, declared="utf-8") == "Le café coûte 3 €"


@pytest.fixture
def https_web(tmp_path, settings, monkeypatch):
    """An HTTPS server for "localhost" with its own certificate, trusted by the fetcher for the test."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    trusted = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch, "tls_verify", lambda: trusted)

    class Page(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = f"<p>host header: {self.headers['Host']}</p>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_it_connects_to_the_checked_address_and_still_verifies_the_certificate_by_name(https_web):
    page = fetch_url(f"https://localhost:{https_web}/")
    assert f"host header: localhost:{https_web}" in page.text()
    with pytest.raises(PermanentFetchError, match=r"certificate of 127\.0\.0\.1 is not valid"):
        fetch_url(f"https://127.0.0.1:{https_web}/")  # the certificate names localhost, not the address
