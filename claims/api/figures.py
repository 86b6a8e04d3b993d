"""The figure tracker in the API: ``/api/v1/figures/``.

Read: figures with their latest value per source and open flags (list), and with every series
and flag (detail), filterable by ``category``, ``place`` and ``source`` (an actor id or name).
Write (editors, with a session or a write token): rename (PATCH), ``merge``, ``split``, move
claims in (``claims``), and dismiss or reopen a flag. The writes call the same services as the
figure pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Figure, FigureFlag, FlagStatus, NumericClaim
from ..reads import figures as timelines
from ..services import figures as svc
from . import serializers as s
from .views import ApiMixin

_FILTERS = [
    OpenApiParameter("category", str, description="killed, injured, hostages, …"),
    OpenApiParameter("place", str, description='A place, folded as grouping does ("the Gaza Strip" = "Gaza")'),
    OpenApiParameter("source", str, description="An actor id or name: figures with claims from that source"),
    OpenApiParameter("q", str, description="Part of the figure's name"),
    OpenApiParameter("unit", str, description="count, currency, percent or measure"),
    OpenApiParameter("event", str, description='The event noun of the figure\'s claims: "war", "earthquake"'),
    OpenApiParameter("modality", str, description="fact, quota, forecast, hypothetical, denial"),
]


@extend_schema(tags=["figures"])
class FigureViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Figures: one count followed across articles, with series per source, latest values and flags."""

    serializer_class = s.FigureSerializer
    export_name = "figures"
    extra_params = ("category", "place", "source", "q", "since", "until", "unit", "event", "modality")
    ordering_fields = ["id", "name", "last_as_of", "claim_count"]

    def get_queryset(self) -> Any:
        keys = ("category", "place", "source", "q", "unit", "event", "modality")
        params = {k: self.request.query_params.get(k, "").strip() for k in keys}
        qs = timelines.figures_filter(Figure.objects.visible_to(self.request.user).canonical(), **params)
        return qs.annotate(open_flags=Count("flags", filter=Q(flags__status=FlagStatus.OPEN)))

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return s.FigureDetailSerializer if self.action == "retrieve" else s.FigureSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        for name in ("since", "until"):
            raw = self.request.query_params.get(name, "").strip() if self.request else ""
            try:
                context[name] = date.fromisoformat(raw) if raw else None
            except ValueError:
                raise ValidationError({name: ["A date as YYYY-MM-DD is required."]}) from None
        source = self.request.query_params.get("source", "").strip() if self.request else ""
        if source and self.action == "retrieve":
            from ..models import Actor, normalize_name

            ids = [int(source)] if source.isdigit() else []
            ids += list(Actor.objects.filter(normalized_name=normalize_name(source)).values_list("id", flat=True))
            context["source_series"] = {f"actor:{i}" for i in ids}
        return context

    @extend_schema(parameters=_FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter("source", str, description="Only this source's series"),
            OpenApiParameter("since", str, description="Only points on or after this date (YYYY-MM-DD)"),
            OpenApiParameter("until", str, description="Only points on or before this date (YYYY-MM-DD)"),
        ]
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    def _detail(self, figure: Figure, code: int = status.HTTP_200_OK) -> Response:
        figure = self.get_queryset().get(pk=figure.pk)
        return Response(s.FigureDetailSerializer(figure, context=self.get_serializer_context()).data, status=code)

    def _run(self, fn: Any, **kwargs: Any) -> Any:
        try:
            return fn(**kwargs)
        except svc.FigureError as exc:
            raise ValidationError({"detail": str(exc)}) from exc

    @extend_schema(request=s.FigureRenameInput, responses=s.FigureDetailSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        figure = self.get_object()
        data = s.FigureRenameInput(data=request.data)
        data.is_valid(raise_exception=True)
        self._run(
            svc.figure_rename,
            figure=figure,
            name=data.validated_data["name"],
            cumulative=data.validated_data.get("cumulative"),
            user=request.user,
        )
        return self._detail(figure)

    @extend_schema(request=s.FigureMergeInput, responses=s.FigureDetailSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge this figure into ``into``; claims grouped under this figure's key later follow."""
        figure = self.get_object()
        data = s.FigureMergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        target = self._run(svc.figures_merge, source=figure, target=data.validated_data["into"], user=request.user)
        return self._detail(target)

    @extend_schema(request=s.FigureSplitInput, responses={201: s.FigureDetailSerializer})
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: str | None = None) -> Response:
        """Move some of this figure's claims into a new figure named ``name``."""
        figure = self.get_object()
        data = s.FigureSplitInput(data=request.data)
        data.is_valid(raise_exception=True)
        new = self._run(
            svc.figure_split,
            figure=figure,
            claim_ids=data.validated_data["claims"],
            name=data.validated_data["name"],
            user=request.user,
        )
        return self._detail(new, status.HTTP_201_CREATED)

    @extend_schema(request=s.FigureClaimsInput, responses=s.FigureDetailSerializer)
    @action(detail=True, methods=["post"])
    def claims(self, request: Request, pk: str | None = None) -> Response:
        """Move claims (from any figure, or none) into this one; they stay there through re-extraction."""
        figure = self.get_object()
        data = s.FigureClaimsInput(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["claims"]
        found = set(NumericClaim.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if missing := sorted(set(ids) - found):
            raise ValidationError({"claims": [f"No such claims: {missing[:20]}"]})
        self._run(svc.claims_move, claim_ids=ids, target=figure, user=request.user)
        return self._detail(figure)

    @extend_schema(request=s.FlagDismissInput, responses=s.FigureFlagSerializer)
    @action(detail=True, methods=["post"], url_path=r"flags/(?P<flag_id>\d+)/dismiss")
    def dismiss_flag(self, request: Request, pk: str | None = None, flag_id: str | None = None) -> Response:
        """Dismiss a flag with a reason; it stays dismissed when the figure is recomputed."""
        figure = self.get_object()
        flag = get_object_or_404(FigureFlag, pk=flag_id, figure=figure)
        data = s.FlagDismissInput(data=request.data)
        data.is_valid(raise_exception=True)
        flag = self._run(svc.flag_dismiss, flag=flag, reason=data.validated_data["reason"], user=request.user)
        return Response(s.FigureFlagSerializer(flag).data)

    @extend_schema(request=None, responses=s.FigureFlagSerializer)
    @action(detail=True, methods=["post"], url_path=r"flags/(?P<flag_id>\d+)/reopen")
    def reopen_flag(self, request: Request, pk: str | None = None, flag_id: str | None = None) -> Response:
        figure = self.get_object()
        flag = get_object_or_404(FigureFlag, pk=flag_id, figure=figure)
        return Response(s.FigureFlagSerializer(svc.flag_reopen(flag=flag, user=request.user)).data)
