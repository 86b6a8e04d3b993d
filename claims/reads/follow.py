"""What a followed figure, actor or search has new: the entries of its Atom feed (issue 18).

Each entry links to the highlighted span on its article (``/articles/<id>/#claim-<id>`` or
``#quote-<id>``); a figure's flags link to the figure page. Entries are read from the data
itself (newest first), so a feed is right whatever happened before anyone subscribed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Min
from django.http import QueryDict
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import Actor, Figure, FigureFlag, NumericClaim, Quote, Subscription
from ..reads.browse import Filters, base_queryset, filtered
from .figures import format_value

LIMIT = 50
TOKEN_SALT = "newsclaims.follow.feed"  # noqa: S105 (a key-derivation label, not a secret)


@dataclass(frozen=True)
class Entry:
    key: str  # stable identity: "claim:12", "quote:7", "flag:3"
    title: str
    link: str  # a path on this site, to the highlighted span
    description: str
    updated: datetime
    kind: str  # figure.value, figure.source, figure.flag, claim.new, quote.new


@dataclass(frozen=True)
class FeedSource:
    title: str
    link: str
    subtitle: str
    entries: list[Entry]


def claim_link(claim: NumericClaim) -> str:
    return reverse("article", args=[claim.article_id]) + f"#claim-{claim.pk}"


def quote_link(quote: Quote) -> str:
    return reverse("article", args=[quote.article_id]) + f"#quote-{quote.pk}"


def _where(article: Any) -> str:
    outlet = article.outlet.name if article.outlet_id else "no outlet"
    day = article.published_at.date().isoformat() if article.published_at else "undated"
    return f"{outlet}, {day}"


def claim_summary(claim: NumericClaim) -> str:
    value = format_value(claim.value, claim.value_max, claim.qualifier)
    who = claim.source.name if claim.source is not None else claim.source_surface or "no named source"
    return f"{value} {claim.noun or claim.get_category_display().lower()} ({who})"


def claim_entry(claim: NumericClaim, *, kind: str = "claim.new", prefix: str = "New claim") -> Entry:
    return Entry(
        key=f"claim:{claim.pk}",
        title=f"{prefix}: {claim_summary(claim)}",
        link=claim_link(claim),
        description=f"“{claim.span}” — {claim.article.title or 'untitled'} ({_where(claim.article)})",
        updated=claim.created_at,
        kind=kind,
    )


def quote_entry(quote: Quote) -> Entry:
    who = quote.speaker.name if quote.speaker is not None else quote.speaker_surface or "unknown speaker"
    short = quote.text if len(quote.text) <= 120 else quote.text[:117] + "…"
    return Entry(
        key=f"quote:{quote.pk}",
        title=f"{who}: “{short}”",
        link=quote_link(quote),
        description=f"“{quote.text}” — {quote.article.title or 'untitled'} ({_where(quote.article)})",
        updated=quote.created_at,
        kind="quote.new",
    )


def _series(source_id: int | None, outlet_id: int | None) -> tuple[str, int]:
    return ("actor", source_id) if source_id else ("outlet", outlet_id or 0)


def figure_first_of_series(figure_id: int) -> set[int]:
    """The first claim (lowest id) of each source in the figure: the ones that brought a new source."""
    rows = (
        NumericClaim.objects.live()
        .filter(figure_id=figure_id)
        .values("source_id", "article__outlet_id")
        .annotate(first=Min("id"))
    )
    firsts: dict[tuple[str, int], int] = {}
    for row in rows:
        series = _series(row["source_id"], row["article__outlet_id"])
        firsts[series] = min(firsts.get(series, row["first"]), row["first"])
    return set(firsts.values())


def figure_source(figure: Figure) -> FeedSource:
    claims = list(
        NumericClaim.objects.live()
        .filter(figure=figure)
        .select_related("article", "article__outlet", "source")
        .order_by("-created_at", "-id")[:LIMIT]
    )
    firsts = figure_first_of_series(figure.pk)
    entries = [
        claim_entry(c, kind="figure.source", prefix="New source")
        if c.pk in firsts
        else claim_entry(c, kind="figure.value", prefix="New value")
        for c in claims
    ]
    page = reverse("figures:detail", args=[figure.slug])
    for flag in FigureFlag.objects.filter(figure=figure).order_by("-created_at")[:LIMIT]:
        entries.append(
            Entry(
                key=f"flag:{flag.pk}",
                title=f"{flag.get_kind_display()}: {figure.name}",
                link=f"{page}#flag-{flag.pk}",
                description=flag.detail,
                updated=flag.created_at,
                kind="figure.flag",
            )
        )
    entries.sort(key=lambda e: e.updated, reverse=True)
    return FeedSource(
        title=f"{figure.name} · Newsclaims",
        link=page,
        subtitle=f"New values, new sources and flags of the figure “{figure.name}”.",
        entries=entries[:LIMIT],
    )


def actor_ids(actor: Actor) -> list[int]:
    """The actor and the actors merged into it."""
    return [actor.pk, *Actor.objects.filter(merged_into=actor).values_list("id", flat=True)]


def actor_source(actor: Actor) -> FeedSource:
    ids = actor_ids(actor)
    quotes = Quote.objects.live().filter(speaker_id__in=ids).select_related("article", "article__outlet", "speaker")
    claims = (
        NumericClaim.objects.live().filter(source_id__in=ids).select_related("article", "article__outlet", "source")
    )
    entries = [quote_entry(q) for q in quotes.order_by("-created_at", "-id")[:LIMIT]]
    entries += [claim_entry(c) for c in claims.order_by("-created_at", "-id")[:LIMIT]]
    entries.sort(key=lambda e: e.updated, reverse=True)
    return FeedSource(
        title=f"{actor.name} · Newsclaims",
        link=reverse("actor", args=[actor.pk]),
        subtitle=f"New quotes of {actor.name} and claims attributed to them.",
        entries=entries[:LIMIT],
    )


def search_items(kind: str, query: str, user: Any) -> Any:
    """The saved search's rows the user may read (``kind`` is claims or quotes), newest first."""
    filters = Filters.from_query(kind, QueryDict(query))
    related = ["article", "article__outlet", "source" if kind == "claims" else "speaker"]
    return filtered(filters, base_queryset(kind, user)).select_related(*related).order_by("-id")


