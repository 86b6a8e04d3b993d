"""``/api/v1/statements/``: quote drift, the versions of each statement and how they differ (issue 18)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Statement
from ..reads.statements import statement_view, statements_visible
from .pagination import Cursor
from .permissions import ReadOrEdit


class StatementSerializer(serializers.ModelSerializer):
    speaker_name = serializers.CharField(source="speaker.name", default=None, read_only=True)
    first_quote = serializers.IntegerField(source="first_quote_id", read_only=True)
    first_outlet = serializers.CharField(source="first_quote.article.outlet.name", default=None, read_only=True)
    verified_quote = serializers.IntegerField(source="verified_quote_id", read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = [
            "id",
            "speaker",
            "speaker_name",
            "quote_count",
            "first_quote",
            "first_outlet",
            "verified_quote",
            "verified_text",
            "source_url",
            "verified_at",
            "updated_at",
            "page",
        ]
        read_only_fields = fields

    def get_page(self, statement: Statement) -> str:
        return f"/statements/{statement.pk}/"


def _versions(statement: Statement) -> dict[str, Any]:
    view = statement_view(statement)
    versions = []
    for v in view.versions:
        q = v.quote
        versions.append(
            {
                "quote": q.pk,
                "article": q.article_id,
                "outlet": q.article.outlet.name if q.article.outlet is not None else None,
                "published": v.day.isoformat() if v.day else None,
                "text": q.text,
                "speaker": q.speaker_id,
                "speaker_name": q.speaker.name if q.speaker is not None else q.speaker_surface or None,
                "first_published": v.first,
                "verified": v.verified,
                "credited_to_other_speaker": v.other_speaker,
                "difference": None if v.diff is None else v.diff.kind,
                "reasons": [] if v.diff is None else v.diff.reasons,
                "diff": [] if v.diff is None else v.diff.ops,
                "link": f"/articles/{q.article_id}/#quote-{q.pk}",
            }
        )
    return {"reference": view.reference, "compared_with": view.reference_label, "versions": versions}


STATEMENT_EXAMPLE = {
    "id": 12,
    "speaker": 8,
    "speaker_name": "Dana Reyes",
    "quote_count": 3,
    "first_quote": 501,
    "first_outlet": "Morning Ledger",
    "verified_quote": None,
    "verified_text": "",
    "source_url": "",
    "verified_at": None,
    "updated_at": "2024-03-06T08:05:00Z",
    "page": "/statements/12/",
}
VERSION_EXAMPLE = {
    "quote": 503,
    "article": 44,
    "outlet": "Evening Post",
    "published": "2024-03-06T08:00:00Z",
    "text": "We will soon reopen the northern crossing",
    "speaker": 8,
    "speaker_name": "Dana Reyes",
    "first_published": False,
    "verified": False,
    "credited_to_other_speaker": False,
    "difference": "meaning",
    "reasons": ["negation"],
    "diff": [{"op": "equal", "text": "We will"}, {"op": "delete", "text": "never"}, {"op": "insert", "text": "soon"}],
    "link": "/articles/44/#quote-503",
}


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("speaker", int, description="Only statements of this actor.")],
        examples=[OpenApiExample("A page of statements", value=STATEMENT_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        examples=[
            OpenApiExample(
                "A statement and its versions",
                value={
                    **STATEMENT_EXAMPLE,
                    "reference": "We will never reopen the northern crossing",
                    "compared_with": "the first published version",
                    "versions": [VERSION_EXAMPLE],
                },
                response_only=True,
            )
        ]
    ),
)
class StatementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Statements reported by several articles. The detail adds every version, its word-level
    differences against the verified wording (else the first published version) and their kind."""

    serializer_class = StatementSerializer
    permission_classes = [ReadOrEdit]
    pagination_class = Cursor
    ordering = ["-id"]
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> Any:
        qs = statements_visible(self.request.user).order_by("-id")
        speaker = self.request.query_params.get("speaker", "")
        return qs.filter(speaker_id=int(speaker)) if speaker.isdigit() else qs

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        statement = self.get_object()
        return Response({**self.get_serializer(statement).data, **_versions(statement)})
