"""Signed webhooks for followed figures, actors and searches (issue 18).

Events come from the services that write claims, quotes and flags, after their transaction
commits (``transaction.on_commit``): ``follow_after_extraction`` (an article's new claims and
quotes), ``follow_items_added`` (an editor's), ``follow_flags_raised`` (a figure's new flags).
Each event becomes one ``WebhookDelivery`` per matching subscription, once: its ``key`` names
the event (a claim's article and span, so re-extraction does not send it again).

A delivery is a POST of JSON with ``X-Newsclaims-Signature: sha256=<hex>``, the HMAC-SHA256
of the exact body with the subscription's secret. It goes through the same address guard as
fetching (no private or loopback addresses unless ``NEWSCLAIMS_ALLOW_PRIVATE_FETCH``), follows
no redirects, and counts as delivered on a 2xx answer. Failures are retried with exponential
back-off by the task; ``NEWSCLAIMS_WEBHOOK_PAUSE_AFTER`` failed attempts in a row pause the
subscription until its owner resumes it.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..lib.fetch import FetchError, _check_url, resolve_checked, tls_verify
from ..models import (
    Actor,
    DeliveryStatus,
    FigureFlag,
    FollowTarget,
    NumericClaim,
    Origin,
    Quote,
    ReviewStatus,
    Subscription,
    WebhookDelivery,
)
from ..reads.follow import Entry, claim_entry, figure_first_of_series, quote_entry, search_items

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Newsclaims-Signature"
EVENT_HEADER = "X-Newsclaims-Event"
DELIVERY_HEADER = "X-Newsclaims-Delivery"
USER_AGENT = "Newsclaims-Webhook/1.0"


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def retry_delay(retries: int) -> int:
    """Seconds before the next attempt: base × 2^retries, ±20 % jitter."""
    base = settings.NEWSCLAIMS_WEBHOOK_RETRY_SECONDS
    return int(base * 2**retries * random.uniform(0.8, 1.2))  # noqa: S311 (jitter, not security)


# --- Events -------------------------------------------------------------------------------------


def _claim_key(claim: NumericClaim) -> str:
    return f"{claim.article_id}:{claim.start}:{claim.end}"


def _item(entry: Entry, row: Any) -> dict[str, Any]:
    base = settings.NEWSCLAIMS_BASE_URL
    data: dict[str, Any] = {"title": entry.title, "link": base + entry.link, "summary": entry.description}
    if isinstance(row, NumericClaim):
        data.update(
            claim={
                "id": row.pk,
                "article": row.article_id,
                "value": str(row.value.normalize()),
                "value_max": None if row.value_max is None else str(row.value_max.normalize()),
                "qualifier": row.qualifier,
                "category": row.category,
                "noun": row.noun,
                "source": row.source_id,
                "source_surface": row.source_surface,
                "span": row.span,
                "figure": row.figure_id,
                "as_of": row.as_of.isoformat() if row.as_of else None,
            }
        )
    elif isinstance(row, Quote):
        data.update(
            quote={
                "id": row.pk,
                "article": row.article_id,
                "text": row.text,
                "speaker": row.speaker_id,
                "speaker_surface": row.speaker_surface,
            }
        )
    return data


@dataclass(frozen=True)
class Subscribers:
    figure: dict[int, list[Subscription]]
    actor: dict[int, list[Subscription]]
    search: list[Subscription]
    any: bool


def _subscribers() -> Subscribers:
    """Active webhook subscriptions by what they follow (one query, plus merged actors)."""
    subs = list(
        Subscription.objects.exclude(webhook_url="").filter(paused_at__isnull=True).select_related("user", "figure")
    )
    by_figure: dict[int, list[Subscription]] = defaultdict(list)
    by_actor: dict[int, list[Subscription]] = defaultdict(list)
    searches: list[Subscription] = []
    for sub in subs:
        if sub.target == FollowTarget.FIGURE and sub.figure_id is not None:
            by_figure[sub.figure_id].append(sub)
        elif sub.target == FollowTarget.ACTOR and sub.actor_id is not None:
            by_actor[sub.actor_id].append(sub)
        else:
            searches.append(sub)
    if by_actor:
        for pk, target in Actor.objects.filter(merged_into_id__in=list(by_actor)).values_list("id", "merged_into_id"):
            by_actor[pk] += by_actor[target]
    return Subscribers(figure=by_figure, actor=by_actor, search=searches, any=bool(subs))


def _emit(quotes: list[Quote], claims: list[NumericClaim]) -> list[WebhookDelivery]:
    subs = _subscribers()
    if not subs.any or not (quotes or claims):
        return []
    events: list[tuple[Subscription, str, str, dict]] = []
    for quote in quotes:
        key = f"quote:{quote.article_id}:{quote.start}:{quote.end}"
        for sub in subs.actor.get(quote.speaker_id, []) if quote.speaker_id else []:
            events.append((sub, "quote.new", key, _item(quote_entry(quote), quote)))
    followed = {c.figure_id for c in claims if c.figure_id is not None and c.figure_id in subs.figure}
    firsts = {fid: figure_first_of_series(fid) for fid in followed}
    by_kind: dict[str, dict[int, Quote | NumericClaim]] = {"claims": {c.pk: c for c in claims}}
    by_kind["quotes"] = {q.pk: q for q in quotes}
    for claim in claims:
        key = f"claim:{_claim_key(claim)}"
        for sub in subs.actor.get(claim.source_id, []) if claim.source_id else []:
            events.append((sub, "claim.new", key, _item(claim_entry(claim), claim)))
        if claim.figure_id is not None and claim.figure_id in firsts:
            new_source = claim.pk in firsts[claim.figure_id]
            kind, prefix = ("figure.source", "New source") if new_source else ("figure.value", "New value")
            entry = claim_entry(claim, kind=kind, prefix=prefix)
            for sub in subs.figure[claim.figure_id]:
                events.append((sub, kind, f"figure-{key}", _item(entry, claim)))
    for sub in subs.search:
        rows = by_kind[sub.target]
        if not rows:
            continue
        for pk in search_items(sub.target, sub.query, sub.user).filter(pk__in=list(rows)).values_list("pk", flat=True):
            row = rows[pk]
            if isinstance(row, NumericClaim):
                events.append((sub, "claim.new", f"claim:{_claim_key(row)}", _item(claim_entry(row), row)))
            else:
                key = f"quote:{row.article_id}:{row.start}:{row.end}"
                events.append((sub, "quote.new", key, _item(quote_entry(row), row)))
    return _deliveries_create(events)


def _deliveries_create(events: list[tuple[Subscription, str, str, dict]]) -> list[WebhookDelivery]:
    """One delivery per (subscription, event key) never sent before; each queued after commit."""
    if not events:
        return []
    keys = {key for _, _, key, _ in events}
    seen = set(
        WebhookDelivery.objects.filter(subscription__in={s.pk for s, *_ in events}, key__in=keys).values_list(
            "subscription_id", "key"
        )
    )
    rows = []
    for sub, event, key, item in events:
        if (sub.pk, key) in seen:
            continue
        seen.add((sub.pk, key))
        payload = {"event": event, "subscription": {"id": sub.pk, "name": sub.name, "target": sub.target}, **item}
        rows.append(WebhookDelivery(subscription=sub, event=event, key=key[:200], payload=payload))
    created = WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=False)
    from ..tasks import deliver_webhook

    for delivery in created:
        transaction.on_commit(functools.partial(deliver_webhook.delay, delivery.pk))
    return created


@transaction.atomic
def follow_after_extraction(*, article_ids: Iterable[int]) -> list[WebhookDelivery]:
    """Events for the new machine claims and quotes of freshly extracted articles."""
    ids = list(article_ids)
    if not ids or not Subscription.objects.exclude(webhook_url="").filter(paused_at__isnull=True).exists():
        return []
    live = {"article_id__in": ids, "origin": Origin.MACHINE}
    quotes = (
        Quote.objects.filter(**live)
        .exclude(status=ReviewStatus.REJECTED)
        .select_related("article", "article__outlet", "speaker")
    )
    claims = (
        NumericClaim.objects.filter(**live)
        .exclude(status=ReviewStatus.REJECTED)
        .select_related("article", "article__outlet", "source")
    )
    return _emit(list(quotes), list(claims))


@transaction.atomic
def follow_items_added(*, quote_ids: Iterable[int] = (), claim_ids: Iterable[int] = ()) -> list[WebhookDelivery]:
    """Events for quotes and claims an editor added."""
    quotes = Quote.objects.filter(pk__in=list(quote_ids)).select_related("article", "article__outlet", "speaker")
    claims = NumericClaim.objects.filter(pk__in=list(claim_ids)).select_related("article", "article__outlet", "source")
    return _emit(list(quotes), list(claims))


@transaction.atomic
def follow_flags_raised(*, flag_ids: Iterable[int]) -> list[WebhookDelivery]:
    """Events for new disagreement and revision flags, to the subscribers of their figures."""
    flags = list(FigureFlag.objects.filter(pk__in=list(flag_ids)).select_related("figure"))
    if not flags:
        return []
    subs = _subscribers().figure
    base = settings.NEWSCLAIMS_BASE_URL
    events = []
    for flag in flags:
        for sub in subs.get(flag.figure_id, []):
            item = {
                "title": f"{flag.get_kind_display()}: {flag.figure.name}",
                "link": f"{base}/figures/{flag.figure.slug}/#flag-{flag.pk}",
                "summary": flag.detail,
                "flag": {"id": flag.pk, "kind": flag.kind, "figure": flag.figure_id, "detail": flag.detail},
            }
            events.append((sub, "figure.flag", f"flag:{flag.pk}", item))
    return _deliveries_create(events)


def follow_flags_raised_soon(flag_ids: list[int]) -> None:
    """What a service calls inside its transaction: the flags' events once it commits."""
    if flag_ids:
        transaction.on_commit(lambda: follow_flags_raised(flag_ids=flag_ids))


