"""API views: parse, call a queryset or the same service as the pages, render.

Lists are cursor-paginated JSON, or a stream of every matching row as CSV or JSON Lines
(``?format=csv`` / ``Accept: text/csv``), read in chunks so an export runs in constant memory.

Past 600 lines: ``ApiMixin`` (strict parameters, ETag, rate-limit headers, facets, counts,
streamed exports) and the viewsets that share it are read together; figures, sync, follow,
statements and accuracy already live in modules of their own.
"""

from __future__ import annotations

import builtins
import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import django_filters as df
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import CharField, Count, F, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.pagination import BasePagination
from rest_framework.parsers import BaseParser, JSONParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import models as m
from ..lib import keyset
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
    pass

EXPORT_CHUNK_SIZE = 2000
STREAM_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}


_FAST_ROWS: dict[type, FastRows] = {}  # per serializer class: its columns do not change

# Query parameters every list takes besides its filters.
LIST_PARAMS = ("cursor", "page_size", "ordering", "format", "count", "facets")
FACET_LIMIT = 50  # values per facet, most frequent first
df_range_filters = (df.DateFromToRangeFilter, df.RangeFilter, df.DateTimeFromToRangeFilter)


def _primed(queryset: QuerySet) -> Iterator[Any]:
    """The export's rows, streamed; its query is run once now (on one row) so that a failure is an
    error status, not a cut-off 200. The streaming cursor itself opens when the body is read: a
    PostgreSQL server-side cursor declared in the view would not outlive the view's savepoint."""
    list(queryset[:1])

    def rows() -> Iterator[Any]:
        yield from queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)

    return rows()


