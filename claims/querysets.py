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
        from .lib.search import AmongIds, matching, parse
        from .models import Actor

        parsed = parse(query)

        def speaker_named(term: str) -> models.Q:
            return models.Q(
                AmongIds(models.F("speaker"), Actor.objects.filter(name__icontains=term).order_by().values("pk"))
            )

        return self.filter(matching(parsed, ["text", speaker_named, "speaker_surface"])) if parsed else self

    def with_names(self) -> Self:
        """With ``article_url`` and ``speaker_name``: what a quote row of the API shows."""
        return self.annotate(article_url=models.F("article__url"), speaker_name=models.F("speaker__name"))


class ClaimQuerySet(ReviewableQuerySet):
    def search(self, query: str) -> Self:
        """Claims matching ``query`` (claims.lib.search) in their own words: the claim's stored
        sentence (which holds its span), its noun, place and source (name or as written)."""
        from .lib.search import AmongIds, matching, parse
        from .models import Actor

        parsed = parse(query)
        if not parsed:
            return self

        def source_named(term: str) -> models.Q:
            return models.Q(
                AmongIds(models.F("source"), Actor.objects.filter(name__icontains=term).order_by().values("pk"))
            )

        return self.filter(matching(parsed, ["sentence", "noun", "place", source_named, "source_surface"]))

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
