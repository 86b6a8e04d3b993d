"""What mirrors and newsroom tools need beside the item lists: the change feed, outlets, bulk review.

A mirror syncs with ``updated_since`` on each list and ``/changes/?since=`` for what left them
(deleted rows, and actors or figures merged into another: follow ``replaced_by``).
"""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db import transaction
from django.db.models import Count, QuerySet
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import models as m
from ..roles import can_read
from ..services import review
from . import serializers as s
from .exceptions import Conflict
from .filters import LeanFilterSet, UtcDateTimeFilter
from .schema import CLAIM_EXAMPLE
from .views import ApiMixin, claims_queryset, quotes_queryset

# --- The change feed ---------------------------------------------------------------------


class TombstoneSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", read_only=True, help_text="The id the row had.")

    class Meta:
        model = m.Tombstone
        fields = ["kind", "id", "replaced_by", "deleted_at"]
        read_only_fields = fields


class ChangeFilter(LeanFilterSet):
    since = UtcDateTimeFilter(field_name="deleted_at", lookup_expr="gte", help_text="Gone at or after this time.")
    kind = df.MultipleChoiceFilter(choices=m.TombstoneKind.choices, distinct=False, help_text="Repeatable.")

    class Meta:
        model = m.Tombstone
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        description="Rows that left the lists since a time, oldest first: deleted, or merged into "
        "`replaced_by`. Sync with `updated_since` on the lists and this feed with the same `since`.",
        examples=[
            OpenApiExample(
                "A deleted claim and a merged actor",
                value={"kind": "claim", "id": 1001, "replaced_by": None, "deleted_at": "2026-12-04T10:00:00Z"},
                response_only=True,
            )
        ],
    )
)
class ChangeViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TombstoneSerializer
    filterset_class = ChangeFilter
    ordering_fields = ["deleted_at"]
    ordering = ["deleted_at"]
    export_name = "changes"

    def get_queryset(self) -> QuerySet:
        return m.Tombstone.objects.all() if can_read(self.request.user) else m.Tombstone.objects.none()


# --- Outlets -----------------------------------------------------------------------------


class OutletSerializer(serializers.ModelSerializer):
    articles = serializers.IntegerField(source="article_count", read_only=True, help_text="Articles stored from it.")

    class Meta:
        model = m.Outlet
        fields = ["id", "name", "domain", "articles"]
        read_only_fields = fields


class OutletFilter(LeanFilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", max_length=200, help_text="Part of the name.")

    class Meta:
        model = m.Outlet
        fields: list[str] = []


_OUTLET = {"id": 3, "name": "News Example", "domain": "news.example", "articles": 120}


@extend_schema_view(
    list=extend_schema(
        description="The outlets articles come from, with their article counts.",
        examples=[OpenApiExample("A page of outlets", value=_OUTLET, response_only=True)],
    ),
    retrieve=extend_schema(examples=[OpenApiExample("One outlet", value=_OUTLET, response_only=True)]),
)
class OutletViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OutletSerializer
    filterset_class = OutletFilter
    ordering_fields = ["id", "name"]
    export_name = "outlets"

    def get_queryset(self) -> QuerySet:
        outlets = m.Outlet.objects.annotate(article_count=Count("articles"))
        return outlets if can_read(self.request.user) else outlets.none()


# --- Bulk review -------------------------------------------------------------------------


class BulkItem(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["claim", "quote"])
    id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="The version you read.")


class BulkReviewInput(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[m.ReviewStatus.VERIFIED, m.ReviewStatus.REJECTED, m.ReviewStatus.UNREVIEWED],
        help_text="verified, rejected, or unreviewed (undo).",
    )
    items = serializers.ListField(child=BulkItem(), min_length=1, max_length=500)


class BulkReviewOutput(serializers.Serializer):
    claims = s.ClaimSerializer(many=True)
    quotes = s.QuoteSerializer(many=True)


class _BulkConflict(Exception):
    def __init__(self, conflicts: list[dict[str, Any]]) -> None:
        self.conflicts = conflicts


class BulkReviewView(ApiMixin, APIView):
    """Verify, reject or reopen several claims and quotes at once: all of them, or none.

    Each item carries the version the caller read; if any is stale the answer is 409, nothing is
    changed, and ``conflicts`` lists each stale item with its current state."""

    @extend_schema(
        request=BulkReviewInput,
        responses={200: BulkReviewOutput, 409: OpenApiResponse(description="Stale items: see `conflicts`.")},
        examples=[
            OpenApiExample(
                "Verify two claims and a quote",
                value={
                    "status": "verified",
                    "items": [
                        {"kind": "claim", "id": 1001, "version": 1},
                        {"kind": "claim", "id": 1002, "version": 3},
                        {"kind": "quote", "id": 501, "version": 1},
                    ],
                },
                request_only=True,
            ),
            OpenApiExample(
                "The items as they are now",
                value={"claims": [{**CLAIM_EXAMPLE, "status": "verified", "version": 2}], "quotes": []},
                response_only=True,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        data = BulkReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        wanted = data.validated_data["items"]
        state = data.validated_data["status"]
        querysets = {"claim": claims_queryset(request.user), "quote": quotes_queryset(request.user)}
        found = {
            kind: {row.pk: row for row in qs.filter(pk__in=[i["id"] for i in wanted if i["kind"] == kind])}
            for kind, qs in querysets.items()
        }
        missing = [f"{i['kind']} {i['id']}" for i in wanted if i["id"] not in found[i["kind"]]]
        if missing:
            raise NotFound(f"No such items: {', '.join(missing[:20])}.")
        try:
            with transaction.atomic():
                conflicts = []
                for i in wanted:
                    try:
                        review.item_review(
                            item=found[i["kind"]][i["id"]], user=request.user, version=i["version"], status=state
                        )
                    except review.StaleVersion:
                        conflicts.append(i)
                if conflicts:
                    raise _BulkConflict(conflicts)
        except _BulkConflict as exc:
            serializer = {"claim": s.ClaimSerializer, "quote": s.QuoteSerializer}
            current = [
                {**i, "current": serializer[i["kind"]](querysets[i["kind"]].get(pk=i["id"])).data}
                for i in exc.conflicts
            ]
            message = f"{len(current)} of {len(wanted)} items changed since you read them."
            raise Conflict(current={}, detail=message, conflicts=current) from None
        ids = {kind: [i["id"] for i in wanted if i["kind"] == kind] for kind in querysets}
        return Response(
            {
                "claims": s.ClaimSerializer(
                    querysets["claim"].filter(pk__in=ids["claim"]).order_by("id"), many=True
                ).data,
                "quotes": s.QuoteSerializer(
                    querysets["quote"].filter(pk__in=ids["quote"]).order_by("id"), many=True
                ).data,
            },
            status=status.HTTP_200_OK,
        )
