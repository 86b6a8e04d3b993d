"""Storing articles: one row per text, a revision kept when a known page changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from ..models import Article, ArticleRevision, ExtractionStatus, Outlet, content_hash_of


class ArticleRejected(ValueError):
    """The input cannot become an article (empty text, say); the message says why."""


@dataclass(frozen=True)
class IngestOutcome:
    article: Article
    created: bool  # a new article
    revised: bool  # a known article whose text changed

    @property
    def duplicate(self) -> bool:
        return not self.created and not self.revised


def outlet_for(*, name: str | None = None, domain: str | None = None) -> Outlet | None:
    name = (name or "").strip()[:200]
    domain = (domain or "").strip().lower()[:255] or None
    if domain and domain.startswith("www."):
        domain = domain[4:]
    if not name and not domain:
        return None
    if domain:
        outlet = Outlet.objects.filter(domain=domain).first()
        if outlet:
            return outlet
    outlet, _ = Outlet.objects.get_or_create(name=name or domain, defaults={"domain": domain})
    return outlet


def _queue_extraction(article_id: int) -> None:
    from ..tasks import extract_article

    transaction.on_commit(lambda: extract_article.delay(article_id))


@transaction.atomic
def article_ingest(
    *,
    text: str,
    title: str = "",
    url: str | None = None,
    canonical_url: str | None = None,
    html: str = "",
    byline: str = "",
    published_at: datetime | None = None,
    language: str = "en",
    outlet: Outlet | None = None,
    feed_id: int | None = None,
    extract: bool = True,
) -> IngestOutcome:
    """Store one article unless it is already known; queue its extraction after commit.

    The same URL, canonical URL or text is the same article. A known URL with new text keeps
    the old text as a revision and is extracted again.
    """
    text = (text or "").replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        raise ArticleRejected("The article has no text.")
    url = url or None
    canonical_url = canonical_url or None
    digest = content_hash_of(text)

    same_text = Article.objects.filter(content_hash=digest).first()
    if same_text is not None:
        return IngestOutcome(same_text, created=False, revised=False)

    known = None
    for candidate in (url, canonical_url):
        if candidate:
            known = (
                Article.objects.select_for_update().filter(url=candidate).first()
                or Article.objects.select_for_update().filter(canonical_url=candidate).first()
            )
            if known:
                break
    if known is not None:
        ArticleRevision.objects.create(
            article=known,
            title=known.title,
            text=known.text,
            html=known.html,
            content_hash=known.content_hash,
            engine_version=known.engine_version,
        )
        known.text, known.html, known.content_hash = text, html, digest
        known.title = title[:1000] or known.title
        known.byline = byline[:500] or known.byline
        known.published_at = published_at or known.published_at
        known.extraction_status = ExtractionStatus.PENDING
        known.save()
        if extract:
            _queue_extraction(known.pk)
        return IngestOutcome(known, created=False, revised=True)

    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=url,
                canonical_url=canonical_url or url,
                title=title[:1000],
                byline=byline[:500],
                published_at=published_at,
                language=language[:16],
                text=text,
                html=html,
                content_hash=digest,
                outlet=outlet,
                feed_id=feed_id,
            )
    except IntegrityError:
        # Another worker stored the same text or URL a moment ago: that row is the article.
        existing = Article.objects.filter(content_hash=digest).first() or Article.objects.filter(url=url).first()
        if existing is None:
            raise
        return IngestOutcome(existing, created=False, revised=False)
    if extract:
        _queue_extraction(article.pk)
    return IngestOutcome(article, created=True, revised=False)