# --- Delivering ---------------------------------------------------------------------------------


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST to the checked address of ``url`` (the name in Host and SNI); returns the status code."""
    target = _check_url(url)
    port = target.port or (443 if target.scheme == "https" else 80)
    address = resolve_checked(target.host, port)
    timeout = float(settings.NEWSCLAIMS_WEBHOOK_TIMEOUT)
    limits = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    with httpx.Client(timeout=limits, follow_redirects=False, trust_env=False, verify=tls_verify()) as client:
        request = client.build_request(
            "POST",
            target.copy_with(host=address),
            content=body,
            headers={**headers, "Host": target.netloc.decode("ascii")},
            extensions={"sni_hostname": target.host} if target.scheme == "https" else {},
        )
        response = client.send(request)
        response.close()
        return response.status_code


def _record(delivery: WebhookDelivery, *, code: int | None, error: str, status: str) -> None:
    now = timezone.now()
    delivery.attempts += 1
    delivery.response_code = code
    delivery.error = error[:2000]
    delivery.status = status
    delivery.log = [*delivery.log, {"at": now.isoformat(), "status": code, "error": error[:300]}]
    fields = ["attempts", "response_code", "error", "status", "log"]
    if status == DeliveryStatus.DELIVERED:
        delivery.delivered_at = now
        fields.append("delivered_at")
    delivery.save(update_fields=fields)


def _failed_attempt(subscription_id: int) -> bool:
    """Count a failed attempt; pause the subscription at the limit. True when it is now paused."""
    sub = Subscription.objects.select_for_update().get(pk=subscription_id)
    sub.failures = F("failures") + 1
    sub.save(update_fields=["failures"])
    sub.refresh_from_db(fields=["failures"])
    if sub.failures >= settings.NEWSCLAIMS_WEBHOOK_PAUSE_AFTER and sub.paused_at is None:
        sub.paused_at = timezone.now()
        sub.pause_reason = f"{sub.failures} failed deliveries in a row"
        sub.save(update_fields=["paused_at", "pause_reason"])
    return sub.paused_at is not None


def _prepare(delivery_id: int) -> tuple[str, dict[str, Any]] | str:
    """What to send for a pending delivery, or the outcome when there is nothing to send."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update().select_related("subscription").filter(pk=delivery_id).first()
        )
        if delivery is None:
            return "gone"
        if delivery.status != DeliveryStatus.PENDING:
            return delivery.status  # a redelivered task: already settled
        sub = delivery.subscription
        if sub.paused_at is not None or not sub.webhook_url:
            _record(delivery, code=None, error="not sent: the subscription is paused", status=DeliveryStatus.FAILED)
            return "failed"
        body = json.dumps({**delivery.payload, "delivery": delivery.pk}, sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(sub.webhook_secret, body),
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.pk),
        }
        return sub.webhook_url, {"body": body, "headers": headers}


