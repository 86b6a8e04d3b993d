"""Fetching one web page or feed, safely: no private addresses, bounded size, time and redirects.

``fetch_url`` resolves the host itself, refuses any address that is not public (private,
loopback, link-local, multicast, reserved) unless ``NEWSCLAIMS_ALLOW_PRIVATE_FETCH`` is on,
then connects to the very address it checked (the ``Host`` header and TLS SNI carry the
name), so a DNS answer cannot change between the check and the connection. Redirects are
followed by hand, each hop checked the same way.

Errors are ``FetchError``: ``transient`` ones (time-outs, refused connections, 5xx, 429) are
worth retrying, the others (404, not HTML, too large, unsafe address) are not.
"""

from __future__ import annotations

import codecs
import functools
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import httpx
from charset_normalizer import from_bytes
from django.conf import settings

from .inflate import InflateError, Inflater, TooLarge

USER_AGENT = "Newsclaims/1.0 (+https://github.com/newsclaims; news claim tracker)"
MAX_REDIRECTS = 5
REDIRECT_CODES = {301, 302, 303, 307, 308}
TRANSIENT_CODES = {408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524}

PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "text/html",  # some servers label their feeds so; feedparser decides
    "text/plain",
}


class FetchError(Exception):
    """The page could not be fetched; ``str(error)`` says why in words an editor understands."""

    transient = False


class TransientFetchError(FetchError):
    transient = True


class PermanentFetchError(FetchError):
    transient = False


class UnsafeAddressError(PermanentFetchError):
    """The URL leads to an address this server must not reach (SSRF protection)."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # the media type, lower case, without parameters
    charset: str  # declared in the Content-Type header, "" if none
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_body(self.body, declared=self.charset).replace("\x00", "")  # NUL: not text, not storable


# --- addresses --------------------------------------------------------------------------


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet; False for anything internal or special."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def resolve_checked(host: str, port: int) -> str:
    """The address to connect to for ``host``; raises if any address it resolves to is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_AGAIN:
            raise TransientFetchError(f"could not resolve {host} (temporary DNS failure)") from exc
        raise PermanentFetchError(f"the host {host} does not exist (DNS: {exc.strerror})") from exc
    except UnicodeError as exc:
        raise PermanentFetchError(f"the host name {host!r} is not valid") from exc
    addresses = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise PermanentFetchError(f"the host {host} has no address")
    if not settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH:
        for address in addresses:
            if not is_public_address(ipaddress.ip_address(address)):
                raise UnsafeAddressError(
                    f"refused: {host} resolves to {address}, a private or reserved address this server must not reach"
                )
    return addresses[0]


# --- decoding ---------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_body(body: bytes, *, declared: str = "") -> str:
    """Bytes to text: byte-order mark, then the declared charset, the page's own, UTF-8, detection."""
    for bom, bom_encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(bom_encoding, errors="replace")
    head = body[:4096]
    candidates: list[str | None] = [_codec(declared)]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            candidates.append(_codec(match.group(1)))
    candidates.append("utf-8")
    for encoding in candidates:
        if not encoding:
            continue
        if encoding in {"latin-1", "iso8859-1", "ascii"}:
            encoding = "cp1252"  # what browsers do, and what such pages really are
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    matches = list(from_bytes(body))
    if matches:
        # Among equally plausible guesses, prefer windows-1252: what most undeclared pages are.
        best = matches[0]
        for guess in matches:
            if guess.encoding == "cp1252" and guess.chaos <= best.chaos and guess.coherence >= best.coherence:
                best = guess
                break
        return str(best)
    return body.decode("cp1252", errors="replace")


def looks_binary(body: bytes) -> bool:
    head = body[:2048]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    return b"\x00" in head


# --- fetching ---------------------------------------------------------------------------


