"""Atom feeds of followed figures, actors and searches (Django's syndication framework, issue 18).

Pages advertise these with ``<link rel="alternate" type="application/atom+xml">``. The plain
feed URLs need what the pages need (a session, or NEWSCLAIMS_PUBLIC_READ); feed readers, which
have no session, use a subscription's secret URL ``/follow/feed/<token>.atom`` instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed

from .reads.follow import Entry, FeedSource


class FollowFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, source: FeedSource, **kwargs: Any) -> FeedSource:
        return source

    def title(self, obj: FeedSource) -> str:
        return obj.title

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def subtitle(self, obj: FeedSource) -> str:
        return obj.subtitle

    def items(self, obj: FeedSource) -> list[Entry]:
        return obj.entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return f"tag:newsclaims,2023:{item.key}"

    def item_guid_is_permalink(self, item: Entry) -> bool:
        return False

    def item_pubdate(self, item: Entry) -> Any:
        return item.updated

    def item_updateddate(self, item: Entry) -> Any:
        return item.updated

    def item_categories(self, item: Entry) -> list[str]:
        return [item.kind]


feed = FollowFeed()
