"""The figure tracker in the API: ``/api/v1/figures/``.

Read: figures with their latest value per source and open flags (list), and with every series
and flag (detail), filterable by ``category``, ``place`` and ``source`` (an actor id or name).
Write (editors, with a session or a write token): rename (PATCH), ``merge``, ``split``, move
claims in (``claims``), and dismiss or reopen a flag. The writes call the same services as the
figure pages. The API engineer mounts it with ``register(router)``.
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
from ..services import figures as svc


class FigureFlagSerializer(serializers.ModelSerializer):
    claims = serializers.SerializerMethodField()
    dismissed_by = serializers.CharField(source="dismissed_by.username", default=None, read_only=True)

    class Meta:
        model = FigureFlag
        fields = [
            "id",
            "figure",
            "kind",
            "key",
            "status",
            "detail",
            "claims",
            "dismissed_by",
            "dismissed_reason",
            "dismissed_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_claims(self, flag: FigureFlag) -> list[dict[str, Any]]:
        evidence = self.context.get("evidence")
        if evidence is None:
            evidence = svc.flags_evidence([flag.pk])
        return evidence.get(flag.pk, [])


class FigureSerializer(serializers.ModelSerializer):
    open_flags = serializers.IntegerField(read_only=True, default=None)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Figure
        fields = [
            "id",
            "slug",
            "name",
            "category",
            "noun_key",
            "place_key",
            "cumulative",
            "origin",
            "renamed",
            "claim_count",
            "last_as_of",
            "latest",
            "open_flags",
            "page",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_page(self, figure: Figure) -> str:
        return f"/figures/{figure.slug}/"


class FigureDetailSerializer(FigureSerializer):
    series = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    class Meta(FigureSerializer.Meta):
        fields = [*FigureSerializer.Meta.fields, "series", "flags"]
        read_only_fields = fields

    def get_series(self, figure: Figure) -> list[dict[str, Any]]:
        points = svc.figure_points(figure_id=figure.pk)
        source = self.context.get("source_series")
        if source:
            points = [p for p in points if p.series in source]
        since, until = self.context.get("since"), self.context.get("until")
        points = [p for p in points if (since is None or p.day >= since) and (until is None or p.day <= until)]
        labels = svc.series_labels({p.series for p in points})
        out: dict[str, dict[str, Any]] = {}
        for p in points:
            s = out.setdefault(p.series, {"key": p.series, "label": labels.get(p.series, p.series), "points": []})
            s["points"].append(
                {
                    "claim": p.claim_id,
                    "article": p.article_id,
                    "as_of": p.day.isoformat(),
                    "value": str(p.value),
                    "value_max": None if p.value_max is None else str(p.value_max),
                    "qualifier": p.qualifier,
                    "url": p.url,
                }
            )
        return sorted(out.values(), key=lambda s: (-len(s["points"]), s["label"]))

    def get_flags(self, figure: Figure) -> list[dict[str, Any]]:
        flags = list(figure.flags.select_related("dismissed_by").order_by("-key"))
        evidence = svc.flags_evidence(f.pk for f in flags)
        return FigureFlagSerializer(flags, many=True, context={"evidence": evidence}).data


class RenameInput(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    cumulative = serializers.BooleanField(required=False)


class MergeInput(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(queryset=Figure.objects.all())


class ClaimsInput(serializers.Serializer):
    claims = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=5000)


class SplitInput(ClaimsInput):
    name = serializers.CharField(max_length=300)


class DismissInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


_FILTERS = [
    OpenApiParameter("category", str, description="killed, injured, hostages, …"),
    OpenApiParameter("place", str, description='A place, folded as grouping does ("the Gaza Strip" = "Gaza")'),
    OpenApiParameter("source", str, description="An actor id or name: figures with claims from that source"),
    OpenApiParameter("q", str, description="Part of the figure's name"),
]


@extend_schema(tags=["figures"])
class FigureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Figures: one count followed across articles, with series per source, latest values and flags."""

    serializer_class = FigureSerializer
    filter_backends: list = []

    def get_queryset(self) -> Any:
        params = {k: self.request.query_params.get(k, "").strip() for k in ("category", "place", "source", "q")}
        qs = svc.figures_filter(svc.figures_visible(user=self.request.user), **params)
        return qs.annotate(open_flags=Count("flags", filter=Q(flags__status=FlagStatus.OPEN)))

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return FigureDetailSerializer if self.action == "retrieve" else FigureSerializer

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
        return Response(FigureDetailSerializer(figure, context=self.get_serializer_context()).data, status=code)

    def _run(self, fn: Any, **kwargs: Any) -> Any:
        try:
            return fn(**kwargs)
        except svc.FigureError as exc:
            raise ValidationError({"detail": str(exc)}) from exc

    @extend_schema(request=RenameInput, responses=FigureDetailSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        figure = self.get_object()
        data = RenameInput(data=request.data)
        data.is_valid(raise_exception=True)
        self._run(
            svc.figure_rename,
            figure=figure,
            name=data.validated_data["name"],
            cumulative=data.validated_data.get("cumulative"),
            user=request.user,
        )
        return self._detail(figure)

    @extend_schema(request=MergeInput, responses=FigureDetailSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge this figure into ``into``; claims grouped under this figure's key later follow."""
        figure = self.get_object()
        data = MergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        target = self._run(svc.figures_merge, source=figure, target=data.validated_data["into"], user=request.user)
        return self._detail(target)

    @extend_schema(request=SplitInput, responses={201: FigureDetailSerializer})
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: str | None = None) -> Response:
        """Move some of this figure's claims into a new figure named ``name``."""
        figure = self.get_object()
        data = SplitInput(data=request.data)
        data.is_valid(raise_exception=True)
        new = self._run(
            svc.figure_split,
            figure=figure,
            claim_ids=data.validated_data["claims"],
            name=data.validated_data["name"],
            user=request.user,
        )
        return self._detail(new, status.HTTP_201_CREATED)

    @extend_schema(request=ClaimsInput, responses=FigureDetailSerializer)
    @action(detail=True, methods=["post"])
    def claims(self, request: Request, pk: str | None = None) -> Response:
        """Move claims (from any figure, or none) into this one; they stay there through re-extraction."""
        figure = self.get_object()
        data = ClaimsInput(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["claims"]
        found = set(NumericClaim.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if missing := sorted(set(ids) - found):
            raise ValidationError({"claims": [f"No such claims: {missing[:20]}"]})
        self._run(svc.claims_move, claim_ids=ids, target=figure, user=request.user)
        return self._detail(figure)

    @extend_schema(request=DismissInput, responses=FigureFlagSerializer)
    @action(detail=True, methods=["post"], url_path=r"flags/(?P<flag_id>\d+)/dismiss")
    def dismiss_flag(self, request: Request, pk: str | None = None, flag_id: str | None = None) -> Response:
        """Dismiss a flag with a reason; it stays dismissed when the figure is recomputed."""
        figure = self.get_object()
        flag = get_object_or_404(FigureFlag, pk=flag_id, figure=figure)
        data = DismissInput(data=request.data)
        data.is_valid(raise_exception=True)
        flag = self._run(svc.flag_dismiss, flag=flag, reason=data.validated_data["reason"], user=request.user)
        return Response(FigureFlagSerializer(flag).data)

    @extend_schema(request=None, responses=FigureFlagSerializer)
    @action(detail=True, methods=["post"], url_path=r"flags/(?P<flag_id>\d+)/reopen")
    def reopen_flag(self, request: Request, pk: str | None = None, flag_id: str | None = None) -> Response:
        figure = self.get_object()
        flag = get_object_or_404(FigureFlag, pk=flag_id, figure=figure)
        return Response(FigureFlagSerializer(svc.flag_reopen(flag=flag, user=request.user)).data)


def register(router: Any) -> None:
    """Mount the figures endpoints on the API's router (called from claims/api/urls.py)."""
    router.register("figures", FigureViewSet, basename="api-figure")
