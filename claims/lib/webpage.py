"""Reading a news page: its article text, title, byline, date and canonical URL.

trafilatura finds the body and the metadata. On top of it: the page's own JSON-LD
``articleBody`` when it is the fuller text, boilerplate lines dropped (read more, related
links, captions, newsletter and share prompts, the headline repeated), one blank line
between paragraphs, and a sanitised HTML made from exactly the paragraphs kept.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import nh3
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from ..services.articles import ArticleRejected

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "backgroundnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "socialmediaposting",
    "webpage",
}

_BOILERPLATE = re.compile(
    r"""^(?:
        (?:read|see|watch|listen)\s+(?:more|also|next|now|the\ full)\b
      | (?:also\ read|related(?:\ (?:stories|articles|coverage|content|topics))?|more\ on\ this(?:\ story)?
        |recommended(?:\ stories)?|most\ (?:read|popular|viewed)|trending|top\ stories|latest\ news)\b\s*[:|\-–—]?
      | (?:advertisement|advert|sponsored(?:\ content)?|story\ continues\ below|article\ continues\ (?:below|after))\b
      | (?:share|share\ this(?:\ article|\ story)?|follow\ us|click\ here|tap\ here|download\ (?:our|the)\ app)\b
      | (?:sign\ up|subscribe)\b.{0,120}\b(?:newsletter|inbox|email|updates|briefing)
      | (?:photo|image|picture|video|graphic|file\ photo|illustration)\s*(?:credit)?\s*[:|/]
      | (?:©|\(c\)\s|copyright\b|all\ rights\ reserved)
      | (?:we\ use\ cookies|this\ (?:site|website)\ uses\ cookies)
      | (?:comments?|leave\ a\ comment|join\ the\ conversation)\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^(?:By|BY|Words by|Reporting by)\s+[A-Z][\w'.-]+(?:\s+(?:[A-Z][\w'.-]+|and|&|de|van|von|al|bin))*"
    r"\s*(?:[,|·•-].{0,60})?$"
)
_DATE_WORDS = (
    r"on|at|am|pm|gmt|utc|bst|cet|cest|est|edt|et|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*"
    r"|oct\w*|nov\w*|dec\w*|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*"
)
_DATELINE = re.compile(
    rf"^(?:(?:last\s+)?updated|published|posted|first\s+published)"
    rf"[\s:,.\-–—|/0-9]*(?:(?:{_DATE_WORDS})\b[\s:,.\-–—|/0-9]*)*$",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\b(?:newsletter|sign up|subscribe|inbox)\b", re.IGNORECASE)
_CAPTION_TAIL = re.compile(
    r"(?:\((?:photo|image|picture)?[^()]{0,60}"
    r"(?:getty images|afp|reuters|ap photo|epa|anadolu|shutterstock)[^()]{0,40}\)"
    r"|(?:photograph|photo|image|picture)\s*:\s*[^.]{0,80}(?:/|via)\s*[^.]{0,60})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WebPage:
    text: str
    html: str
    title: str = ""
    byline: str = ""
    published_at: datetime | None = None
    canonical_url: str | None = None
    language: str = ""
    site_name: str = ""


class NotAnArticleError(ArticleRejected):
    """The page has no article text worth storing."""


def _is_boilerplate(paragraph: str) -> bool:
    if len(paragraph) <= 220 and _BOILERPLATE.match(paragraph):
        return True
    if len(paragraph) <= 100 and (_BYLINE.match(paragraph) or _DATELINE.match(paragraph)):
        return True
    if len(paragraph) <= 200 and _NEWSLETTER.search(paragraph) and not paragraph.rstrip().endswith('"'):
        return paragraph.count(" ") < 30 and not re.search(r"\bsaid\b", paragraph)
    return len(paragraph) <= 250 and bool(_CAPTION_TAIL.search(paragraph))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def clean_paragraphs(text: str, *, title: str = "") -> list[str]:
    """Paragraphs of ``text`` without boilerplate, white space folded inside each, no duplicates."""
    seen: set[str] = set()
    kept: list[str] = []
    title_key = _norm(title)
    for raw in re.split(r"\n+", text or ""):
        paragraph = " ".join(raw.split())
        if not paragraph or _is_boilerplate(paragraph):
            continue
        key = _norm(paragraph)
        if (not kept and title_key and key == title_key) or key in seen:
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def _paragraph_html(paragraphs: list[str]) -> str:
    return nh3.clean("".join(f"<p>{html_lib.escape(p, quote=False)}</p>\n" for p in paragraphs))


# --- JSON-LD and meta tags --------------------------------------------------------------


def _walk_ld(node: Any, found: list[dict[str, Any]]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_ld(item, found)
    elif isinstance(node, dict):
        types = node.get("@type") or []
        types = [types] if isinstance(types, str) else types
        if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
            found.append(node)
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                _walk_ld(node[key], found)


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        _walk_ld(data, found)
    return found


def _ld_text(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    if not isinstance(value, str):
        return ""
    value = html_lib.unescape(value)
    if "<" in value and ">" in value:
        value = _block_text(value)
    return value.replace("\r\n", "\n").strip()


def _ld_author(node: dict[str, Any]) -> str:
    author = node.get("author")
    authors = author if isinstance(author, list) else [author]
    names = []
    for a in authors:
        name = a.get("name") if isinstance(a, dict) else a
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return ", ".join(names)


def _ld_publisher(node: dict[str, Any]) -> str:
    """The name of a JSON-LD article's publisher (``publisher.name``, or a bare string)."""
    publisher = node.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict):
        return _ld_text(publisher.get("name"))
    return _ld_text(publisher) if isinstance(publisher, str) else ""


def parse_datetime(value: str | None) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _meta(tree: HtmlElement, *names: str) -> str:
    for name in names:
        values = tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content')
        if values and values[0].strip():
            return str(values[0]).strip()
    return ""


# --- text of plain fragments ------------------------------------------------------------

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def _block_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element; scripts and styles dropped."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    parts: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            if element.tail:
                parts.append(element.tail)
            continue
        if element.tag in _BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        if element.tag in _BLOCKS:
            parts.append("\n")
        if element.tail and element is not root:
            parts.append(element.tail)
    return re.sub(r"\n\s*\n+", "\n", "".join(parts)).strip()


def _resegment(body: str, paragraphs: list[str]) -> str:
    """Put paragraph breaks into a one-block JSON-LD body where trafilatura's paragraphs begin."""
    if "\n" in body or len(paragraphs) < 2:
        return body
    for paragraph in paragraphs[1:]:
        head = paragraph[:40]
        at = body.find(head)
        if at > 0 and body[at - 1] == " ":
            body = body[: at - 1] + "\n" + body[at:]
    return body


# --- the reader -------------------------------------------------------------------------

_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)


def _extract(tree: HtmlElement, *, url: str | None, precision: bool) -> dict[str, Any]:
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=precision,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if extracted is None:
        return {}
    # bare_extraction returns a dict only when asked to (as_dict=True)
    return extracted if isinstance(extracted, dict) else extracted.as_dict()


def page_read(document: str, *, url: str | None = None, min_chars: int = 0) -> WebPage:
    """Read the article in an HTML page (or fragment). Raises ``NotAnArticleError`` when there is none."""
    if not document or not document.strip():
        raise NotAnArticleError("the page is empty")
    try:
        tree = lxml_html.document_fromstring(document.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise NotAnArticleError(f"the page is not readable HTML ({exc})") from exc

    ld_nodes = _json_ld(tree)
    meta_published = _meta(tree, "article:published_time", "datePublished", "pubdate", "date")
    language = (tree.get("lang") or "").split("-")[0][:16]
    head_title = _meta(tree, "og:title") or "".join(tree.xpath("//title/text()")).strip()
    site_name = _meta(tree, "og:site_name")
    for node in ld_nodes:
        site_name = site_name or _ld_publisher(node)

    raw = document.encode("utf-8", "replace")
    meta = _extract(tree, url=url, precision=True)
    title = (meta.get("title") or "").strip()
    for node in ld_nodes:
        title = title or _ld_text(node.get("headline"))
    title = title or head_title

    paragraphs = clean_paragraphs(meta.get("text") or "", title=title)
    traf_text = "\n\n".join(paragraphs)
    # Precision settings sometimes prune real paragraphs (a story split across link-heavy blocks):
    # when the default settings find much more text, take theirs, cleaned the same way.
    broad = _extract(lxml_html.document_fromstring(raw, parser=_PARSER), url=url, precision=False)
    broad_paragraphs = clean_paragraphs(broad.get("text") or "", title=title)
    if sum(map(len, broad_paragraphs)) > 1.6 * len(traf_text) + 200:
        paragraphs, traf_text = broad_paragraphs, "\n\n".join(broad_paragraphs)

    ld_body = ""
    for node in ld_nodes:
        candidate = _ld_text(node.get("articleBody") or node.get("text"))
        if len(candidate) > len(ld_body):
            ld_body = candidate
    if ld_body:
        ld_paragraphs = clean_paragraphs(_resegment(ld_body, paragraphs), title=title)
        ld_text = "\n\n".join(ld_paragraphs)
        if len(ld_text) > 1.15 * len(traf_text) or (len(ld_text) >= 0.9 * len(traf_text) and len(ld_paragraphs) > 1):
            paragraphs, traf_text = ld_paragraphs, ld_text

    if not traf_text:
        is_fragment = not re.search(r"<\s*(html|body)\b", document[:2000], re.IGNORECASE)
        if is_fragment:
            paragraphs = clean_paragraphs(_block_text(document), title=title)
            traf_text = "\n\n".join(paragraphs)
    if not traf_text or len(traf_text) < min_chars:
        raise NotAnArticleError("no article text found on the page")

    published: datetime | None = None
    exact = [parse_datetime(meta_published)] + [parse_datetime(n.get("datePublished")) for n in ld_nodes]
    day = meta.get("date") or ""
    for stamp in exact:
        if stamp and (not day or stamp.date().isoformat() == day):
            published = stamp
            break
    if published is None and day:
        published = parse_datetime(day)

    byline = (meta.get("author") or "").strip()
    if not byline:
        for node in ld_nodes:
            byline = byline or _ld_author(node)
    canonical = meta.get("url") or None
    if canonical and not canonical.startswith(("http://", "https://")):
        canonical = None
    return WebPage(
        text=traf_text,
        html=_paragraph_html(paragraphs),
        title=title[:1000],
        byline=byline[:500],
        published_at=published,
        canonical_url=canonical,
        language=(meta.get("language") or language or "")[:16],
        site_name=(meta.get("sitename") or site_name or "")[:200],
    )
