"""Figures from claim frames: articles run through the engine and grouped as the product does.

Every sentence here is invented; each test is one construction where the grouping matters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Figure, Modality, NumericClaim
from claims.reads import figures as timelines
from claims.services import figures as svc
from claims.services.extraction import article_extract
from claims.templatetags.claims_format import claim_value
from tests.factories import ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db


def extracted(text: str, *, title: str = "", day: int = 4, outlet: str = "") -> list[NumericClaim]:
    kwargs = {"outlet": OutletFactory(name=outlet)} if outlet else {}
    article = ArticleFactory(text=text, title=title, published_at=datetime(2031, 5, day, 9, tzinfo=UTC), **kwargs)
    article_extract(article_id=article.pk)
    return list(NumericClaim.objects.filter(article=article).select_related("figure").order_by("start"))


def one(claims: list[NumericClaim], value: int | float) -> NumericClaim:
    [claim] = [c for c in claims if c.value == value]
    return claim


def test_tolls_placed_by_a_dateline_and_by_a_headline_are_one_figure():
    by_dateline = one(
        extracted("LIMA, Peru — Floods along the coast have killed at least 212 people, officials said."), 212
    )
    by_headline = one(
        extracted("Rescuers said the floods had killed 240 people so far.", title="Peru floods: toll rises", day=6),
        240,
    )
    assert by_dateline.country_key == by_headline.country_key == "peru"
    assert by_dateline.figure_id == by_headline.figure_id
    assert by_dateline.figure.name == "People killed in Peru"


def test_a_past_wars_toll_stays_out_of_todays_figure():
    claims = extracted(
        "The floods in Peru have killed 240 people. In the 2006 floods, 1,100 people were killed in Peru."
    )
    today, past = one(claims, 240), one(claims, 1100)
    assert today.figure_id != past.figure_id
    assert "2006" in past.figure.name and "2006" not in today.figure.name


def test_a_deal_quota_stays_out_of_the_hostage_count_and_off_the_start_page(journalist):
    claims = extracted(
        "Under the agreement, the rebels would release 30 hostages held in Peru. "
        "The rebels seized 95 hostages in Peru in the raid."
    )
    quota, seized = one(claims, 30), one(claims, 95)
    assert quota.modality == Modality.QUOTA and seized.modality == Modality.FACT
    assert quota.figure_id != seized.figure_id
    assert quota.figure.modality == Modality.QUOTA
    shown = {row["figure"].pk for row in timelines.start_page_figures(user=journalist)}
    assert seized.figure_id in shown and quota.figure_id not in shown


def test_a_time_window_is_a_figure_of_its_own_beside_the_running_total():
    claims = extracted(
        "In the past 24 hours, 35 people were killed in Peru, the ministry said. "
        "Since the fighting began, 4,100 people have been killed in Peru."
    )
    window, running = one(claims, 35), one(claims, 4100)
    assert window.figure_id != running.figure_id
    assert "24 hours" in window.figure.name and not window.figure.cumulative


def test_a_breakdown_points_at_its_total_and_is_a_figure_of_its_own():
    claims = extracted("The ministry said 4,100 people had been killed in Peru, including 1,300 children.")
    total, children = one(claims, 4100), one(claims, 1300)
    assert children.part_of_id == total.pk
    assert children.category == total.category == "killed"
    assert children.figure_id != total.figure_id
    assert children.figure.name == "Children killed in Peru"


def test_a_negated_count_is_in_no_figure():
    claims = extracted(
        "None of the 12 passengers was hurt when the bus overturned in Peru. Floods killed 40 people in Peru."
    )
    assert one(claims, 12).figure_id is None and one(claims, 12).modality == Modality.NEGATED
    assert one(claims, 40).figure_id is not None


def test_killed_and_maimed_is_not_a_killed_count():
    maimed = one(extracted("More than 500 children have been killed and maimed in Peru, the agency said."), 500)
    killed = one(extracted("At least 300 children have been killed in Peru, the agency said.", day=5), 300)
    assert maimed.frame_category == "killed_injured"
    assert maimed.figure_id != killed.figure_id
    assert "killed or injured" in maimed.figure.name


def test_values_carry_their_unit_a_rate_a_currency_and_a_percent():
    claims = extracted(
        "About 30,000 people a day are fleeing Peru, the UN said. The war has cost $2 trillion. "
        "Inflation reached 4.2% in Peru."
    )
    rate, money, share = one(claims, 30000), one(claims, 2 * 10**12), one(claims, Decimal("4.2"))
    assert (rate.rate, money.unit, money.currency, share.unit) == ("day", "currency", "USD", "percent")
    assert claim_value(rate) == "about 30,000 a day"
    assert claim_value(money) == "$2 trillion"
    assert claim_value(share) == "4.2%"
    assert rate.figure.rate == "day" and "per day" in rate.figure.name
    running = one(extracted("Floods have displaced 90,000 people in Peru.", day=6), 90000)
    assert running.figure_id != rate.figure_id  # a rate is not a stock


def test_grouping_a_new_articles_claims_takes_a_fixed_number_of_queries():
    text = "Floods have killed {n} people in Peru, officials said. In the 2006 floods, 1,100 people died in Peru."
    extracted(text.format(n=100))  # the figures exist from here on

    def grouping_queries(article_text: str) -> int:
        article = ArticleFactory(text=article_text, published_at=datetime(2031, 5, 7, tzinfo=UTC))
        from claims import extraction as engine
        from claims.services.extraction import extraction_apply

        extraction_apply(article=article, result=engine.extract(article_text, published="2031-05-07"))
        with CaptureQueriesContext(connection) as captured:
            svc.claims_group(article_ids=[article.pk])
        return len(captured)

    small = grouping_queries(text.format(n=120))
    large = grouping_queries("\n\n".join(text.format(n=130 + i) for i in range(8)))  # a paragraph each
    assert small == large


def test_an_emptied_figure_keeps_its_url_and_says_where_its_claims_went(
    editor, editor_client, django_capture_on_commit_callbacks
):
    from claims.services.review import claim_correct

    claim = one(extracted("Floods have killed 40 people in Peru, officials said."), 40)
    old = claim.figure
    with django_capture_on_commit_callbacks(execute=True):
        claim_correct(claim=claim, user=editor, version=claim.version, place="Chile")
    claim.refresh_from_db()
    old.refresh_from_db()
    assert claim.figure_id != old.pk and claim.country_key == "chile"
    assert old.emptied_at is not None and old.moved_to_id == claim.figure_id

    page = editor_client.get(f"/figures/{old.slug}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "no claims left" in body and f'href="/figures/{claim.figure.slug}/"' in body
    assert old.slug not in editor_client.get("/figures/").content.decode()  # lists leave it out


def test_an_editor_fixing_one_claims_place_moves_that_claim_alone(editor, django_capture_on_commit_callbacks):
    from claims.services.review import claim_correct

    claims = extracted(
        "Floods have killed 40 people in Peru, officials said. Separately, landslides killed 12 people in Peru."
    )
    fixed, other = one(claims, 12), one(claims, 40)
    assert fixed.figure_id == other.figure_id
    figure = Figure.objects.get(pk=other.figure_id)
    assert figure.claim_count == 2

    with django_capture_on_commit_callbacks(execute=True):
        claim_correct(claim=fixed, user=editor, version=fixed.version, place="Bolivia")

    fixed.refresh_from_db()
    other.refresh_from_db()
    figure.refresh_from_db()
    assert other.figure_id == figure.pk and fixed.figure_id != figure.pk
    assert fixed.figure.name == "People killed in Bolivia"
    # Both figures show the change on the next page view: refreshed at once, no delayed refresh.
    assert figure.claim_count == 1 and fixed.figure.claim_count == 1
    assert [e["claim_id"] for e in figure.latest] == [other.pk]


def test_csv_values_are_plain_decimals_with_their_unit(editor_client):
    claim = one(extracted("Floods have displaced 10,000 people in Peru, the agency said."), 10000)
    body = editor_client.get(f"/figures/{claim.figure.slug}.csv").content.decode()
    header, row = body.splitlines()[:2]
    assert "unit" in header.split(",") and "text" in header.split(",")
    assert ",10000," in row and "E+" not in row
