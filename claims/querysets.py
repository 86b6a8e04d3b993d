"""Reads: every list the pages and the API show is built from these querysets."""

from __future__ import annotations

from typing import Any, Self

from django.db import models


class VisibleQuerySet(models.QuerySet):
    """The one visibility rule: readers see every row, anyone else none."""

    def visible_to(self, user: Any) -> Self:
        from .roles import can_read

        return self if can_read(user) else self.none()


class ArticleQuerySet(VisibleQuerySet):
    def newest(self) -> Self:
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-id")


class ActorQuerySet(VisibleQuerySet):
    def canonical(self) -> Self:
        """Actors that were not merged into another one."""
        return self.filter(merged_into__isnull=True)


class ReviewableQuerySet(VisibleQuerySet):
    def live(self) -> Self:
        """What readers see: everything but items an editor rejected."""
        return self.exclude(status="rejected")

    def needs_review(self) -> Self:
        return self.filter(status="unreviewed").order_by("confidence", "id")

    def search(self, query: str) -> Self:
        """Rows matching the search language of ``claims.lib.search`` (each kind says where)."""
        raise NotImplementedError


class QuoteQuerySet(ReviewableQuerySet):
    def search(self, query: str) -> Self:
        """Quotes whose words or speaker (name or as written) match ``query`` (claims.lib.search)."""
        from .lib.search import matching, parse

        parsed = parse(query)
        return self.filter(matching(parsed, ["text", "speaker__name", "speaker_surface"])) if parsed else self

    def with_names(self) -> Self:
        """With ``article_url`` and ``speaker_name``: what a quote row of the API shows."""
        return self.annotate(article_url=models.F("article__url"), speaker_name=models.F("speaker__name"))


# How much of the article around a claim its search reads: the claim's sentence, roughly.
CLAIM_CONTEXT = 150


class ClaimQuerySet(ReviewableQuerySet):
    def search(self, query: str) -> Self:
        """Claims matching ``query`` (claims.lib.search) in their own words: the text around the
        claim (``CLAIM_CONTEXT`` characters either side), its noun, place and source."""
        from django.db.models.functions import Greatest, Substr

        from .lib.search import matching, parse

        parsed = parse(query)
        if not parsed:
            return self
        start = Greatest(models.F("start") - CLAIM_CONTEXT + 1, models.Value(1))
        around = Substr("article__text", start, models.F("end") - start + CLAIM_CONTEXT + 1)
        fields: list[str | models.Expression] = ["span", "noun", "place", "source__name", "source_surface", around]
        return self.filter(matching(parsed, fields))

    def with_names(self) -> Self:
        """With the article's URL, date and outlet and the source's name: what a claim row of the API shows."""
        return self.annotate(
            article_url=models.F("article__url"),
            published_at=models.F("article__published_at"),
            outlet_id=models.F("article__outlet_id"),
            source_name=models.F("source__name"),
        )


class FigureQuerySet(VisibleQuerySet):
    def canonical(self) -> Self:
        """Figures that were not merged into another one (a merged figure stays as an alias)."""
        return self.filter(merged_into__isnull=True)
