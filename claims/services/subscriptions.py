"""Following a figure, an actor or a saved search: subscriptions, their feed tokens and webhooks.

A subscription always has an Atom feed; with a ``webhook_url`` it also receives signed
deliveries (``claims.services.webhooks``). A webhook URL must lead to a public address: the
same guard as fetching (``NEWSCLAIMS_ALLOW_PRIVATE_FETCH`` lets tests use loopback).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict

from ..lib.fetch import FetchError, _check_url, resolve_checked
from ..models import Actor, Figure, FollowTarget, Subscription

SEARCH_PARAMS = {"q", "category", "qualifier", "status", "outlet", "source", "speaker", "actor", "from", "to"}


def search_query(raw: str | QueryDict) -> str:
    """A saved search's query string, with only the browser's filter parameters kept."""
    query = raw if isinstance(raw, QueryDict) else QueryDict(raw.lstrip("?"))
    pairs = [(k, v) for k in sorted(query) if k in SEARCH_PARAMS for v in query.getlist(k) if v]
    return urlencode(pairs)[:1000]


def webhook_url_check(url: str) -> str:
    """The URL, if it is http(s) and leads to a public address; ValidationError otherwise."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parsed = _check_url(url)
        resolve_checked(parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80))
    except FetchError as exc:
        raise ValidationError({"webhook_url": f"This URL cannot receive webhooks: {exc}."}) from None
    return url


def _target(target: str, figure: Any, actor: Any, query: str) -> dict[str, Any]:
    if target == FollowTarget.FIGURE:
        row = figure if isinstance(figure, Figure) else Figure.objects.filter(slug=figure).first()
        if row is None and str(figure).isdigit():
            row = Figure.objects.filter(pk=int(figure)).first()
        if row is None:
            raise ValidationError({"figure": f"There is no figure {figure!r}."})
        return {"figure": row, "name": f"Figure: {row.name}"}
    if target == FollowTarget.ACTOR:
        row = actor if isinstance(actor, Actor) else None
        if row is None and str(actor).isdigit():
            row = Actor.objects.filter(pk=int(actor)).first()
        if row is None:
            raise ValidationError({"actor": f"There is no actor {actor!r}."})
        return {"actor": row, "name": f"Actor: {row.name}"}
    if target in (FollowTarget.CLAIMS, FollowTarget.QUOTES):
        saved = search_query(query or "")
        return {"query": saved, "name": f"{target.capitalize()} search: {saved or 'everything'}"}
    raise ValidationError({"target": f"{target!r} is not one of {', '.join(FollowTarget.values)}."})


@transaction.atomic
def subscription_create(
    *,
    user: Any,
    target: str,
    figure: Figure | str | int | None = None,
    actor: Actor | int | None = None,
    query: str = "",
    name: str = "",
    webhook_url: str = "",
    webhook_secret: str = "",
) -> Subscription:
    """Follow a figure, an actor or a search. A webhook without a secret gets a generated one."""
    fields = _target(target, figure, actor, query)
    url = webhook_url_check(webhook_url)
    subscription = Subscription(
        user=user,
        target=target,
        figure=fields.get("figure"),
        actor=fields.get("actor"),
        query=fields.get("query", ""),
        name=(name or fields["name"]).strip()[:200],
        webhook_url=url,
        webhook_secret=((webhook_secret or secrets.token_urlsafe(32)) if url else "")[:100],
    )
    subscription.save()
    return subscription


@transaction.atomic
def subscription_update(
    *, subscription: Subscription, name: str | None = None, webhook_url: str | None = None, webhook_secret: str = ""
) -> Subscription:
    """Rename it, or set, change or remove (``""``) its webhook."""
    row = Subscription.objects.select_for_update().get(pk=subscription.pk)
    fields = []
    if name is not None and name.strip():
        row.name = name.strip()[:200]
        fields.append("name")
    if webhook_url is not None:
        row.webhook_url = webhook_url_check(webhook_url)
        row.webhook_secret = (webhook_secret or row.webhook_secret or secrets.token_urlsafe(32))[:100]
        if not row.webhook_url:
            row.webhook_secret = ""
        fields += ["webhook_url", "webhook_secret"]
    elif webhook_secret:
        row.webhook_secret = webhook_secret[:100]
        fields.append("webhook_secret")
    if fields:
        row.save(update_fields=fields)
    return row


@transaction.atomic
def subscription_resume(*, subscription: Subscription) -> Subscription:
    """Deliver again after an automatic pause; the failure count starts over."""
    row = Subscription.objects.select_for_update().get(pk=subscription.pk)
    row.paused_at, row.pause_reason, row.failures = None, "", 0
    row.save(update_fields=["paused_at", "pause_reason", "failures"])
    return row


@transaction.atomic
def subscription_new_feed_token(*, subscription: Subscription) -> Subscription:
    """A new feed URL; the old one stops working at once."""
    row = Subscription.objects.select_for_update().get(pk=subscription.pk)
    row.feed_salt = secrets.token_hex(16)
    row.save(update_fields=["feed_salt"])
    return row


@transaction.atomic
def subscription_delete(*, subscription: Subscription) -> None:
    Subscription.objects.filter(pk=subscription.pk).delete()
