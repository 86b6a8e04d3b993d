"""The pages journalists read: start page, browser, article, actor; escaping and query budgets."""

import csv
import io
import json
import re

import pytest
from django.utils import timezone

from claims.models import NumericClaim
from tests.factories import ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page(client, corpus):
    response = client.get("/claims/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_shows_latest_claims_by_category_and_newest_articles_with_counts(journalist_client, corpus):
    response = journalist_client.get("/")
    html = body(response)
    assert response.status_code == 200
    assert "Killed" in html and "Displaced" in html
    assert "Overnight strikes, update 2" in html
    assert "3 claims" in html and "1 quote" in html
    assert "Review queue" not in html and 'action="/ingest/"' not in html


def test_it_shows_editors_the_queue_size_and_the_ingest_box(editor_client, corpus):
    html = body(editor_client.get("/"))
    assert "12</strong> items to review" in html  # 9 claims + 3 quotes, all unreviewed
    assert 'action="/ingest/"' in html and 'name="csrfmiddlewaretoken"' in html
    for field in ("url", "text", "title"):
        assert f'name="{field}"' in html


def test_it_filters_claims_and_counts_facets_under_the_other_filters(journalist_client, corpus):
    daily, _ = corpus["outlets"]
    response = journalist_client.get(f"/claims/?outlet={daily.pk}&category=killed")
    facets = {f.name: {v.label: v.count for v in f.values} for f in response.context["facets"]}
    rows = response.context["page"].rows
    assert {c.category for c in rows} == {"killed"} and len(rows) == 2
    # Category counts ignore the category filter but honour the outlet filter: 2 articles in The Daily.
    assert facets["category"] == {"Killed": 2, "Injured": 2, "Displaced": 2}
    # Outlet counts honour the category filter.
    assert facets["outlet"] == {"The Daily": 2, "Wire Service": 1}


def test_it_searches_each_claims_own_sentence_and_quote_text(journalist_client, corpus):
    # A claim matches its own sentence, not every claim of an article that has the word somewhere.
    assert len(journalist_client.get("/claims/?q=overnight").context["page"].rows) == 6  # killed + injured
    assert len(journalist_client.get("/claims/?q=hospitals").context["page"].rows) == 0  # only in a quote
    assert len(journalist_client.get("/claims/?q=zeppelin").context["page"].rows) == 0
    assert len(journalist_client.get("/quotes/?q=hospitals").context["page"].rows) == 3
    assert len(journalist_client.get("/quotes/?q=UNRWA").context["page"].rows) == 0


def test_it_filters_by_date_range_source_and_status(journalist_client, corpus):
    qudra = corpus["qudra"]
    rows = journalist_client.get(f"/claims/?from=2023-11-04&to=2023-11-04&source={qudra.pk}").context["page"].rows
    assert len(rows) == 2 and all(c.source_id == qudra.pk for c in rows)
    assert journalist_client.get("/claims/?status=verified").context["page"].rows == []


def test_it_hides_rejected_claims_unless_asked_for(journalist_client, corpus):
    NumericClaim.objects.filter(category="killed").update(status="rejected")
    assert len(journalist_client.get("/claims/").context["page"].rows) == 6
    assert len(journalist_client.get("/claims/?status=rejected").context["page"].rows) == 3


@pytest.mark.parametrize("sort", ["newest", "oldest", "value", "value_asc", "confidence", "date"])
def test_it_pages_through_every_claim_once_in_sort_order(journalist_client, corpus, sort, monkeypatch):
    monkeypatch.setattr("claims.reads.browse.PAGE_SIZE", 4)
    seen, url = [], f"/claims/?sort={sort}"
    for _ in range(10):
        response = journalist_client.get(url)
        page = response.context["page"]
        seen += [c.pk for c in page.rows]
        if not page.next_cursor:
            break
        url = f"/claims/?sort={sort}&after={page.next_cursor}"
    assert sorted(seen) == sorted(NumericClaim.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen))
    # Going back from the last page lands on the rows just before it.
    previous = journalist_client.get(f"/claims/?sort={sort}&before={page.prev_cursor}").context["page"]
    assert [c.pk for c in previous.rows] == seen[-len(page.rows) - 4 : -len(page.rows)]


def test_it_downloads_the_filtered_view_as_csv_and_json(journalist_client, corpus):
    response = journalist_client.get("/claims/export.csv?category=displaced")
    assert f'newsclaims-claims-displaced-{timezone.localdate().isoformat()}.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert len(rows) == 3 and {r["category"] for r in rows} == {"displaced"}
    assert rows[0]["value"] == "4000" and rows[0]["source"] == "United Nations"
    assert rows[0]["permalink"] == f"/articles/{rows[0]['article_id']}/#claim-{rows[0]['id']}"
    assert rows[0]["article_url"] and rows[0]["outlet"]
    data = json.loads(body(journalist_client.get("/quotes/export.json?q=hospitals")))
    assert data["rows"][0]["article_id"] and data["rows"][0]["permalink"].endswith(f"#quote-{data['rows'][0]['id']}")
    assert data["filters"] == {"q": ["hospitals"]} and len(data["rows"]) == 3
    assert data["rows"][0]["speaker"] == "Ashraf al-Qudra"


