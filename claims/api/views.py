"""API views: parse, call a queryset or the same service as the pages, render.

Lists are cursor-paginated JSON, or a stream of every matching row as CSV or JSON Lines
(``?format=csv`` / ``Accept: text/csv``), read in chunks so an export runs in constant memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, QuerySet
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import BasePagination
from rest_framework.permissions import BasePermission, OperandHolder, SingleOperandHolder
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import models as m
from ..lib.csv import csv_lines
from ..lib.ingest_input import IngestInputError
from ..roles import can_edit
from ..services import review
from ..services.actors import actors_merge
from ..services.ingest import ingest_job_create
from . import filters, schema
from . import serializers as s
from .exceptions import Conflict
from .pagination import Cursor
from .permissions import CanIngest, ReadOrEdit
from .renderers import CSVRenderer, JSONLinesRenderer, csv_dict_lines, jsonl_lines
from .rows import FastRows

if TYPE_CHECKING:
    from rest_framework.generics import BaseFilterProtocol

EXPORT_CHUNK_SIZE = 2000
STREAM_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}


_FAST_ROWS: dict[type, FastRows] = {}  # per serializer class: its columns do not change


class ApiMixin:
    """What every API view shares: auth, permissions, formats, JSON errors, streamed exports."""

    # Typed as on DRF's views, which these attributes override.
    permission_classes: Sequence[type[BasePermission] | OperandHolder | SingleOperandHolder] = [ReadOrEdit]
    renderer_classes: Sequence[type[BaseRenderer]] = [JSONRenderer, CSVRenderer, JSONLinesRenderer]
    filter_backends: Sequence[type[BaseFilterBackend | BaseFilterProtocol[Any]]] = [
        DjangoFilterBackend,
        filters.StrictOrderingFilter,
    ]
    pagination_class: type[BasePagination] | None = Cursor
    ordering_fields = ["id"]
    ordering = ["-id"]
    lookup_value_regex = r"[0-9]{1,18}"
    export_name = "export"
    values_rows = False  # True: lists and exports are built from .values() (see rows.py)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        fmt = getattr(request.accepted_renderer, "format", "json")
        if fmt in STREAM_TYPES:
            return self.export(fmt)
        if not self.values_rows:
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        rows = self.fast_rows()
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        if set(self.ordering_fields) <= set(rows.sources):
            # Tuples are cheaper to fetch than dicts; the cursor reads its keys by position.
            page = self.paginate_queryset(queryset.values_list(*rows.sources))  # type: ignore[attr-defined]
            return self.get_paginated_response([rows.dict_row(v) for v in page])  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset.values(*rows.sources))  # type: ignore[attr-defined]
        return self.get_paginated_response([rows.row(v) for v in page])  # type: ignore[attr-defined]

    def fast_rows(self) -> FastRows:
        serializer_class = self.get_serializer_class()  # type: ignore[attr-defined]
        rows = _FAST_ROWS.get(serializer_class)
        if rows is None:
            rows = _FAST_ROWS[serializer_class] = FastRows(serializer_class())
        return rows

    def export(self, fmt: str) -> StreamingHttpResponse:
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        serializer = self.get_serializer()  # type: ignore[attr-defined]
        if self.values_rows:
            fast = self.fast_rows()
            tuples = queryset.values_list(*fast.sources).iterator(chunk_size=EXPORT_CHUNK_SIZE)
            lists = (fast.tuple_row(t) for t in tuples)
            if fmt == "csv":
                body = csv_lines(fast.names, lists)
            else:
                body = jsonl_lines(dict(zip(fast.names, values, strict=True)) for values in lists)
        else:
            rows = (serializer.to_representation(obj) for obj in queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE))
            body = csv_dict_lines(list(serializer.fields), rows) if fmt == "csv" else jsonl_lines(rows)
        response = StreamingHttpResponse(body, content_type=STREAM_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{self.export_name}.{fmt}"'
        return response


def _conflict(exc: review.StaleVersion, current: dict) -> Conflict:
    return Conflict(current=current, detail=str(exc))


# --- Articles ----------------------------------------------------------------------------


@schema.articles
class ArticleViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """News articles, newest first; the detail includes the text the offsets point into."""

    serializer_class = s.ArticleSerializer
    filterset_class = filters.ArticleFilter
    values_rows = True
    ordering_fields = ["id", "ingested_at", "updated_at"]
    export_name = "articles"

    def get_queryset(self) -> QuerySet:
        queryset = m.Article.objects.visible_to(self.request.user).annotate(outlet_name=F("outlet__name"))
        if self.action == "retrieve":
            return queryset.defer("html")
        return queryset.defer("text", "html")

    def get_serializer_class(self) -> type:
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer


# --- Quotes and claims -------------------------------------------------------------------


def quotes_queryset(user: Any) -> QuerySet:
    return m.Quote.objects.with_names().visible_to(user)


def claims_queryset(user: Any) -> QuerySet:
    return m.NumericClaim.objects.with_names().visible_to(user)


class _ReviewableViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering_fields = ["id", "updated_at", "confidence"]
    values_rows = True
    serializer_class: type[s.QuoteSerializer] | type[s.ClaimSerializer]
    filterset_class: type
    change_input: type
    create_input: type
    rows: Any  # user -> the annotated, visible queryset of the items (the nested lists read it too)

    def _current(self, pk: int) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=pk)).data

    def _changed(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        return Response(self._current(pk), status=code)

    def _write(self, call: Any, item: Any) -> Response:
        try:
            row = call()
        except review.StaleVersion as exc:
            raise _conflict(exc, self._current(item.pk)) from None
        return self._changed(row.pk)

    def _versioned(self, request: Request) -> dict:
        data = s.VersionedInput(data=request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _review(self, request: Request, status: m.ReviewStatus) -> Response:
        item = self.get_object()
        version = self._versioned(request)["version"]
        return self._write(
            lambda: review.item_review(item=item, user=request.user, version=version, status=status), item
        )

    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        return self._review(request, m.ReviewStatus.VERIFIED)

    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._review(request, m.ReviewStatus.REJECTED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        data = self.change_input(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version")
        return self._write(lambda: self.correct(item, request.user, version, changes), item)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.create_input(data=request.data)
        data.is_valid(raise_exception=True)
        row = self.add(request.user, dict(data.validated_data))
        response = self._changed(row.pk, status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{row.pk}/")
        return response

    def correct(self, item: Any, user: Any, version: int, changes: dict) -> Any:
        raise NotImplementedError

    def add(self, user: Any, data: dict) -> Any:
        raise NotImplementedError


@schema.quotes
class QuoteViewSet(_ReviewableViewSet):
    """Quotes with their speaker and where in the article they were found."""

    serializer_class = s.QuoteSerializer
    filterset_class = filters.QuoteFilter
    change_input = s.QuoteChangeInput
    create_input = s.QuoteCreateInput
    export_name = "quotes"

    rows = staticmethod(quotes_queryset)

    def get_queryset(self) -> QuerySet:
        return quotes_queryset(self.request.user)

    def correct(self, item: m.Quote, user: Any, version: int, changes: dict) -> m.Quote:
        return review.quote_correct(quote=item, user=user, version=version, **changes)

    def add(self, user: Any, data: dict) -> m.Quote:
        return review.quote_add(user=user, **data)


@schema.claims
class ClaimViewSet(_ReviewableViewSet):
    """Numeric claims: a value, what it counts, who said so, and where it was found."""

    serializer_class = s.ClaimSerializer
    filterset_class = filters.ClaimFilter
    ordering_fields = ["id", "updated_at", "confidence", "value"]
    change_input = s.ClaimChangeInput
    create_input = s.ClaimCreateInput
    export_name = "claims"

    rows = staticmethod(claims_queryset)

    def get_queryset(self) -> QuerySet:
        return claims_queryset(self.request.user)

    def correct(self, item: m.NumericClaim, user: Any, version: int, changes: dict) -> m.NumericClaim:
        return review.claim_correct(claim=item, user=user, version=version, **changes)

    def add(self, user: Any, data: dict) -> m.NumericClaim:
        return review.claim_add(user=user, **data)


class _NestedList(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The items of one parent (an article's claims, an actor's quotes): 404 when it does not exist.

    An actor's list includes the actors merged into it. Serializer, filters and orderings are the
    item list's own (``items``)."""

    values_rows = True
    items: type[_ReviewableViewSet]
    parent_model: type[m.Article] | type[m.Actor]
    parent_kwarg: str
    parent_field: str

    def get_queryset(self) -> QuerySet:
        parents = self.parent_model.objects.visible_to(self.request.user).only("pk")
        parent = get_object_or_404(parents, pk=self.kwargs[self.parent_kwarg]).pk
        rows = self.items.rows(self.request.user)
        if self.parent_model is m.Actor:
            return rows.filter(**{f"{self.parent_field}__in": filters.actor_ids(parent)})
        return rows.filter(**{self.parent_field: parent})


