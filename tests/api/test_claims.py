"""The claims resource: provenance on every item, the browser's filters, corrections through the review services."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from claims import models as m
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.json()["results"]]


def test_it_gives_each_claim_with_its_provenance(editor_api):
    source = ActorFactory(name="Health Ministry", type="organization")
    claim = NumericClaimFactory(source=source, engine_version="engine-7")
    body = editor_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["article"] == claim.article_id
    assert body["article_url"] == claim.article.url
    assert claim.article.text[body["start"] : body["end"]] == body["span"] == "more than 120 people"
    assert body["origin"] == "machine"
    assert body["status"] == "unreviewed"
    assert body["engine_version"] == "engine-7"
    assert body["value"] == "120.0000"
    assert body["qualifier"] == "more_than"
    assert body["source"] == source.pk
    assert body["source_name"] == "Health Ministry"
    assert body["outlet"] == claim.article.outlet_id
    assert body["version"] == 1


def test_it_lists_newest_claims_first(editor_api):
    claims = [NumericClaimFactory() for _ in range(3)]
    assert ids(editor_api.get("/api/v1/claims/")) == [c.pk for c in reversed(claims)]


def test_it_answers_404_as_json_for_a_missing_claim(editor_api):
    response = editor_api.get("/api/v1/claims/999999/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


# --- filters -----------------------------------------------------------------------------


@pytest.fixture
def spread():
    """Claims that differ in one attribute each, so every filter has something to keep and drop."""
    outlet = OutletFactory(name="Daily Bugle")
    ministry = ActorFactory(name="Health Ministry", type="organization")
    old_name = ActorFactory(name="Ministry of Health", type="organization", merged_into=ministry)
    art_old = ArticleFactory(published_at=datetime(2023, 1, 10, 9, tzinfo=UTC), outlet=outlet)
    art_new = ArticleFactory(published_at=datetime(2024, 6, 1, 9, tzinfo=UTC))
    m.ActorMention.objects.create(article=art_new, actor=ministry, start=0, end=3, surface="The")
    return {
        "killed": NumericClaimFactory(article=art_old, category="killed", value=Decimal(120), source=ministry),
        "injured": NumericClaimFactory(
            article=art_new, category="injured", qualifier="approximately", value=Decimal(4000), as_of=date(2024, 6, 1)
        ),
        "merged": NumericClaimFactory(article=art_new, category="killed", value=Decimal(7), source=old_name),
        "verified": NumericClaimFactory(
            article=art_old, category="aid", status="verified", value=Decimal(50), as_of=date(2023, 1, 10)
        ),
        "outlet": outlet,
        "ministry": ministry,
        "art_old": art_old,
        "art_new": art_new,
    }


def _pks(spread, *names):
    return sorted(spread[n].pk for n in names)


FILTERS = [
    ("category=injured", ["injured"]),
    ("category=killed&category=aid", ["killed", "merged", "verified"]),
    ("qualifier=approximately", ["injured"]),
    ("qualifier=more_than", ["killed", "merged", "verified"]),
    ("min_value=100", ["killed", "injured"]),
    ("max_value=50", ["merged", "verified"]),
    ("min_value=10&max_value=1000", ["killed", "verified"]),
    ("status=verified", ["verified"]),
    ("status=unreviewed", ["killed", "injured", "merged"]),
    ("published_after=2024-01-01", ["injured", "merged"]),
    ("published_before=2023-12-31", ["killed", "verified"]),
    ("as_of_after=2024-05-01", ["injured", "merged"]),
    ("as_of_before=2023-02-01", ["killed", "verified"]),
    ("q=earthquake", []),
    ("q=FLOODS ministry", ["killed", "injured", "merged", "verified"]),  # both in the claims' sentence
    ("q=shelters", []),  # a later sentence of the same articles
    ("origin=editor", []),
    ("min_confidence=0.9", []),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_it_filters_claims_like_the_claims_browser(editor_api, spread, query, expected):
    assert sorted(ids(editor_api.get(f"/api/v1/claims/?{query}"))) == _pks(spread, *expected)


def test_it_filters_by_source_including_actors_merged_into_it(editor_api, spread):
    ministry = spread["ministry"].pk
    assert sorted(ids(editor_api.get(f"/api/v1/claims/?source={ministry}"))) == _pks(spread, "killed", "merged")
    assert sorted(ids(editor_api.get(f"/api/v1/claims/?speaker={ministry}"))) == _pks(spread, "killed", "merged")


def test_it_filters_by_an_actor_mentioned_in_the_article(editor_api, spread):
    got = ids(editor_api.get(f"/api/v1/claims/?actor={spread['ministry'].pk}"))
    assert sorted(got) == _pks(spread, "injured", "merged")


def test_it_filters_by_outlet_and_article(editor_api, spread):
    assert sorted(ids(editor_api.get(f"/api/v1/claims/?outlet={spread['outlet'].pk}"))) == _pks(
        spread, "killed", "verified"
    )
    assert sorted(ids(editor_api.get(f"/api/v1/claims/?article={spread['art_new'].pk}"))) == _pks(
        spread, "injured", "merged"
    )


def test_it_returns_only_claims_changed_since_a_time_for_incremental_sync(editor_api, spread):
    cutoff = timezone.now() + timedelta(seconds=1)
    m.NumericClaim.objects.filter(pk=spread["injured"].pk).update(updated_at=cutoff + timedelta(minutes=1))
    query = {"updated_since": cutoff.isoformat()}
    assert ids(editor_api.get("/api/v1/claims/", query)) == [spread["injured"].pk]


def test_it_searches_the_claims_own_sentence_like_the_claims_browser(editor_api):
    quake = ArticleFactory(text="Aftershocks went on. After the earthquake on the coast more than 120 people died.")
    hit = NumericClaimFactory(article=quake)
    NumericClaimFactory()
    assert ids(editor_api.get("/api/v1/claims/?q=earthquake coast")) == [hit.pk]
    assert ids(editor_api.get("/api/v1/claims/?q=earthquake volcano")) == []
    assert ids(editor_api.get("/api/v1/claims/?q=aftershocks")) == []  # the sentence before is not the claim's


def test_it_orders_claims_by_value_either_way(editor_api, spread):
    by_value = ids(editor_api.get("/api/v1/claims/?ordering=value"))
    assert by_value == [spread[n].pk for n in ("merged", "verified", "killed", "injured")]
    assert ids(editor_api.get("/api/v1/claims/?ordering=-value")) == list(reversed(by_value))


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("category=massacre", "category"),
        ("qualifier=roughly", "qualifier"),
        ("min_value=lots", "min_value"),
        ("status=maybe", "status"),
        ("published_after=yesterday", "published"),
        ("updated_since=last-week", "updated_since"),
        ("source=ministry", "source"),
        ("outlet=1.5", "outlet"),
        ("article=99999999999999999999999", "article"),
        ("ordering=span", "ordering"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
    ],
)
def test_it_answers_a_bad_filter_value_with_a_400_naming_the_parameter(editor_api, query, parameter):
    NumericClaimFactory()
    response = editor_api.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert parameter in body["errors"]
    assert parameter in body["message"]


# --- writes ------------------------------------------------------------------------------


def test_it_corrects_a_claim_through_the_review_service(editor_api, editor):
    claim = NumericClaimFactory()
    response = editor_api.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "value": "125", "qualifier": "exact"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["value"], body["qualifier"], body["status"], body["version"]) == ("125.0000", "exact", "corrected", 2)
    claim.refresh_from_db()
    assert claim.value == Decimal(125)
    assert claim.reviewed_by == editor
    assert claim.history.first().history_user == editor


def test_it_answers_a_stale_version_with_409_and_the_current_state(editor_api):
    claim = NumericClaimFactory()
    first = editor_api.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "value": "125"}, format="json")
    assert first.status_code == 200
    stale = editor_api.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "value": "130"}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"]["value"] == "125.0000"
    assert body["current"]["version"] == 2
    claim.refresh_from_db()
    assert claim.value == Decimal(125)


def test_it_requires_the_version_to_correct(editor_api):
    claim = NumericClaimFactory()
    response = editor_api.patch(f"/api/v1/claims/{claim.pk}/", {"value": "3"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_it_refuses_a_range_whose_top_is_below_its_bottom(editor_api):
    claim = NumericClaimFactory()
    response = editor_api.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "value_max": "3"}, format="json")
    assert response.status_code == 400
    assert "value_max" in response.json()["errors"]


def test_it_moves_the_span_and_takes_its_text_from_the_article(editor_api):
    claim = NumericClaimFactory()
    start = claim.article.text.index("About 4,000")
    response = editor_api.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "start": start, "end": start + 11}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["span"] == "About 4,000"


def test_it_adds_a_claim_the_machine_missed(editor_api):
    article = ArticleFactory()
    start = article.text.index("About 4,000")
    response = editor_api.post(
        "/api/v1/claims/",
        {"article": article.pk, "start": start, "end": start + 21, "value": "4000", "category": "displaced"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["origin"], body["status"], body["span"]) == ("editor", "verified", "About 4,000 residents")
    assert response["Location"].endswith(f"/api/v1/claims/{body['id']}/")


def test_it_refuses_a_new_claim_whose_span_is_outside_the_article(editor_api):
    article = ArticleFactory()
    response = editor_api.post(
        "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 100000, "value": "1"}, format="json"
    )
    assert response.status_code == 400
    assert "end" in response.json()["errors"]


@pytest.mark.parametrize(("action", "status"), [("verify", "verified"), ("reject", "rejected")])
def test_it_verifies_and_rejects_claims(editor_api, action, status):
    claim = NumericClaimFactory()
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/{action}/", {"version": 1}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == (status, 2)
    again = editor_api.post(f"/api/v1/claims/{claim.pk}/{action}/", {"version": 1}, format="json")
    assert again.status_code == 409


def test_it_does_not_offer_put_or_delete(editor_api):
    claim = NumericClaimFactory()
    assert editor_api.put(f"/api/v1/claims/{claim.pk}/", {}, format="json").status_code == 405
    assert editor_api.delete(f"/api/v1/claims/{claim.pk}/").status_code == 405
    assert m.NumericClaim.objects.filter(pk=claim.pk).exists()