def webhook_deliver(*, delivery_id: int, final: bool = False) -> str:
    """Try one delivery once. Returns ``delivered``, ``retry`` (try again later), ``failed``
    (given up: last attempt, paused, or the webhook removed) or ``gone`` (no such delivery).

    No transaction is held while the receiver answers: the delivery is read, sent, then its
    outcome recorded. A task redelivered meanwhile may send it twice (at least once, never lost).
    """
    prepared = _prepare(delivery_id)
    if isinstance(prepared, str):
        return prepared
    url, request = prepared
    code: int | None = None
    try:
        code = _post(url, request["body"], request["headers"])
        error = "" if 200 <= code < 300 else f"HTTP {code}"
    except FetchError as exc:
        error = str(exc)
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            return "gone"
        if not error:
            _record(delivery, code=code, error="", status=DeliveryStatus.DELIVERED)
            Subscription.objects.filter(pk=delivery.subscription_id, failures__gt=0).update(failures=0)
            return "delivered"
        paused = _failed_attempt(delivery.subscription_id)
        give_up = final or paused
        _record(delivery, code=code, error=error, status=DeliveryStatus.FAILED if give_up else DeliveryStatus.PENDING)
    log.info("webhook delivery %s failed (%s)%s", delivery_id, error, "; subscription paused" if paused else "")
    return "failed" if give_up else "retry"