def _media_type(value: str) -> tuple[str, str]:
    parts = [p.strip() for p in value.split(";")]
    charset = ""
    for part in parts[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'")
    return parts[0].lower(), charset


@functools.cache
def tls_verify() -> ssl.SSLContext:
    """Certificates are checked against the host name (sent as SNI) though we connect to its address.

    One context per process: making one loads the whole CA bundle, about 30 ms of CPU that
    every fetch used to pay (httpx makes a new one for each client given ``verify=True``).
    """
    return ssl.create_default_context(cafile=certifi.where())


def _check_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except Exception as exc:
        raise PermanentFetchError(f"not a valid URL: {url!r}") from exc
    if parsed.scheme not in {"http", "https"}:
        raise PermanentFetchError(f"only http and https URLs can be fetched, not {parsed.scheme or 'this'}: {url}")
    if not parsed.host:
        raise PermanentFetchError(f"the URL has no host: {url}")
    if parsed.userinfo:
        raise PermanentFetchError("URLs with a user name or password are not fetched")
    return parsed


def _size_label(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def fetch_url(
    url: str,
    *,
    feed: bool = False,
    etag: str = "",
    last_modified: str = "",
    max_bytes: int | None = None,
    timeout: float | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedPage:
    """GET ``url`` (a page, or a feed with ``feed=True``) within every limit; raise ``FetchError`` otherwise."""
    max_bytes = max_bytes or settings.NEWSCLAIMS_FETCH_MAX_BYTES
    timeout = float(timeout or settings.NEWSCLAIMS_FETCH_TIMEOUT)
    deadline = time.monotonic() + 2 * timeout  # a server dripping bytes cannot hold a worker for ever
    accepted = FEED_TYPES if feed else PAGE_TYPES
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": (
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
            if feed
            else "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"
        ),
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    current = url
    limits = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    with httpx.Client(timeout=limits, follow_redirects=False, trust_env=False, verify=tls_verify()) as client:
        for hop in range(max_redirects + 1):
            try:
                target = _check_url(current)
                port = target.port or (443 if target.scheme == "https" else 80)
                address = resolve_checked(target.host, port)
                pinned = target.copy_with(host=address)
                hop_headers = {**headers, "Host": target.netloc.decode("ascii")}
                extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
                request = client.build_request("GET", pinned, headers=hop_headers, extensions=extensions)
            except FetchError:
                raise
            except Exception as exc:  # an invalid IDNA host, a malformed redirect target: never worth a retry
                where = "the redirect goes to" if hop else "the URL is"
                raise PermanentFetchError(f"{where} an invalid URL ({exc}): {current[:200]!r}") from exc
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise TransientFetchError(f"timed out after {timeout:g} s connecting to {target.host}") from exc
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:  # httpx reads a redirect's target
                raise PermanentFetchError(f"the redirect goes to an invalid URL ({exc})") from exc
            except httpx.RemoteProtocolError as exc:
                if "location header" in str(exc).lower():
                    raise PermanentFetchError(f"the redirect goes to an invalid URL: {exc}") from exc
                raise TransientFetchError(f"could not connect to {target.host}: {exc}") from exc
            except httpx.TransportError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise PermanentFetchError(f"the certificate of {target.host} is not valid: {exc}") from exc
                raise TransientFetchError(f"could not connect to {target.host}: {exc or type(exc).__name__}") from exc
            try:
                if response.status_code in REDIRECT_CODES:
                    location = response.headers.get("location")
                    if not location:
                        raise PermanentFetchError(f"HTTP {response.status_code} redirect without a Location")
                    current = urljoin(current, location.strip())
                    continue
                return _read(
                    response,
                    url=url,
                    final_url=current,
                    accepted=accepted,
                    max_bytes=max_bytes,
                    timeout=timeout,
                    deadline=deadline,
                )
            finally:
                response.close()
    raise PermanentFetchError(f"more than {max_redirects} redirects")


def _read(
    response: httpx.Response,
    *,
    url: str,
    final_url: str,
    accepted: set[str],
    max_bytes: int,
    timeout: float,
    deadline: float,
) -> FetchedPage:
    status = response.status_code
    etag = response.headers.get("etag", "")[:500]
    last_modified = response.headers.get("last-modified", "")[:100]
    if status == 304:
        return FetchedPage(url, final_url, status, "", "", b"", etag, last_modified)
    if status in TRANSIENT_CODES:
        raise TransientFetchError(f"HTTP {status} {response.reason_phrase} from {urlsplit(final_url).netloc}")
    if status >= 400:
        raise PermanentFetchError(f"HTTP {status} {response.reason_phrase}")
    if status != 200:
        raise PermanentFetchError(f"unexpected HTTP {status} {response.reason_phrase}")
    media, charset = _media_type(response.headers.get("content-type", ""))
    if media and media not in accepted:
        raise PermanentFetchError(f"not a web page: the server sent {media}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PermanentFetchError(f"too large: {_size_label(int(declared))}, the limit is {_size_label(max_bytes)}")
    chunks: list[bytes] = []
    try:
        # Decompressed here, each step capped (a 2 KB gzip bomb never becomes a gigabyte in memory).
        inflater = Inflater(response.headers.get("content-encoding", ""), limit=max_bytes)
        for raw in response.iter_raw():
            chunks.append(inflater.feed(raw))
            if time.monotonic() > deadline:
                raise TransientFetchError(f"timed out: the page took more than {2 * timeout:g} s to arrive")
        chunks.append(inflater.flush())
    except TooLarge as exc:
        raise PermanentFetchError(f"too large: more than {_size_label(max_bytes)} once decompressed") from exc
    except InflateError as exc:
        raise PermanentFetchError(f"the server sent a body that could not be decompressed ({exc})") from exc
    except httpx.TimeoutException as exc:
        raise TransientFetchError(f"timed out after {timeout:g} s waiting for {urlsplit(final_url).netloc}") from exc
    except httpx.DecodingError as exc:
        raise PermanentFetchError("the server sent a body that could not be decompressed") from exc
    except httpx.TransportError as exc:
        raise TransientFetchError(f"the connection broke while reading: {exc or type(exc).__name__}") from exc
    body = b"".join(chunks)
    if not body.strip():
        raise PermanentFetchError("the page is empty")
    if looks_binary(body):
        raise PermanentFetchError("the page is binary data, not text")
    return FetchedPage(url, final_url, status, media, charset, body, etag, last_modified)