def _nested(
    items: type[_ReviewableViewSet], parent_model: type[m.Article] | type[m.Actor], parent_field: str, export_name: str
) -> type:
    model = items.serializer_class.Meta.model
    return type(
        f"{parent_model.__name__}{model.__name__}ViewSet",
        (_NestedList,),
        {
            "__module__": __name__,
            "queryset": model.objects.none(),  # for the schema; get_queryset() reads the real rows
            "serializer_class": items.serializer_class,
            "filterset_class": items.filterset_class,
            "ordering_fields": items.ordering_fields,
            "items": items,
            "parent_model": parent_model,
            "parent_kwarg": f"{parent_model.__name__.lower()}_pk",
            "parent_field": parent_field,
            "export_name": export_name,
        },
    )


ArticleClaimViewSet = schema.article_claims(_nested(ClaimViewSet, m.Article, "article_id", "article-claims"))
ArticleQuoteViewSet = schema.article_quotes(_nested(QuoteViewSet, m.Article, "article_id", "article-quotes"))
ActorClaimViewSet = schema.actor_claims(_nested(ClaimViewSet, m.Actor, "source_id", "actor-claims"))
ActorQuoteViewSet = schema.actor_quotes(_nested(QuoteViewSet, m.Actor, "speaker_id", "actor-quotes"))


