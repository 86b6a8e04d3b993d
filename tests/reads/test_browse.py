"""Facet counts: the few-query path gives exactly the numbers of one plain query per facet."""

from __future__ import annotations

import itertools

import pytest
from django.http import QueryDict

from claims.models import NumericClaim
from claims.reads.browse import Filters, base_queryset, facets, facets_and_total, filtered
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, OutletFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(editor):
    """Claims and quotes over two outlets, two sources (and none), every review status."""
    daily, wire = OutletFactory(name="The Daily"), OutletFactory(name="Wire Service")
    ana, ben = ActorFactory(name="Ana"), ActorFactory(name="Ben")
    articles = [ArticleFactory(outlet=daily), ArticleFactory(outlet=daily), ArticleFactory(outlet=wire)]
    for article in articles[1:]:  # the only two whose claims' sentences mention a zeppelin (to search for)
        article.text = article.text.replace("floods.", "floods as a zeppelin was seen.", 1)
        article.save()
    rows = [
        # (article, category, qualifier, status, source)
        (0, "killed", "exact", "unreviewed", ana),
        (0, "killed", "more_than", "verified", ana),
        (0, "injured", "exact", "rejected", ben),
        (1, "injured", "approximately", "unreviewed", None),
        (1, "displaced", "exact", "corrected", ben),
        (1, "killed", "exact", "rejected", ana),
        (2, "killed", "at_least", "unreviewed", ben),
        (2, "aid", "exact", "verified", None),
        (2, "displaced", "approximately", "unreviewed", ana),
    ]
    for article, category, qualifier, status, source in rows:
        NumericClaimFactory(
            article=articles[article], category=category, qualifier=qualifier, status=status, source=source
        )
    for article, status, speaker in [(0, "unreviewed", ana), (1, "rejected", ben), (2, "verified", ana)]:
        QuoteFactory(article=articles[article], status=status, speaker=speaker)
    return {"editor": editor, "outlets": (daily, wire), "actors": (ana, ben)}


def counts(kind: str, query: str, user, *, fast: bool) -> dict[str, dict]:
    filters = Filters.from_query(kind, QueryDict(query))
    found, total = facets_and_total(filters, base_queryset(kind, user), fast=fast)
    shown = filtered(filters, base_queryset(kind, user)).count()
    return {"total": total == shown} | {f.name: {v.value: (v.count, v.selected) for v in f.values} for f in found}


def test_it_counts_each_facet_under_every_other_filter_by_hand(mixed):
    daily, _ = mixed["outlets"]
    ana, ben = mixed["actors"]
    got = counts("claims", f"outlet={daily.pk}&qualifier=exact", mixed["editor"], fast=True)
    assert got["total"] is True
    # Qualifier "exact", The Daily: killed (ana, unreviewed), displaced (ben, corrected); rejected left out.
    assert got["category"] == {"killed": (1, False), "displaced": (1, False)}
    # The Daily, rejected left out, any qualifier: exact 2, more_than 1, approximately 1.
    assert got["qualifier"] == {"exact": (2, True), "more_than": (1, False), "approximately": (1, False)}
    # Status counts rejected rows too: The Daily & exact.
    assert got["status"] == {"unreviewed": (1, False), "rejected": (2, False), "corrected": (1, False)}
    assert got["source"] == {ana.pk: (1, False), ben.pk: (1, False)}
    assert got["outlet"] == {daily.pk: (2, True), mixed["outlets"][1].pk: (1, False)}


def test_it_gives_the_same_facets_as_one_query_per_facet_under_any_filters(mixed):
    daily, wire = mixed["outlets"]
    ana, ben = mixed["actors"]
    choices = {
        "category": ["", "category=killed", "category=killed&category=aid"],
        "qualifier": ["", "qualifier=exact"],
        "status": ["", "status=rejected", "status=unreviewed&status=verified"],
        "outlet": ["", f"outlet={daily.pk}", f"outlet={wire.pk}&outlet={daily.pk}"],
        "source": ["", f"source={ana.pk}", f"source={ben.pk}&source={ana.pk}"],
        "q": ["", "q=zeppelin"],
    }
    checked = 0
    for parts in itertools.product(*choices.values()):
        query = "&".join(p for p in parts if p)
        assert counts("claims", query, mixed["editor"], fast=True)["total"] is True, query
        assert counts("claims", query, mixed["editor"], fast=True) == counts(
            "claims", query, mixed["editor"], fast=False
        ), query
        checked += 1
    for status, speaker, q in itertools.product(choices["status"], ["", f"speaker={ana.pk}"], choices["q"]):
        query = "&".join(p for p in (status, speaker, q, f"outlet={daily.pk}") if p)
        for q in (query, ""):
            assert counts("quotes", q, mixed["editor"], fast=True) == counts("quotes", q, mixed["editor"], fast=False)
    assert checked == 324


def test_it_counts_the_facets_in_three_queries_whatever_the_filters(mixed, django_assert_max_num_queries):
    daily, _ = mixed["outlets"]
    ana, _ = mixed["actors"]
    query = f"category=killed&qualifier=exact&status=verified&outlet={daily.pk}&source={ana.pk}&from=2020-01-01"
    filters = Filters.from_query("claims", QueryDict(query))
    base = base_queryset("claims", mixed["editor"])
    with django_assert_max_num_queries(3 + 2):  # counts, then actor and outlet names
        facets(filters, base)


