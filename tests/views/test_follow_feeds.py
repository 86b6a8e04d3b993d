"""Atom feeds of figures, actors and searches; secret feed URLs; the follow page (issue 18)."""

from __future__ import annotations

import feedparser
import pytest
from django.test import Client

from claims.models import Figure, FigureFlag, Subscription
from claims.reads.follow import feed_token
from claims.services.subscriptions import subscription_create, subscription_new_feed_token
from tests.factories import ActorFactory, NumericClaimFactory, QuoteFactory, UserFactory


@pytest.fixture
def figure(db):
    figure = Figure.objects.create(name="Flood deaths in the valley", slug="flood-deaths", category="killed")
    ministry = ActorFactory(name="Valley Health Ministry", type="organization")
    first = NumericClaimFactory(figure=figure, source=ministry)
    again = NumericClaimFactory(figure=figure, source=ministry, value=140)
    FigureFlag.objects.create(figure=figure, kind="disagreement", key="w1", detail="120 against 300")
    return {"figure": figure, "first": first, "again": again, "ministry": ministry}


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_figure_feed_is_valid_atom_with_values_sources_and_flags(journalist_client, figure):
    parsed = _parse(journalist_client.get("/follow/figures/flood-deaths.atom"))
    assert parsed.version == "atom10"
    titles = [e.title for e in parsed.entries]
    assert any(t.startswith("Sources disagree") for t in titles)
    links = {e.link for e in parsed.entries}
    first, again = figure["first"], figure["again"]
    assert f"http://testserver/articles/{first.article_id}/#claim-{first.pk}" in links
    by_link = {e.link: e.title for e in parsed.entries}
    assert by_link[f"http://testserver/articles/{first.article_id}/#claim-{first.pk}"].startswith("New source")
    assert by_link[f"http://testserver/articles/{again.article_id}/#claim-{again.pk}"].startswith(
        "New value: more than 140 people"
    )


def test_an_actor_feed_has_their_quotes_and_claims(journalist_client):
    speaker = ActorFactory(name="Maria Lopez")
    quote = QuoteFactory(speaker=speaker)
    claim = NumericClaimFactory(source=speaker)
    NumericClaimFactory(source=speaker, status="rejected")
    parsed = _parse(journalist_client.get(f"/follow/actors/{speaker.pk}.atom"))
    links = sorted(e.link for e in parsed.entries)
    assert links == sorted(
        [
            f"http://testserver/articles/{quote.article_id}/#quote-{quote.pk}",
            f"http://testserver/articles/{claim.article_id}/#claim-{claim.pk}",
        ]
    )


def test_a_search_feed_follows_the_browser_filters(journalist_client):
    injured = NumericClaimFactory(category="injured")
    NumericClaimFactory(category="killed")
    parsed = _parse(journalist_client.get("/follow/claims.atom?category=injured"))
    assert [e.link for e in parsed.entries] == [f"http://testserver/articles/{injured.article_id}/#claim-{injured.pk}"]


def test_followable_pages_advertise_their_feed(journalist_client, figure):
    alternate = '<link rel="alternate" type="application/atom+xml"'
    page = journalist_client.get("/figures/flood-deaths/").content.decode()
    assert f'{alternate} title="Flood deaths in the valley" href="/follow/figures/flood-deaths.atom">' in page
    page = journalist_client.get(f"/actors/{figure['ministry'].pk}/").content.decode()
    assert f'href="/follow/actors/{figure["ministry"].pk}.atom"' in page and alternate in page
    page = journalist_client.get("/claims/?category=killed").content.decode()
    assert 'href="/follow/claims.atom?category=killed"' in page and alternate in page


def test_anonymous_feed_readers_need_the_secret_url(db, figure):
    sub = subscription_create(user=UserFactory(role="journalist"), target="figure", figure=figure["figure"])
    anonymous = Client()
    assert anonymous.get("/follow/figures/flood-deaths.atom").status_code == 302  # to the login page
    parsed = _parse(anonymous.get(f"/follow/feed/{feed_token(sub)}.atom"))
    assert len(parsed.entries) == 3


def test_a_wrong_or_revoked_token_is_refused(db, figure):
    sub = subscription_create(user=UserFactory(), target="figure", figure=figure["figure"])
    token = feed_token(sub)
    anonymous = Client()
    wrong_last = "1" if token[-1] == "0" else "0"  # a different token, whatever its last digit
    assert anonymous.get(f"/follow/feed/{token[:-1]}{wrong_last}.atom").status_code == 404
    assert anonymous.get(f"/follow/feed/{sub.pk + 1}-{token.split('-')[1]}.atom").status_code == 404
    assert anonymous.get("/follow/feed/nonsense.atom").status_code == 404
    subscription_new_feed_token(subscription=sub)
    assert anonymous.get(f"/follow/feed/{token}.atom").status_code == 404
    sub.refresh_from_db()
    assert anonymous.get(f"/follow/feed/{feed_token(sub)}.atom").status_code == 200


def test_an_inactive_owner_s_feed_stops(db, figure):
    owner = UserFactory()
    sub = subscription_create(user=owner, target="figure", figure=figure["figure"])
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert Client().get(f"/follow/feed/{feed_token(sub)}.atom").status_code == 404


def test_the_follow_button_subscribes_and_the_page_lists_it(journalist_client, journalist, figure):
    response = journalist_client.post("/follow/new/", {"target": "figure", "figure": "flood-deaths"})
    assert response.status_code == 302
    sub = Subscription.objects.get(user=journalist)
    page = journalist_client.get("/follow/").content.decode()
    assert f"/follow/feed/{feed_token(sub)}.atom" in page
    journalist_client.post(f"/follow/{sub.pk}/delete/")
    assert not Subscription.objects.filter(user=journalist).exists()


def test_the_follow_page_refuses_a_private_webhook_url(journalist_client, journalist, settings):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    journalist_client.post(
        "/follow/new/", {"target": "claims", "query": "q=floods", "webhook_url": "http://127.0.0.1:8107/x"}
    )
    assert not Subscription.objects.filter(user=journalist).exists()


def test_nobody_changes_another_user_s_subscription(journalist_client, figure):
    other = subscription_create(user=UserFactory(), target="figure", figure=figure["figure"])
    assert journalist_client.post(f"/follow/{other.pk}/delete/").status_code == 404
    assert Subscription.objects.filter(pk=other.pk).exists()
