"""Query filters, the same as the claims browser's. A bad value is a 400 naming the parameter."""

from __future__ import annotations

import copy
from typing import Any

import django_filters as df
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from .. import models as m
from ..input_guard import NUMBER_LIMIT
from ..lib.search import text_search
from ..querysets import ReviewableQuerySet

MAX_ID = 2**63 - 1


class FiniteDecimalField(forms.DecimalField):
    """A number, finite and of sensible size (``NaN``, ``Infinity``, ``1e999999`` are a 400)."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and (not value.is_finite() or abs(value) >= NUMBER_LIMIT):
            raise forms.ValidationError("Enter a finite number.", code="invalid")


class FiniteNumberFilter(df.NumberFilter):
    field_class = FiniteDecimalField


class IdFilter(df.NumberFilter):
    """A row id: a whole number the database can hold (a float or 10**30 is a 400, not a crash)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _actor_and_merged(actor_id: int) -> Q:
    """An actor, and the actors that were merged into it."""
    return Q(pk=actor_id) | Q(merged_into_id=actor_id)


def actor_ids(actor_id: int) -> list[int]:
    """The actor and those merged into it, as a list: ``source_id IN (2, 9)`` lets the planner walk
    the (source, -id) index newest first and stop at the page, where a subquery made it read every
    claim of the source and sort them."""
    return list(m.Actor.objects.filter(_actor_and_merged(actor_id)).values_list("pk", flat=True))


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=`` among the listed fields (``-`` for descending); anything else is a 400.

    ``id`` breaks ties, so the order is total and cursor pages are stable.
    """

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> list[str]:
        raw = request.query_params.get(self.ordering_param)
        allowed = {f for f, _ in self.get_valid_fields(queryset, view, {"request": request})}
        if raw:
            terms = [t.strip() for t in raw.split(",") if t.strip()]
            bad = [t for t in terms if t.lstrip("-") not in allowed]
            if bad or not terms:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Unknown ordering {', '.join(bad) or raw!r}: use {', '.join(sorted(allowed))}."
                        ]
                    }
                )
            ordering = terms[:1]  # the cursor keys on one field; id breaks its ties
        else:
            ordering = list(self.get_default_ordering(view) or ["-id"])
        if ordering[-1].lstrip("-") != "id":
            ordering.append("-id" if ordering[0].startswith("-") else "id")
        return ordering

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        fields = list(getattr(view, "ordering_fields", []))
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort key; prefix with - for descending.",
                "schema": {"type": "string", "enum": [*fields, *[f"-{f}" for f in fields]]},
            }
        ]


class LeanFilterSet(df.FilterSet):
    """Copies only the filters a request uses.

    django-filter deep-copies every declared filter for each request; with twenty filters that
    is a good part of a list request's time, and most requests use two or three of them. A
    filter is used when the query has its name, or its name and a suffix (``published_after``).
    Parameters that are not filters are ignored, as before.
    """

    def __init__(self, data: Any = None, queryset: Any = None, *, request: Any = None, prefix: Any = None) -> None:
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        keys = set(self.data.keys())
        used = {n for n in self.base_filters if n in keys or any(k.startswith(f"{n}_") for k in keys)}
        self.filters = {n: copy.deepcopy(f) for n, f in self.base_filters.items() if n in used}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self


class _ReviewableFilter(LeanFilterSet):
    article = IdFilter(field_name="article_id", help_text="Items of this article.")
    outlet = IdFilter(field_name="article__outlet_id", help_text="Items from this outlet (id).")
    status = df.MultipleChoiceFilter(
        distinct=False, choices=m.ReviewStatus.choices, help_text="Review status (repeatable)."
    )
    origin = df.ChoiceFilter(choices=m.Origin.choices)
    published = df.DateFromToRangeFilter(
        field_name="article__published_at", help_text="published_after / published_before (YYYY-MM-DD)."
    )
    updated_since = df.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed at or after this time (incremental sync)."
    )
    actor = IdFilter(method="filter_actor", help_text="Items in articles that mention this actor (id).")
    min_confidence = FiniteNumberFilter(field_name="confidence", lookup_expr="gte")

    def filter_actor(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        mentions = m.ActorMention.objects.filter(article_id=OuterRef("article_id"), actor_id__in=actor_ids(value))
        return queryset.filter(Exists(mentions))


class ClaimFilter(_ReviewableFilter):
    category = df.MultipleChoiceFilter(distinct=False, choices=m.Category.choices, help_text="Category (repeatable).")
    qualifier = df.MultipleChoiceFilter(
        distinct=False, choices=m.Qualifier.choices, help_text="Qualifier (repeatable)."
    )
    min_value = FiniteNumberFilter(field_name="value", lookup_expr="gte", help_text="Value at least this.")
    max_value = FiniteNumberFilter(field_name="value", lookup_expr="lte", help_text="Value at most this.")
    source = IdFilter(method="filter_source", help_text="Attributed to this actor (id), merged ones included.")
    speaker = IdFilter(method="filter_source", help_text="Same as source, named as on the claims page.")
    as_of = df.DateFromToRangeFilter(help_text="as_of_after / as_of_before (YYYY-MM-DD).")
    figure = IdFilter(field_name="figure_id")
    q = df.CharFilter(
        method="filter_q",
        max_length=200,
        help_text="Search of the claim's sentence, noun, place and source, as in the claims browser: "
        'words, "phrases", -minus, OR.',
    )

    class Meta:
        model = m.NumericClaim
        fields: list[str] = []

    def filter_source(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(source_id__in=actor_ids(value))

    def filter_q(self, queryset: ReviewableQuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class QuoteFilter(_ReviewableFilter):
    speaker = IdFilter(method="filter_speaker", help_text="Said by this actor (id), merged ones included.")
    q = df.CharFilter(
        method="filter_q", max_length=200, help_text="Search of the quote's words and speaker, as in the browser."
    )

    class Meta:
        model = m.Quote
        fields: list[str] = []

    def filter_speaker(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(speaker_id__in=actor_ids(value))

    def filter_q(self, queryset: ReviewableQuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class ArticleFilter(LeanFilterSet):
    outlet = IdFilter(field_name="outlet_id")
    feed = IdFilter(field_name="feed_id")
    published = df.DateFromToRangeFilter(field_name="published_at", help_text="published_after / published_before.")
    updated_since = df.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    extraction_status = df.ChoiceFilter(choices=m.ExtractionStatus.choices)
    actor = IdFilter(method="filter_actor", help_text="Articles that mention this actor (id).")
    q = df.CharFilter(method="filter_q", max_length=200, help_text="Full-text search of the article's text.")

    class Meta:
        model = m.Article
        fields: list[str] = []

    def filter_actor(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        mentions = m.ActorMention.objects.filter(article_id=OuterRef("pk"), actor_id__in=actor_ids(value))
        return queryset.filter(Exists(mentions))

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return text_search(queryset, "text", value)


class ActorFilter(LeanFilterSet):
    type = df.ChoiceFilter(choices=m.ActorType.choices)
    merged = df.BooleanFilter(
        field_name="merged_into", lookup_expr="isnull", exclude=True, help_text="false: only canonical actors."
    )
    updated_since = df.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = df.CharFilter(method="filter_q", help_text="Name or alias contains these words.")

    class Meta:
        model = m.Actor
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        normalized = m.normalize_name(value)
        if not normalized:
            return queryset
        aliases = m.ActorAlias.objects.filter(actor_id=OuterRef("pk"), normalized__contains=normalized)
        return queryset.filter(Q(normalized_name__contains=normalized) | Exists(aliases))


class FeedFilter(LeanFilterSet):
    active = df.BooleanFilter()
    outlet = IdFilter(field_name="outlet_id")

    class Meta:
        model = m.Feed
        fields: list[str] = []


class IngestJobFilter(LeanFilterSet):
    status = df.ChoiceFilter(choices=m.IngestJobStatus.choices)
    kind = df.CharFilter()

    class Meta:
        model = m.IngestJob
        fields: list[str] = []