class FormatFirst(DefaultContentNegotiation):
    """``?format=`` wins over the Accept header: a generated client that always sends
    ``Accept: application/json`` still gets the CSV it asked for with ``format=csv``."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        fmt = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if fmt:
            for renderer in renderers:
                if renderer.format == fmt:
                    return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)


def _flag(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise ValidationError({name: ["true or false."]})


class ApiMixin:
    """What every API view shares: auth, permissions, formats, JSON errors, streamed exports,
    strict query parameters, conditional GET and rate-limit headers."""

    # Typed as APIView/GenericAPIView declare them, so that every view mixing this in agrees.
    permission_classes: Sequence[Any] = [ReadOrEdit]
    renderer_classes: Sequence[type[BaseRenderer]] = [JSONRenderer, CSVRenderer, JSONLinesRenderer]
    parser_classes: Sequence[type[BaseParser]] = [JSONParser]  # writes are JSON (the pages post their own forms)
    content_negotiation_class: type[BaseContentNegotiation] = FormatFirst
    filter_backends: Sequence[Any] = [DjangoFilterBackend, filters.StrictOrderingFilter]
    pagination_class: type[BasePagination] | None = Cursor
    ordering_fields = ["id"]
    ordering = ["-id"]
    lookup_value_regex = r"[0-9]{1,18}"
    export_name = "export"
    values_rows = False  # True: lists and exports are built from .values() (see rows.py)
    extra_params: tuple[str, ...] = ()  # query parameters a view reads itself (figures' filters)
    facet_fields: dict[str, str] = {}  # ?facets= name -> the column counted

    # --- what the request may say ------------------------------------------------------------

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self._throttles: list = []
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if any("\x00" in k or "\x00" in v for k, values in request.query_params.lists() for v in [k, *values]):
            raise ValidationError({"query": ["A query parameter cannot contain a NUL character."]})
        reads = request.method in ("GET", "HEAD")
        method = (request.method or "").lower()
        handled = (
            method in getattr(self, "http_method_names", ()) and getattr(self, method, None) is not None
        )  # else 405
        if handled and (reads or request.method in ("POST", "PATCH", "PUT", "DELETE")):
            unknown = sorted(set(request.query_params) - (set(self.query_params()) if reads else set()))
            empty = sorted(n for n in self.typed_params() if request.query_params.get(n) == "")
            filterset = getattr(self, "filterset_class", None)
            for name, filter_ in filterset.base_filters.items() if filterset else ():
                raw = request.query_params.get(name)
                if isinstance(filter_, df.BooleanFilter) and raw is not None and raw not in ("true", "false"):
                    raise ValidationError({name: ["true or false."]})
            if empty:
                raise ValidationError({n: ["A value is required (leave the parameter out instead)."] for n in empty})
            if unknown:
                valid = ", ".join(sorted(self.query_params()))
                raise ValidationError(
                    {name: [f"Unknown query parameter {name!r}: this endpoint takes {valid}."] for name in unknown}
                )

    def query_params(self) -> set[str]:
        """Every query parameter this endpoint understands (anything else is a 400 naming them)."""
        names = {"format", *self.extra_params}
        if getattr(self, "action", None) != "list" and not getattr(self, "is_list_view", False):
            return names
        names |= set(LIST_PARAMS)
        filterset = getattr(self, "filterset_class", None)
        for name, filter_ in filterset.base_filters.items() if filterset else ():
            names.add(name)
            if isinstance(filter_, df_range_filters):
                names |= {f"{name}_after", f"{name}_before", f"{name}_min", f"{name}_max"}
        return names

    def typed_params(self) -> set[str]:
        """The filters whose value is a number, date, id or choice: an empty one is not a value."""
        filterset = getattr(self, "filterset_class", None)
        names: set[str] = set()
        for name, filter_ in filterset.base_filters.items() if filterset else ():
            if isinstance(filter_, df_range_filters):
                names |= {f"{name}_after", f"{name}_before", f"{name}_min", f"{name}_max"}
            elif not isinstance(filter_, df.CharFilter) or isinstance(filter_, df.ChoiceFilter):
                names.add(name)
        return names

    def check_throttles(self, request: Request) -> None:
        self._throttles = self.get_throttles()  # type: ignore[attr-defined]
        super().check_throttles(request)  # type: ignore[misc]

    # --- lists -------------------------------------------------------------------------------

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        fmt = getattr(request.accepted_renderer, "format", "json")
        count, facets = _flag(request, "count"), self.facets_asked(request)
        if fmt in STREAM_TYPES:
            self.check_paging(request)  # an export reads no page, but a bad parameter is still a 400
            return self.export(fmt)
        if not self.values_rows:
            response = super().list(request, *args, **kwargs)  # type: ignore[misc]
        else:
            rows = self.fast_rows()
            queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
            if set(self.ordering_fields) <= set(rows.sources):
                # Tuples are cheaper to fetch than dicts; the cursor reads its keys by position.
                page = self.paginate_queryset(queryset.values_list(*rows.sources))  # type: ignore[attr-defined]
                response = self.get_paginated_response([rows.dict_row(v) for v in page])  # type: ignore[attr-defined]
            else:
                page = self.paginate_queryset(queryset.values(*rows.sources))  # type: ignore[attr-defined]
                response = self.get_paginated_response([rows.row(v) for v in page])  # type: ignore[attr-defined]
        if count or facets:
            queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
            extra: dict[str, Any] = {}
            if count:
                total, more = keyset.bounded_count(queryset)
                extra = {"count": total, "count_exact": not more}
            if facets:
                extra["facets"] = {name: self.facet_counts(queryset, name) for name in facets}
            results = response.data.pop("results")
            response.data.update(extra)
            response.data["results"] = results
        return response

    def check_paging(self, request: Request) -> None:
        paginator = self.paginator  # type: ignore[attr-defined]
        queryset = self.get_queryset()  # type: ignore[attr-defined]
        paginator.get_page_size(request)
        paginator.ordering = paginator.get_ordering(request, queryset, self)
        paginator.decode_cursor(request, queryset.model)

    def facets_asked(self, request: Request) -> builtins.list[str]:  # `list` here is the view action
        raw = request.query_params.get("facets", "").strip()
        if not raw:
            return []
        names = [n.strip() for n in raw.split(",") if n.strip()]
        bad = [n for n in names if n not in self.facet_fields]
        if bad:
            offered = ", ".join(self.facet_fields) or "none here"
            raise ValidationError({"facets": [f"Unknown facet {', '.join(bad)}: use {offered}."]})
        return list(dict.fromkeys(names))

    def facet_counts(self, queryset: QuerySet, name: str) -> builtins.list[dict[str, Any]]:
        column = self.facet_fields[name]
        counts = (
            queryset.order_by()
            .values(column)
            .annotate(n=Count("pk"))
            .order_by("-n", column)[:FACET_LIMIT]
            .values_list(column, "n")
        )
        out = [{"value": value, "count": n} for value, n in counts]
        if name == "outlet":
            names = dict(m.Outlet.objects.filter(pk__in=[o["value"] for o in out]).values_list("pk", "name"))
            for o in out:
                o["label"] = names.get(o["value"])
        return out

    # --- every response ----------------------------------------------------------------------

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        self.rate_limit_headers(request, response)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not isinstance(response, StreamingHttpResponse)
        ):
            response.render()
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            response["ETag"] = etag
            patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
            asked = request.headers.get("If-None-Match", "")
            if asked and (asked.strip() == "*" or etag in [t.strip() for t in asked.split(",")]):
                not_modified = HttpResponseNotModified()
                for header in ("ETag", "Vary", "RateLimit", "RateLimit-Policy", "Cache-Control"):
                    if header in response:
                        not_modified[header] = response[header]
                return not_modified
        return response

    def rate_limit_headers(self, request: Request, response: HttpResponse) -> None:
        """``RateLimit-Policy`` and ``RateLimit`` (IETF draft) for the bucket this caller spends."""
        throttles = getattr(self, "_throttles", None) or self.get_throttles()  # type: ignore[attr-defined]
        for throttle in throttles:
            key = getattr(throttle, "key", None) or throttle.get_cache_key(request, self)
            if not key or not throttle.rate:
                continue
            history = getattr(throttle, "history", None)
            if history is None:
                history = cache.get(key, [])
            now = time.time()
            history = [t for t in history if t > now - throttle.duration]
            remaining = max(throttle.num_requests - len(history), 0)
            reset = int(throttle.duration - (now - history[-1])) + 1 if history else throttle.duration
            response["RateLimit-Policy"] = f'"{throttle.scope}";q={throttle.num_requests};w={throttle.duration}'
            response["RateLimit"] = f'"{throttle.scope}";r={remaining};t={min(reset, throttle.duration)}'
            return

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
            tuples = _primed(queryset.values_list(*fast.sources))
            lists = (fast.tuple_row(t) for t in tuples)
            if fmt == "csv":
                body = csv_lines(fast.names, lists)
            else:
                body = jsonl_lines(dict(zip(fast.names, values, strict=True)) for values in lists)
        else:
            objects = _primed(queryset)
            rows = (serializer.to_representation(obj) for obj in objects)
            body = csv_dict_lines(list(serializer.fields), rows) if fmt == "csv" else jsonl_lines(rows)
        response = StreamingHttpResponse(body, content_type=STREAM_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{self.export_filename(fmt)}"'
        return response

    def export_filename(self, fmt: str) -> str:
        """``newsclaims-claims-killed-2026-12-04.csv``: what, the main filters, and the day."""
        parts = ["newsclaims", self.export_name]
        params = self.request.query_params  # type: ignore[attr-defined]
        for name in ("category", "qualifier", "status", "kind", "q"):
            for value in params.getlist(name)[:3]:
                word = "".join(ch if ch.isalnum() else "-" for ch in value.lower()).strip("-")[:30]
                if word:
                    parts.append(word)
        parts.append(timezone.localdate().isoformat())
        return "-".join(parts) + f".{fmt}"


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
    facet_fields = {"outlet": "outlet_id", "extraction_status": "extraction_status", "language": "language"}

    def get_queryset(self) -> QuerySet:
        queryset = m.Article.objects.visible_to(self.request.user).annotate(outlet_name=F("outlet__name"))
        if self.action == "retrieve":
            return queryset.defer("html")
        return queryset.defer("text", "html")

    def get_serializer_class(self) -> type:
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer


# --- Quotes and claims -------------------------------------------------------------------


def _provenance(anchor: str) -> dict[str, Any]:
    """Where a row came from, as every API row and export shows it: the outlet's name and the
    Newsclaims permalink of the item (``/articles/42/#claim-1001``)."""
    return {
        "outlet_name": F("article__outlet__name"),
        "permalink": Concat(
            Value("/articles/"),
            Cast("article_id", CharField()),
            Value(f"/#{anchor}-"),
            Cast("id", CharField()),
            output_field=CharField(),
        ),
    }


def quotes_queryset(user: Any) -> QuerySet:
    return m.Quote.objects.with_names().visible_to(user).annotate(**_provenance("quote"))


def claims_queryset(user: Any) -> QuerySet:
    return m.NumericClaim.objects.with_names().visible_to(user).annotate(**_provenance("claim"))


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
    facet_fields = {"status": "status", "origin": "origin", "outlet": "article__outlet_id", "speaker": "speaker_id"}

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
    facet_fields = {
        "category": "category",
        "qualifier": "qualifier",
        "status": "status",
        "origin": "origin",
        "outlet": "article__outlet_id",
        "source": "source_id",
        "figure": "figure_id",
    }

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
            "facet_fields": items.facet_fields,
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
    parser_classes = [JSONParser, MultiPartParser]  # a file to upload comes as multipart

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