def test_it_shows_the_total_counted_with_the_facets_and_caps_it(editor_client, mixed, monkeypatch):
    daily, _ = mixed["outlets"]
    html = editor_client.get(f"/claims/?outlet={daily.pk}").content.decode()
    assert "<strong>4</strong> claims" in html  # six in The Daily, two of them rejected
    assert "<strong>2</strong> claims" in editor_client.get("/claims/?status=rejected").content.decode()
    monkeypatch.setattr("claims.lib.keyset.COUNT_LIMIT", 3)
    assert "<strong>3+</strong> claims" in editor_client.get(f"/claims/?outlet={daily.pk}").content.decode()


def test_it_counts_facets_of_a_search_over_the_matching_claims_only(mixed):
    _, wire = mixed["outlets"]
    got = counts("claims", "q=zeppelin&category=killed", mixed["editor"], fast=True)
    assert got["total"] is True
    # Articles 1 (The Daily) and 2 (Wire): killed claims not rejected are one, in article 2.
    assert got["outlet"] == {wire.pk: (1, False)}
    assert got["category"] == {
        "killed": (1, True),
        "injured": (1, False),
        "displaced": (2, False),
        "aid": (1, False),
    }


@pytest.fixture
def searched(mixed):
    """Two more articles (one in no outlet): an "airship" in four of the five, a zeppelin in two."""
    _, wire = mixed["outlets"]
    ana, ben = mixed["actors"]
    extra = [ArticleFactory(outlet=wire), ArticleFactory(outlet=None)]
    for article, (category, qualifier, status, source) in zip(
        extra, [("killed", "exact", "verified", ben), ("aid", "at_least", "unreviewed", None)], strict=True
    ):
        NumericClaimFactory(article=article, category=category, qualifier=qualifier, status=status, source=source)
    NumericClaimFactory(article=extra[1], category="killed", qualifier="exact", status="rejected", source=ana)
    articles = sorted({claim.article for claim in NumericClaim.objects.select_related("article")}, key=lambda a: a.pk)
    for article in articles[1:]:  # every article but the first, in the sentence after its claims
        article.text = article.text.replace("floods. ", "floods. An airship flew over. ", 1)
        article.save()
    return mixed | {"left_out": articles[0]}


SEARCHES = [
    "q=ministry",  # in every article
    "q=airship",  # in all but one
    "q=zeppelin",  # in two of five
    "q=balloon",  # in none
    "q=airship+zeppelin",
    "q=%22airship+flew%22",
    "q=airship+-zeppelin",
]


def test_a_search_counts_the_same_in_one_pass_as_with_one_query_per_facet(searched):
    daily, wire = searched["outlets"]
    ana, ben = searched["actors"]
    others = [
        "",
        "category=killed",
        "category=killed&category=aid&qualifier=exact",
        "status=rejected",
        "status=unreviewed&status=verified",
        f"outlet={wire.pk}",
        f"source={ben.pk}&category=killed",
        f"outlet={daily.pk}&outlet={wire.pk}&source={ana.pk}&qualifier=exact",
        "from=2020-01-01&to=2030-12-31&category=aid",
        f"article={searched['left_out'].pk}",
    ]
    for search, other in itertools.product(SEARCHES, others):
        query = "&".join(p for p in (search, other) if p)
        fast = counts("claims", query, searched["editor"], fast=True)
        assert fast["total"] is True, query
        assert fast == counts("claims", query, searched["editor"], fast=False), query


def test_a_search_read_off_the_text_index_matches_the_same_articles(searched):
    from claims.lib.search import text_search
    from claims.models import Article

    for search in [*SEARCHES, "q=the", "q=-ministry", "q=ministry+or+balloon"]:
        query = QueryDict(search)["q"]
        plain = set(text_search(Article.objects.all(), "text", query).values_list("id", flat=True))
        via_index = set(text_search(Article.objects.all(), "text", query, via_index=True).values_list("id", flat=True))
        assert plain == via_index, query


def test_selected_values_with_no_rows_left_follow_the_order_of_the_url(mixed):
    """They stay so they can be unselected, in the order asked, whatever the process's hash seed."""
    for query, expected in [
        ("category=detained&category=hostages", ["detained", "hostages"]),
        ("category=hostages&category=detained", ["hostages", "detained"]),
    ]:
        filters = Filters.from_query("claims", QueryDict(query))
        found, _ = facets_and_total(filters, base_queryset("claims", mixed["editor"]), fast=True)
        category = next(f for f in found if f.name == "category")
        assert [v.value for v in category.values if v.selected] == expected
        assert all(v.count == 0 for v in category.values if v.selected)


def test_a_facet_shows_its_top_values_and_the_rest_under_more(editor_client, mixed, django_assert_max_num_queries):
    from claims.reads import browse

    article = ArticleFactory()
    sources = [ActorFactory(name=f"Source {i:02d}") for i in range(browse.FACET_SHOWN + 4)]
    for i, source in enumerate(sources):
        for _ in range(i + 1):
            NumericClaimFactory(article=article, source=source)
    filters = Filters.from_query("claims", QueryDict(""))
    with django_assert_max_num_queries(3 + 2):
        found = {f.name: f for f in facets(filters, base_queryset("claims", mixed["editor"]))}
    source = found["source"]
    assert [v.label for v in source.shown][:2] == ["Source 11", "Source 10"]
    assert len(source.shown) == browse.FACET_SHOWN and len(source.more) > 4  # 12 sources, Ana and Ben
    html = editor_client.get("/claims/").content.decode()
    assert 'class="facet-more"' in html and "data-facet-filter" in html
    assert "Source 00" in html  # the least frequent is there, under "more…"
