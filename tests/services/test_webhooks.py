"""Signed webhooks: events from the writing services, HMAC signatures, retries, pause (issue 18)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from django.core.exceptions import ValidationError

from claims.models import ActorType, DeliveryStatus, WebhookDelivery
from claims.services.review import claim_add, quote_add
from claims.services.subscriptions import subscription_create, subscription_resume, webhook_url_check
from claims.services.webhooks import follow_after_extraction, webhook_deliver
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory, UserFactory
from tests.receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def loopback(settings):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    settings.NEWSCLAIMS_WEBHOOK_RETRY_SECONDS = 0
    settings.NEWSCLAIMS_WEBHOOK_RETRIES = 2
    settings.NEWSCLAIMS_WEBHOOK_PAUSE_AFTER = 3
    return settings


def _claim_by_editor(editor, source):
    article = ArticleFactory()
    start = article.text.index("more than 120")
    return claim_add(
        article=article, user=editor, start=start, end=start + 20, value="120", category="killed", source=source.pk
    )


def test_a_receiver_gets_a_correctly_signed_delivery(loopback, editor, django_capture_on_commit_callbacks):
    ministry = ActorFactory(name="Flood Ministry", type=ActorType.ORGANIZATION)
    with Receiver(status=204) as receiver:
        sub = subscription_create(
            user=UserFactory(), target="actor", actor=ministry, webhook_url=receiver.url, webhook_secret="s3cret"
        )
        with django_capture_on_commit_callbacks(execute=True):
            claim = _claim_by_editor(editor, ministry)
        assert receiver.arrived.wait(5)
    (request,) = receiver.requests
    expected = "sha256=" + hmac.new(b"s3cret", request["body"], hashlib.sha256).hexdigest()
    assert request["headers"]["X-Newsclaims-Signature"] == expected
    assert request["headers"]["X-Newsclaims-Event"] == "claim.new"
    body = json.loads(request["body"])
    assert body["claim"]["id"] == claim.pk and body["claim"]["source"] == ministry.pk
    assert body["link"].endswith(f"/articles/{claim.article_id}/#claim-{claim.pk}")
    assert body["subscription"]["id"] == sub.pk
    delivery = WebhookDelivery.objects.get(subscription=sub)
    assert (delivery.status, delivery.response_code, delivery.attempts) == (DeliveryStatus.DELIVERED, 204, 1)
    assert delivery.log[0]["status"] == 204


def test_a_failing_receiver_is_retried_then_the_subscription_pauses(
    loopback, editor, django_capture_on_commit_callbacks
):
    speaker = ActorFactory()
    with Receiver(status=500) as receiver:
        sub = subscription_create(user=UserFactory(), target="actor", actor=speaker, webhook_url=receiver.url)
        article = ArticleFactory()
        start = article.text.index("We are")
        with django_capture_on_commit_callbacks(execute=True):
            quote_add(article=article, user=editor, start=start, end=start + 19, speaker=speaker.pk)
    assert len(receiver.requests) == 3  # the first attempt and two retries
    delivery = WebhookDelivery.objects.get(subscription=sub)
    assert delivery.status == DeliveryStatus.FAILED
    assert [entry["status"] for entry in delivery.log] == [500, 500, 500]
    sub.refresh_from_db()
    assert sub.is_paused and sub.failures == 3 and "3 failed" in sub.pause_reason

    # Paused: new events are not even queued until the owner resumes.
    with django_capture_on_commit_callbacks(execute=True):
        quote_add(article=ArticleFactory(), user=editor, start=start, end=start + 19, speaker=speaker.pk)
    assert WebhookDelivery.objects.filter(subscription=sub).count() == 1
    subscription_resume(subscription=sub)
    sub.refresh_from_db()
    assert not sub.is_paused and sub.failures == 0


def test_a_success_resets_the_failure_count(loopback, editor):
    speaker = ActorFactory()
    with Receiver(status=200) as receiver:
        sub = subscription_create(user=UserFactory(), target="actor", actor=speaker, webhook_url=receiver.url)
        sub.failures = 2
        sub.save(update_fields=["failures"])
        quote = QuoteFactory(speaker=speaker)
        (delivery,) = follow_after_extraction(article_ids=[quote.article_id])
        assert webhook_deliver(delivery_id=delivery.pk) == "delivered"
    sub.refresh_from_db()
    assert sub.failures == 0


def test_each_event_is_sent_once_even_after_re_extraction(loopback):
    source = ActorFactory()
    sub = subscription_create(user=UserFactory(), target="actor", actor=source, webhook_url="http://127.0.0.1:9/x")
    claim = NumericClaimFactory(source=source)
    assert len(follow_after_extraction(article_ids=[claim.article_id])) == 1
    # Re-extraction replaces the row with an equal one: same article and span, no second event.
    article_id, start, end = claim.article_id, claim.start, claim.end
    claim.delete()
    NumericClaimFactory(article_id=article_id, start=start, end=end, source=source)
    assert follow_after_extraction(article_ids=[article_id]) == []
    assert WebhookDelivery.objects.filter(subscription=sub).count() == 1


def test_a_figure_subscriber_hears_of_a_new_source_then_a_new_value(loopback):
    from claims.models import Figure

    figure = Figure.objects.create(name="Flood deaths", slug="flood-deaths", category="killed")
    sub = subscription_create(user=UserFactory(), target="figure", figure=figure, webhook_url="http://127.0.0.1:9/x")
    first = NumericClaimFactory(figure=figure)
    second = NumericClaimFactory(figure=figure, article__outlet=first.article.outlet)
    follow_after_extraction(article_ids=[first.article_id, second.article_id])
    events = dict(WebhookDelivery.objects.filter(subscription=sub).values_list("payload__claim__id", "event"))
    assert events == {first.pk: "figure.source", second.pk: "figure.value"}


def test_a_search_subscriber_hears_only_of_matching_items(loopback):
    sub = subscription_create(
        user=UserFactory(role="journalist"),
        target="claims",
        query="category=injured",
        webhook_url="http://127.0.0.1:9/x",
    )
    killed = NumericClaimFactory(category="killed")
    injured = NumericClaimFactory(category="injured")
    follow_after_extraction(article_ids=[killed.article_id, injured.article_id])
    assert list(WebhookDelivery.objects.filter(subscription=sub).values_list("payload__claim__id", flat=True)) == [
        injured.pk
    ]


def test_new_flags_reach_the_figure_subscribers(loopback, django_capture_on_commit_callbacks):
    from claims.models import Figure, FigureFlag
    from claims.services.webhooks import follow_flags_raised

    figure = Figure.objects.create(name="Hostages", slug="hostages", category="hostages")
    sub = subscription_create(user=UserFactory(), target="figure", figure=figure, webhook_url="http://127.0.0.1:9/x")
    flag = FigureFlag.objects.create(figure=figure, kind="revision", key="w1", detail="Down from 240 to 229")
    (delivery,) = follow_flags_raised(flag_ids=[flag.pk])
    assert delivery.subscription == sub and delivery.event == "figure.flag"
    assert delivery.payload["link"].endswith(f"/figures/hostages/#flag-{flag.pk}")


def test_webhook_urls_to_private_addresses_are_refused(settings):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    for url in ("http://127.0.0.1:8106/hook", "http://10.0.0.5/hook", "http://localhost/hook", "ftp://example.org/"):
        with pytest.raises(ValidationError):
            webhook_url_check(url)
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    assert webhook_url_check("http://127.0.0.1:8106/hook") == "http://127.0.0.1:8106/hook"


@pytest.fixture
def worker_env(monkeypatch):
    """What the worker process must see (set before the ``celery_worker`` fixture starts it)."""
    for name, value in {
        "NEWSCLAIMS_ALLOW_PRIVATE_FETCH": "1",
        "NEWSCLAIMS_WEBHOOK_RETRY_SECONDS": "1",
        "NEWSCLAIMS_WEBHOOK_RETRIES": "2",
        "NEWSCLAIMS_WEBHOOK_PAUSE_AFTER": "3",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.mark.celery_worker
def test_a_real_worker_delivers_and_retries(worker_env, celery_worker, loopback):
    """Through the broker: the worker process reads its settings from the environment."""
    from django.db import transaction

    speaker = ActorFactory()
    with Receiver(status=200) as good, Receiver(status=503) as bad:
        ok = subscription_create(user=UserFactory(), target="actor", actor=speaker, webhook_url=good.url)
        failing = subscription_create(user=UserFactory(), target="actor", actor=speaker, webhook_url=bad.url)
        quote = QuoteFactory(speaker=speaker)
        with transaction.atomic():
            follow_after_extraction(article_ids=[quote.article_id])
        assert good.arrived.wait(30)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            failing.refresh_from_db()
            if failing.is_paused:
                break
            time.sleep(0.5)
    assert len(bad.requests) == 3 and failing.is_paused
    assert WebhookDelivery.objects.get(subscription=ok).status == DeliveryStatus.DELIVERED
    signature = good.requests[0]["headers"]["X-Newsclaims-Signature"]
    assert signature == "sha256=" + hmac.new(ok.webhook_secret.encode(), good.requests[0]["body"], "sha256").hexdigest()
