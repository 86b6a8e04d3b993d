"""Following: the subscriptions page, follow buttons, and the Atom feeds (issue 18)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..feeds import feed
from ..models import Actor, Figure, FollowTarget, Subscription
from ..reads.follow import (
    actor_source,
    feed_token,
    figure_source,
    search_source,
    subscription_for_token,
    subscription_source,
)
from ..roles import can_read
from ..services.subscriptions import (
    search_query,
    subscription_create,
    subscription_delete,
    subscription_new_feed_token,
    subscription_resume,
    subscription_update,
)
from .common import reader_required

DELIVERIES_SHOWN = 10


def _feed_url(request: HttpRequest, subscription: Subscription) -> str:
    return request.build_absolute_uri(reverse("feed-token", args=[feed_token(subscription)]))


@reader_required
def follow_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied("Log in to follow figures, actors and searches.")
    rows = []
    for subscription in request.user.subscriptions.select_related("figure", "actor"):
        deliveries = list(subscription.deliveries.all()[:DELIVERIES_SHOWN]) if subscription.webhook_url else []
        rows.append({"sub": subscription, "feed_url": _feed_url(request, subscription), "deliveries": deliveries})
    return render(request, "claims/follow/page.html", {"rows": rows, "targets": FollowTarget.choices})


@require_POST
@reader_required
def follow_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    data = request.POST
    target = data.get("target", "")
    query = data.get("query", "")
    try:
        subscription = subscription_create(
            user=request.user,
            target=target,
            figure=data.get("figure") or None,
            actor=int(data["actor"]) if data.get("actor", "").isdigit() else None,
            query=query,
            name=data.get("name", ""),
            webhook_url=data.get("webhook_url", ""),
            webhook_secret=data.get("webhook_secret", ""),
        )
    except ValidationError as error:
        for errors in error.message_dict.values():
            for text in errors:
                messages.error(request, text)
        return redirect("follow")
    messages.success(request, f"You follow “{subscription.name}”. Its feed URL is below.")
    return redirect(reverse("follow") + f"#subscription-{subscription.pk}")


def _own(request: HttpRequest, pk: int) -> Subscription:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(Subscription, pk=pk, user=request.user)


@require_POST
@reader_required
def follow_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    subscription = _own(request, pk)
    try:
        if action == "delete":
            subscription_delete(subscription=subscription)
            messages.success(request, f"You no longer follow “{subscription.name}”.")
            return redirect("follow")
        if action == "resume":
            subscription_resume(subscription=subscription)
            messages.success(request, "Deliveries resume with the next event.")
        elif action == "new-token":
            subscription_new_feed_token(subscription=subscription)
            messages.success(request, "A new feed URL; the old one no longer works.")
        elif action == "webhook":
            subscription_update(
                subscription=subscription,
                webhook_url=request.POST.get("webhook_url", ""),
                webhook_secret=request.POST.get("webhook_secret", ""),
            )
            messages.success(request, "Webhook saved.")
        else:
            raise Http404
    except ValidationError as error:
        for errors in error.message_dict.values():
            for text in errors:
                messages.error(request, text)
    return redirect(reverse("follow") + f"#subscription-{subscription.pk}")


# --- Feeds ------------------------------------------------------------------------------------


@reader_required
def figure_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return feed(request, source=figure_source(get_object_or_404(Figure, slug=slug)))


@reader_required
def actor_feed(request: HttpRequest, pk: int) -> HttpResponse:
    return feed(request, source=actor_source(get_object_or_404(Actor, pk=pk)))


@reader_required
def search_feed(request: HttpRequest, kind: str) -> HttpResponse:
    return feed(request, source=search_source(kind, search_query(request.GET), request.user))


def token_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A subscription's feed for readers without a session: the secret token is the credential."""
    subscription = subscription_for_token(token)
    if subscription is None or not can_read(subscription.user):
        raise Http404("No feed at this address.")
    return feed(request, source=subscription_source(subscription))
