"""Feeds: polled with conditional GET, each new entry ingested once, broken feeds back off alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article, Feed, IngestItem, IngestItemStatus, IngestJob
from claims.services.feeds import FeedInputError, feed_backoff, feed_create, feed_poll, feed_toggle, feeds_poll_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(django_capture_on_commit_callbacks):
    def run(feed: Feed):
        with django_capture_on_commit_callbacks(execute=True):
            result = feed_poll(feed_id=feed.pk)
        feed.refresh_from_db()
        return result

    return run


def test_it_ingests_each_entry_of_a_feed_and_answers_304_with_nothing_new(web, poll):
    feed = Feed.objects.create(url=web.url("/feed/feed.xml"), poll_interval=15)
    result = poll(feed)
    assert (result.entries, result.new) == (4, 4)
    assert feed.title == "Daily Example: World"
    assert feed.etag and feed.error_count == 0 and feed.last_error == ""
    assert feed.next_poll_at > timezone.now() + timedelta(minutes=14)
    job = IngestJob.objects.get(pk=result.job_id)
    assert (job.kind, job.done, job.failed, job.queued) == ("feed", 3, 1, 0)
    assert Article.objects.filter(feed=feed).count() == 3
    assert "HTTP 404" in IngestItem.objects.get(job=job, status=IngestItemStatus.FAILED).error

    again = poll(feed)
    assert again.not_modified and again.job_id is None
    assert web.hits["/feed/feed.xml"] == 2
    assert web.hits["/page/article.html"] == 1, "an entry is fetched once"
    assert IngestJob.objects.count() == 1


def test_it_does_not_fetch_known_entries_when_the_feed_changes(web, poll):
    feed = Feed.objects.create(url=web.url("/feed/feed.xml"))
    poll(feed)
    web.versions["feed.xml"] = 2  # a new ETag, the same entries
    result = poll(feed)
    assert not result.not_modified and (result.entries, result.new) == (4, 0)
    assert web.hits["/page/second.html"] == 1 and web.hits["/missing"] == 1
    assert Article.objects.count() == 3


def test_it_reads_atom_feeds_and_skips_articles_already_stored(web, poll):
    Feed.objects.create(url=web.url("/feed/feed.xml"))
    poll(Feed.objects.get())
    atom = Feed.objects.create(url=web.url("/feed/atom.xml"))
    result = poll(atom)
    assert (result.entries, result.new) == (1, 0)
    assert web.hits["/page/second.html"] == 1


def test_it_records_a_broken_feed_and_backs_off_exponentially(web, poll):
    feed = Feed.objects.create(url=web.url("/feed/broken_feed.xml"), poll_interval=10)
    first = poll(feed)
    assert "not a valid RSS or Atom feed" in first.error
    assert feed.error_count == 1 and feed.last_error == first.error
    wait_1 = feed.next_poll_at - feed.last_polled_at
    poll(feed)
    wait_2 = feed.next_poll_at - feed.last_polled_at
    assert (wait_1, wait_2) == (timedelta(minutes=20), timedelta(minutes=40))
    assert IngestJob.objects.count() == 0


def test_it_records_an_unreachable_feed(web, poll):
    feed = Feed.objects.create(url=web.url("/status/503"))
    result = poll(feed)
    assert "HTTP 503" in result.error and feed.error_count == 1


def test_it_resets_the_error_count_once_the_feed_works_again(web, poll):
    feed = Feed.objects.create(url=web.url("/feed/feed.xml"), error_count=3, last_error="old")
    poll(feed)
    assert feed.error_count == 0 and feed.last_error == ""


def test_the_back_off_is_capped_at_a_day():
    assert feed_backoff(poll_interval=30, error_count=1) == timedelta(hours=1)
    assert feed_backoff(poll_interval=30, error_count=40) == timedelta(days=1)


def test_it_polls_every_due_feed_even_when_one_is_broken(web, django_capture_on_commit_callbacks):
    past = timezone.now() - timedelta(minutes=1)
    broken = Feed.objects.create(url=web.url("/feed/broken_feed.xml"), next_poll_at=past)
    good = Feed.objects.create(url=web.url("/feed/atom.xml"), next_poll_at=None)
    later = Feed.objects.create(url=web.url("/feed/feed.xml"), next_poll_at=timezone.now() + timedelta(hours=1))
    Feed.objects.create(url=web.url("/feed/feed.xml?inactive"), active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert feeds_poll_due() == 2
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.error_count == 1 and good.error_count == 0 and good.last_polled_at
    assert Article.objects.filter(feed=good).count() == 1
    assert web.hits["/feed/feed.xml"] == 0
    later.refresh_from_db()
    assert later.last_polled_at is None
    assert feeds_poll_due() == 0, "feeds just polled are not due again"


def test_it_adds_a_feed_and_polls_it_at_once(web, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feed = feed_create(url=web.url("/feed/atom.xml"), user=editor, outlet_name="Harbour News", poll_interval=5)
    feed.refresh_from_db()
    assert feed.last_polled_at and feed.created_by == editor
    assert Article.objects.get().outlet.name == "Harbour News"
    with pytest.raises(FeedInputError, match="already"):
        feed_create(url=web.url("/feed/atom.xml"))
    with pytest.raises(FeedInputError, match="http"):
        feed_create(url="javascript:alert(1)")


def test_it_pauses_an_active_feed_and_resumes_a_paused_one():
    feed = Feed.objects.create(url="https://daily.example/feed.xml")
    assert feed_toggle(feed=feed).active is False
    assert Feed.objects.get(pk=feed.pk).active is False
    assert feed_toggle(feed=feed).active is True
    assert Feed.objects.get(pk=feed.pk).active is True