def test_it_highlights_every_item_in_the_article_with_anchors(journalist_client, corpus):
    article = corpus["articles"][0]
    html = body(journalist_client.get(f"/articles/{article.pk}/"))
    for claim in article.claims.all():
        assert f'id="claim-{claim.pk}"' in html
    quote = article.quotes.get()
    assert f'id="quote-{quote.pk}"' in html
    assert html.count('class="hl hl-mention') >= 2
    assert "Quotes by speaker" in html and "Ashraf al-Qudra" in html
    assert 'data-action="verify"' not in html  # a journalist gets no editing controls


def test_it_escapes_script_in_article_text_title_and_quotes(journalist_client):
    text = 'Officials said <script>alert("pwned")</script> that 12 people were killed. "<b>We</b> are here," he said.'
    article = ArticleFactory(title="<script>alert(1)</script>", text=text)
    start = text.index("12 people")
    NumericClaimFactory(article=article, start=start, end=start + 9, span=text[start : start + 9])
    q = text.index("<b>We")
    QuoteFactory(article=article, start=q, end=q + 21, text=text[q : q + 21], speaker_surface="<i>x</i>")
    for url in (f"/articles/{article.pk}/", "/quotes/", "/claims/", "/"):
        html = body(journalist_client.get(url))
        assert "<script>alert" not in html and "<b>We</b>" not in html and "<i>x</i>" not in html, url
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in body(
        journalist_client.get(f"/articles/{article.pk}/")
    )


def test_it_shows_the_actor_page_with_quotes_claims_and_articles(journalist_client, corpus):
    qudra = corpus["qudra"]
    html = body(journalist_client.get(f"/actors/{qudra.pk}/"))
    assert "Ashraf al-Qudra" in html and "ministry spokesman" in html
    assert html.count("The hospitals cannot cope") == 3
    assert "Overnight strikes, update 1" in html
    assert 'action="/actors/' not in html  # journalists: no rename, alias or merge forms


def test_it_redirects_a_merged_actor_to_the_one_it_was_merged_into(journalist_client, corpus):
    from claims.services.actors import actors_merge
    from tests.factories import ActorFactory

    duplicate = ActorFactory(name="Ashraf Qudra")
    actors_merge(source=duplicate, target=corpus["qudra"])
    response = journalist_client.get(f"/actors/{duplicate.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/actors/{corpus['qudra'].pk}/"


def _more_corpus(n: int) -> None:
    for _ in range(n):
        article = ArticleFactory()
        NumericClaimFactory.create_batch(3, article=article)
        QuoteFactory.create_batch(2, article=article)


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 20),
        ("/claims/", 13),
        ("/claims/?category=killed&q=floods&sort=value", 13),
        ("/quotes/", 11),
        ("/review/", 13),  # + the calibration fit: its cache key and one count per kind (issue 18)
    ],
)
def test_it_runs_a_bounded_number_of_queries_whatever_the_data_size(
    editor_client, corpus, url, budget, django_assert_max_num_queries
):
    _more_corpus(3)
    with django_assert_max_num_queries(budget):
        small = editor_client.get(url)
    _more_corpus(25)
    with django_assert_max_num_queries(budget) as captured:
        large = editor_client.get(url)
    assert small.status_code == large.status_code == 200
    assert len(captured.captured_queries) <= budget


def test_it_renders_article_and_actor_pages_in_a_bounded_number_of_queries(
    editor_client, corpus, django_assert_max_num_queries
):
    article, qudra = corpus["articles"][0], corpus["qudra"]
    for _ in range(20):
        start = article.text.index("120 people")
        NumericClaimFactory(article=article, source=qudra, start=start, end=start + 10)
        QuoteFactory(
            article=article,
            speaker=qudra,
            start=article.text.index("The hospitals"),
            end=article.text.index("The hospitals") + 13,
        )
    with django_assert_max_num_queries(14):
        assert editor_client.get(f"/articles/{article.pk}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert editor_client.get(f"/actors/{qudra.pk}/").status_code == 200


def test_it_links_each_claim_in_the_browser_to_its_exact_span(journalist_client, corpus):
    claim = NumericClaim.objects.first()
    html = body(journalist_client.get("/claims/"))
    assert re.search(rf'href="/articles/{claim.article_id}/#claim-{claim.pk}"', html)


def test_it_recounts_cached_facets_as_soon_as_an_item_changes(journalist_client, editor, corpus):
    from claims.models import ReviewStatus
    from claims.services.review import item_review

    def status_counts():
        facets = journalist_client.get("/claims/").context["facets"]
        return {v.value: v.count for f in facets if f.name == "status" for v in f.values}

    assert status_counts() == {"unreviewed": 9}
    item_review(item=NumericClaim.objects.first(), user=editor, version=1, status=ReviewStatus.VERIFIED)
    assert status_counts() == {"unreviewed": 8, "verified": 1}