# --- Actors ------------------------------------------------------------------------------


@schema.actors
class ActorViewSet(
    ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """People, organisations and places, with the aliases they are matched on."""

    serializer_class = s.ActorSerializer
    filterset_class = filters.ActorFilter
    ordering_fields = ["id", "name", "updated_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    export_name = "actors"

    def get_queryset(self) -> QuerySet:
        return m.Actor.objects.visible_to(self.request.user).prefetch_related("aliases")

    def _current(self, pk: int) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=pk)).data

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = self.get_object()
        data = s.ActorChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        try:
            review.actor_update(
                actor=actor,
                user=request.user,
                version=changes["version"],
                name=changes.get("name", actor.name),
                description=changes.get("description"),
                type=changes.get("type"),
                aliases=changes.get("aliases"),
            )
        except review.StaleVersion as exc:
            raise _conflict(exc, self._current(actor.pk)) from None
        return Response(self._current(actor.pk))

    @action(detail=True, methods=["post"], serializer_class=s.ActorMergeInput)
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Fold this actor into ``into``: its quotes, claims, mentions and names move there."""
        source = self.get_object()
        data = s.ActorMergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            target = actors_merge(source=source, target=data.validated_data["into"], user=request.user).target
        except ValueError as exc:
            raise DjangoValidationError({"into": [str(exc)]}) from None
        return Response(s.ActorSerializer(self.get_queryset().get(pk=target.pk)).data)


# --- Feeds and ingestion -----------------------------------------------------------------


@schema.feeds
class FeedViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """The RSS/Atom feeds that are polled for new articles."""

    serializer_class = s.FeedSerializer
    filterset_class = filters.FeedFilter
    ordering_fields = ["id", "url"]
    export_name = "feeds"

    def get_queryset(self) -> QuerySet:
        return m.Feed.objects.visible_to(self.request.user)


@schema.ingest_jobs
class IngestJobViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Ingest jobs and their progress; poll one after POST /api/v1/ingest/."""

    filterset_class = filters.IngestJobFilter
    permission_classes = [CanIngest]
    ordering_fields = ["id"]
    export_name = "ingest-jobs"

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        if can_edit(user):
            return m.IngestJob.objects.all()
        return (
            m.IngestJob.objects.filter(created_by_id=user.pk) if user.is_authenticated else m.IngestJob.objects.none()
        )

    def get_serializer_class(self) -> type:
        return s.IngestJobDetailSerializer if self.action == "retrieve" else s.IngestJobSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        job = self.get_object()
        body = dict(self.get_serializer(job).data)
        body["progress"] = job.progress()
        return Response(body)


@schema.ingest
class IngestView(ApiMixin, APIView):
    """Submit a URL, text, HTML or a JSON Lines file; answers 202 with the job to poll."""

    permission_classes = [CanIngest]

    def post(self, request: Request) -> Response:
        data = s.IngestInput(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        upload = given.get("file")
        try:
            job = ingest_job_create(
                user=request.user,
                kind=given["kind"],
                url=given.get("url"),
                text=given.get("text"),
                html=given.get("html"),
                title=given.get("title", ""),
                upload_name=upload.name if upload else None,
                upload_bytes=upload.read() if upload else None,
            )
        except IngestInputError as exc:
            raise DjangoValidationError({given["kind"]: [str(exc)]}) from None
        body = dict(s.IngestJobDetailSerializer(job).data)
        body["progress"] = job.progress()
        response = Response(body, status=status.HTTP_202_ACCEPTED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/ingest-jobs/{job.pk}/")
        return response
