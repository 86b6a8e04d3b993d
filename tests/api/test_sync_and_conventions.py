"""What mirrors and generated clients rely on: stable ids and a change feed, bulk review, strict
and hostile-proof parameters, problem+json errors, conditional GET, rate-limit headers, CORS."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from claims import models as m
from claims.services.actors import actors_merge
from claims.services.extraction import extraction_apply
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, OutletFactory, QuoteFactory
from tests.services.test_extraction_apply import TEXT, engine_result

pytestmark = pytest.mark.django_db


def _walk(client, path: str, params: dict) -> list[dict]:
    rows, url, query = [], path, params
    while url:
        response = client.get(url, query)
        assert response.status_code == 200, response.content[:300]
        page = response.json()
        rows += page["results"]
        url, query = page["next"], None
    return rows


def _sync(client, mirror: dict[int, dict], since: str | None) -> None:
    params = {"ordering": "updated_at", "page_size": 2}
    if since:
        params["updated_since"] = since
    for row in _walk(client, "/api/v1/claims/", params):
        mirror[row["id"]] = row
    if since:
        for gone in _walk(client, "/api/v1/changes/", {"since": since, "kind": "claim"}):
            mirror.pop(gone["id"], None)


def test_a_mirror_synced_with_the_change_feed_equals_the_database(editor_api, editor):
    article = ArticleFactory(text=TEXT)
    extraction_apply(article=article, result=engine_result("v1"))
    NumericClaimFactory.create_batch(3)
    mirror: dict[int, dict] = {}
    _sync(editor_api, mirror, None)
    first_ids = set(mirror)
    fled = m.NumericClaim.objects.get(article=article, value=4000).pk
    killed = m.NumericClaim.objects.get(article=article, value=120).pk

    since = (timezone.now() - timedelta(seconds=1)).isoformat()
    again = engine_result("v2")
    again = replace(again, claims=(replace(again.claims[0], value=Decimal(121)), again.claims[1]))
    extraction_apply(article=article, result=again)  # one claim read differently, one found again
    _sync(editor_api, mirror, since)

    database = {row["id"]: row for row in _walk(editor_api, "/api/v1/claims/", {"page_size": 500})}
    assert mirror == database
    assert fled in mirror and mirror[fled]["engine_version"] == "v2", "found again: same id, updated"
    assert killed not in mirror and killed in first_ids, "the claim re-extraction dropped is gone"
    assert len(set(mirror) - first_ids) == 1


def test_the_change_feed_lists_deletions_and_merges_oldest_first(editor_api, editor):
    claim = NumericClaimFactory()
    gone = claim.pk
    claim.delete()
    source, target = ActorFactory(name="IDF"), ActorFactory(name="Israel Defense Forces")
    actors_merge(source=source, target=target, user=editor)
    body = editor_api.get("/api/v1/changes/").json()
    assert [(c["kind"], c["id"], c["replaced_by"]) for c in body["results"]] == [
        ("claim", gone, None),
        ("actor", source.pk, target.pk),
    ]
    later = editor_api.get("/api/v1/changes/", {"since": (timezone.now() + timedelta(minutes=1)).isoformat()})
    assert later.json()["results"] == []


def _item(row) -> dict:
    return {"kind": "claim" if isinstance(row, m.NumericClaim) else "quote", "id": row.pk, "version": row.version}


def test_bulk_review_verifies_every_item_at_once(write_api):
    claims = NumericClaimFactory.create_batch(2)
    quote = QuoteFactory()
    response = write_api.post(
        "/api/v1/review/bulk/",
        {"status": "verified", "items": [_item(c) for c in [*claims, quote]]},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert [c["status"] for c in body["claims"]] == ["verified", "verified"]
    assert body["quotes"][0]["status"] == "verified" and body["quotes"][0]["version"] == 2


def test_bulk_review_changes_nothing_when_one_item_is_stale(write_api):
    fresh, stale = NumericClaimFactory.create_batch(2)
    stale_version = stale.version
    m.NumericClaim.objects.filter(pk=stale.pk).update(version=stale_version + 1, status="rejected")
    items = [_item(fresh), {"kind": "claim", "id": stale.pk, "version": stale_version}]
    response = write_api.post("/api/v1/review/bulk/", {"status": "verified", "items": items}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert [(c["id"], c["current"]["status"]) for c in body["conflicts"]] == [(stale.pk, "rejected")]
    fresh.refresh_from_db()
    assert (fresh.status, fresh.version) == ("unreviewed", 1), "all or nothing"


@pytest.mark.parametrize(
    "query",
    [
        "min_value=NaN",
        "min_value=1e999999",
        "max_value=-Infinity",
        "min_confidence=nan",
        "min_value=1%00",
        "q=gaza%00",
        "article=1e999999",
        "cursor=eyJrIjpbTmFOXX0",  # {"k":[NaN]}
        "cursor=eyJrIjpbMWU5OTk5OTldfQ",  # {"k":[1e999999]}
        "updated_since=yesterday",
        "updated_since=0001-01-01T00:00:00%2B18:00",
        "categroy=killed",
        "page_size=501",
        "count=maybe",
        "facets=colour",
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_it_answers_hostile_parameters_with_a_problem_400(editor_api, query, fmt):
    NumericClaimFactory()
    response = editor_api.get(f"/api/v1/claims/?format={fmt}&{query}")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request" and body["detail"] == body["message"]


def test_it_names_the_valid_parameters_when_one_is_misspelled(editor_api):
    body = editor_api.get("/api/v1/claims/?categroy=killed").json()
    assert "categroy" in body["errors"] and "category" in body["errors"]["categroy"][0]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_it_takes_any_utc_offset_in_updated_since(editor_api, fmt):
    NumericClaimFactory()
    response = editor_api.get("/api/v1/claims/", {"format": fmt, "updated_since": "2000-01-01T00:00:00+18:00"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if fmt == "csv" else response.content
    assert content.count(b"\n") == 2 if fmt == "csv" else len(response.json()["results"]) == 1


def test_it_refuses_a_body_too_large_and_too_many_fields_with_a_400(write_api, settings):
    claim = NumericClaimFactory()
    big = json.dumps({"version": 1, "noun": "x" * 3_000_000})
    response = write_api.generic("PATCH", f"/api/v1/claims/{claim.pk}/", big, content_type="application/json")
    assert response.status_code == 400 and "too large" in response.json()["detail"]
    fields = "&".join(f"f{n}=1" for n in range(1200))
    response = write_api.get(f"/api/v1/claims/?{fields}")
    assert response.status_code == 400


def test_it_takes_json_writes_only(write_api):
    claim = NumericClaimFactory()
    response = write_api.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "noun": "people"})  # multipart
    assert response.status_code == 415
    response = write_api.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "value_max": None}, format="json"
    )  # a nullable field cleared
    assert response.status_code == 200 and response.json()["value_max"] is None


def test_it_gives_csv_for_format_csv_even_to_a_client_that_accepts_json(editor_api):
    NumericClaimFactory()
    response = editor_api.get("/api/v1/claims/?format=csv", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    response = editor_api.get("/api/v1/claims/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and "results" in response.json()


def test_it_answers_304_to_a_repeated_conditional_get(editor_api):
    claim = NumericClaimFactory()
    for url in ("/api/v1/claims/", f"/api/v1/claims/{claim.pk}/"):
        first = editor_api.get(url)
        assert first["ETag"]
        again = editor_api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again["ETag"] == first["ETag"]
        m.NumericClaim.objects.filter(pk=claim.pk).update(noun=f"changed {url}")
        assert editor_api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_it_sends_rate_limit_headers_on_every_answer(token_client, settings):
    client = token_client(role="editor", scope="read")
    ok = client.get("/api/v1/claims/")
    bad = client.get("/api/v1/claims/?category=nope")
    assert ok["RateLimit-Policy"] == '"token";q=1200;w=60'
    assert ok["RateLimit"].startswith('"token";r=1199;')
    assert bad["RateLimit"].startswith('"token";r=1198;')


def test_it_links_the_first_page(editor_api):
    NumericClaimFactory.create_batch(3)
    response = editor_api.get("/api/v1/claims/?page_size=1&ordering=id")
    nxt = response.json()["next"]
    second = editor_api.get(nxt)
    links = second["Link"]
    assert links.startswith('<http://testserver/api/v1/claims/?page_size=1&ordering=id>; rel="first"')
    assert 'rel="next"' in links and 'rel="prev"' in links


def test_it_counts_and_facets_beside_the_page(editor_api):
    outlet = OutletFactory(name="Daily Example")
    article = ArticleFactory(outlet=outlet)
    NumericClaimFactory.create_batch(3, article=article, category="killed")
    NumericClaimFactory(article=article, category="injured")
    body = editor_api.get("/api/v1/claims/?count=true&facets=category,outlet&page_size=1").json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (4, True, 1)
    assert body["facets"]["category"] == [{"value": "killed", "count": 3}, {"value": "injured", "count": 1}]
    assert body["facets"]["outlet"] == [{"value": outlet.pk, "count": 4, "label": "Daily Example"}]


def test_it_lists_outlets_with_their_article_counts(editor_api):
    outlet = OutletFactory(name="Daily Example")
    ArticleFactory.create_batch(2, outlet=outlet)
    rows = editor_api.get("/api/v1/outlets/?q=daily").json()["results"]
    assert [(r["name"], r["articles"]) for r in rows] == [("Daily Example", 2)]


def test_cors_is_off_by_default_and_answers_preflights_when_configured(api, settings):
    preflight = {
        "HTTP_ORIGIN": "https://app.example",
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET",
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization",
    }
    assert "Access-Control-Allow-Origin" not in api.options("/api/v1/claims/", **preflight)
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example"]
    response = api.options("/api/v1/claims/", **preflight)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://app.example"
    assert "authorization" in response["Access-Control-Allow-Headers"]


def test_every_claim_row_and_export_carries_its_provenance(editor_api):
    outlet = OutletFactory(name="Daily Example")
    claim = NumericClaimFactory(article=ArticleFactory(outlet=outlet, url="https://daily.example/a"))
    row = editor_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert (row["article"], row["article_url"], row["outlet_name"], row["permalink"]) == (
        claim.article_id,
        "https://daily.example/a",
        "Daily Example",
        f"/articles/{claim.article_id}/#claim-{claim.pk}",
    )
    lines = b"".join(editor_api.get("/api/v1/claims/?format=jsonl").streaming_content).decode().splitlines()
    assert json.loads(lines[0])["permalink"] == row["permalink"]


@pytest.mark.parametrize("query", ["updated_since=", "outlet=1000000000000000000"])
def test_it_refuses_what_the_schema_does_not_allow(editor_api, query):
    assert editor_api.get(f"/api/v1/claims/?{query}").status_code == 400


def test_it_answers_405_not_400_to_a_method_it_does_not_take(write_api):
    assert write_api.put("/api/v1/claims/?x=1", {}, format="json").status_code == 405
    claim = NumericClaimFactory()
    assert write_api.put(f"/api/v1/claims/{claim.pk}/?x=1", {}, format="json").status_code == 405


@pytest.mark.parametrize("query", ["published_before=", "min_value=", "category=", "article="])
def test_it_refuses_an_empty_typed_filter(editor_api, query):
    assert editor_api.get(f"/api/v1/claims/?{query}").status_code == 400


def test_it_refuses_a_boolean_filter_that_is_neither_true_nor_false(editor_api):
    assert editor_api.get("/api/v1/actors/?merged=perhaps").status_code == 400
    assert editor_api.get("/api/v1/actors/?merged=false").status_code == 200
