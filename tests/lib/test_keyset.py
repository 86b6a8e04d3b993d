"""The one keyset paginator: windows, the multi-column condition, the bounded count."""

from __future__ import annotations

import pytest

from claims.lib import keyset
from claims.models import Feed, Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlets():
    return [Outlet.objects.create(name=f"Outlet {i:02d}", domain=f"o{i}.example") for i in range(7)]


def test_it_reads_one_row_more_to_know_there_is_a_next_page(outlets):
    first = keyset.window(Outlet.objects.order_by("id"), 3, from_cursor=False, reverse=False)
    assert [o.pk for o in first.rows] == [o.pk for o in outlets[:3]]
    assert (first.has_previous, first.has_next) == (False, True)
    last = keyset.window(Outlet.objects.filter(pk__gt=outlets[3].pk).order_by("id"), 3, from_cursor=True, reverse=False)
    assert [o.pk for o in last.rows] == [o.pk for o in outlets[4:]]
    assert (last.has_previous, last.has_next) == (True, False)


def test_it_turns_a_previous_page_round(outlets):
    before = Outlet.objects.filter(pk__lt=outlets[5].pk).order_by("-id")
    got = keyset.window(before, 2, from_cursor=True, reverse=True)
    assert [o.pk for o in got.rows] == [outlets[3].pk, outlets[4].pk]
    assert (got.has_previous, got.has_next) == (True, True)


def test_it_continues_after_a_row_in_a_mixed_direction_order():
    for i, minutes in enumerate([30, 10, 30, 60, 10]):
        Feed.objects.create(url=f"https://o{i}.example/feed.xml", poll_interval=minutes)
    order = ["-poll_interval", "id"]
    rows = list(Feed.objects.order_by(*order))
    for i, row in enumerate(rows):
        after = Feed.objects.filter(keyset.after(order, [row.poll_interval, row.pk])).order_by(*order)
        assert list(after) == rows[i + 1 :]


def test_it_stops_counting_at_the_limit(outlets):
    assert keyset.bounded_count(Outlet.objects.all(), 10) == (7, False)
    assert keyset.bounded_count(Outlet.objects.all(), 5) == (5, True)