def search_source(kind: str, query: str, user: Any) -> FeedSource:
    rows = list(search_items(kind, query, user)[:LIMIT])
    entries = [claim_entry(r) if kind == "claims" else quote_entry(r) for r in rows]
    path = reverse("claims" if kind == "claims" else "quotes")
    return FeedSource(
        title=f"{kind.capitalize()} matching “{query or 'everything'}” · Newsclaims",
        link=f"{path}?{query}" if query else path,
        subtitle=f"New {kind} matching a saved search.",
        entries=entries,
    )


def subscription_source(subscription: Any) -> FeedSource:
    if subscription.target == "figure":
        return figure_source(subscription.figure)
    if subscription.target == "actor":
        return actor_source(subscription.actor)
    return search_source(subscription.target, subscription.query, subscription.user)


# --- Secret feed URLs -----------------------------------------------------------------------------


def feed_token(subscription: Subscription) -> str:
    """The secret in the subscription's feed URL: ``<id>-<hmac>``; a new salt revokes it."""
    digest = salted_hmac(TOKEN_SALT, f"{subscription.pk}:{subscription.feed_salt}", algorithm="sha256").hexdigest()
    return f"{subscription.pk}-{digest[:40]}"


def subscription_for_token(token: str) -> Subscription | None:
    """The subscription whose feed token this is, None for anything else (constant-time compare)."""
    pk, _, _ = (token or "").partition("-")
    if not pk.isdigit() or len(token) > 80:
        return None
    subscription = Subscription.objects.select_related("user", "figure", "actor").filter(pk=int(pk)).first()
    if subscription is None or not constant_time_compare(feed_token(subscription), token):
        return None
    return subscription
