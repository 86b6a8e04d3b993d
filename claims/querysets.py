"""Reads: every list the pages and the API show is built from these querysets."""

from __future__ import annotations

from typing import Any

from django.db import models


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ArticleQuerySet:
        from .roles import can_read

        return self if can_read(user) else self.none()

    def newest(self) -> ArticleQuerySet:
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-id")


class ActorQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActorQuerySet:
        from .roles import can_read

        return self if can_read(user) else self.none()

    def canonical(self) -> ActorQuerySet:
        """Actors that were not merged into another one."""
        return self.filter(merged_into__isnull=True)


class _ReviewableQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        from .roles import can_read

        return self if can_read(user) else self.none()

    def for_article(self, article: Any) -> models.QuerySet:
        return self.filter(article=article)

    def live(self) -> models.QuerySet:
        """What readers see: everything but items an editor rejected."""
        return self.exclude(status="rejected")

    def needs_review(self) -> models.QuerySet:
        return self.filter(status="unreviewed").order_by("confidence", "id")

    def machine_untouched(self) -> models.QuerySet:
        return self.filter(origin="machine", status="unreviewed")


class QuoteQuerySet(_ReviewableQuerySet):
    pass


class ClaimQuerySet(_ReviewableQuerySet):
    def conflict(self) -> ClaimQuerySet:
        return self.filter(category__in=["killed", "injured", "hostages", "detained", "missing", "displaced"])
