"""Figure tracker pages: the list, a figure's chart and points, downloads, and the editor's tools."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..lib.csv import csv_lines
from ..models import Category, Figure, FigureFlag, FlagStatus, NumericClaim
from ..reads import figures as timelines
from ..reads.chart import chart_png, chart_svg, figure_chart, figure_chart_and_svg
from ..roles import can_edit
from ..services import figures as svc
from .common import editor_required, reader_required

TABLE_PAGE = 30
FLAGS_SHOWN = 12  # open flags on the page unless ?flags=all (then up to 500)


def _figure(slug: str) -> Figure:
    return get_object_or_404(Figure, slug=slug)


@require_GET
@reader_required
def figure_list(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "").strip() for k in ("category", "place", "source", "q")}
    qs = timelines.figures_filter(Figure.objects.visible_to(request.user).canonical(), **params)
    qs = timelines.figures_by_recency(qs).annotate(open_flags=Count("flags", filter=Q(flags__status=FlagStatus.OPEN)))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [{"figure": f, "entries": timelines.latest_entries(f, limit=3)} for f in page]
    return render(
        request,
        "claims/figures/list.html",
        {"page": page, "rows": rows, "params": params, "categories": Category.choices},
    )


class _TablePages:
    """What the Paginator needs to page the figure's claims without reading them all."""

    def __init__(self, figure_id: int, count: int) -> None:
        self.figure_id, self._count = figure_id, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[dict]:
        return timelines.figure_table(figure_id=self.figure_id, offset=window.start, limit=window.stop - window.start)


def _table(figure: Figure, n_claims: int, labels: dict[str, str], page_number: Any) -> tuple[Any, list[dict]]:
    # Paginator only takes len() and slices of its list; the stub's protocol also asks for int indexing.
    pages = _TablePages(figure.pk, n_claims)
    page: Page[dict[str, Any]] = Paginator(pages, TABLE_PAGE).get_page(page_number)  # type: ignore[arg-type]
    missing = {row["point"].series for row in page} - labels.keys()
    if missing:
        labels = {**labels, **timelines.series_labels(missing)}
    rows = []
    for row in page:
        p = row["point"]
        rows.append(
            {
                **row,
                "label": labels.get(p.series, p.series),
                "text": timelines.format_value(p.value, p.value_max, p.qualifier),
            }
        )
    return page, rows


@require_GET
@reader_required
def figure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    if figure.merged_into_id:
        return redirect("figures:detail", slug=svc.figure_terminal(figure).slug)
    chart, svg = figure_chart_and_svg(figure)
    labels = {s.key: s.label for s in chart.series}
    page, rows = _table(figure, chart.n_claims, labels, request.GET.get("page"))
    flags = figure.flags.select_related("dismissed_by")
    shown = 500 if request.GET.get("flags") == "all" else FLAGS_SHOWN
    open_flags = list(flags.filter(status=FlagStatus.OPEN).order_by("-key")[:shown])
    n_open = flags.filter(status=FlagStatus.OPEN).count()
    dismissed = list(flags.filter(status=FlagStatus.DISMISSED).order_by("-dismissed_at")[:10])
    evidence = timelines.flags_evidence(f.pk for f in open_flags + dismissed)
    for flag in open_flags + dismissed:
        flag.evidence = evidence.get(flag.pk, [])
    editor = can_edit(request.user)
    others = []
    if editor:
        others = list(
            Figure.objects.filter(merged_into__isnull=True, category=figure.category)
            .exclude(pk=figure.pk)
            .order_by("name")
            .values_list("slug", "name")[:300]
        )
    return render(
        request,
        "claims/figures/detail.html",
        {
            "figure": figure,
            "chart": chart,
            "svg": svg,
            "page": page,
            "rows": rows,
            "open_flags": open_flags,
            "n_open": n_open,
            "dismissed": dismissed,
            "latest": timelines.latest_entries(figure),
            "others": others,
            "can_edit": editor,
        },
    )


@require_GET
@reader_required
def figure_csv(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    points = timelines.figure_points(figure_id=figure.pk)
    labels = timelines.series_labels({p.series for p in points})
    spans = dict(NumericClaim.objects.filter(figure=figure).order_by().values_list("id", "span"))
    columns = ["as_of", "value", "value_max", "qualifier", "source", "claim_id", "article_id", "url", "span"]
    rows = (
        [
            p.day.isoformat(),
            p.value.normalize(),
            "" if p.value_max is None else p.value_max.normalize(),
            p.qualifier,
            labels.get(p.series, p.series),
            p.claim_id,
            p.article_id,
            request.build_absolute_uri(p.url),
            spans.get(p.claim_id, ""),
        ]
        for p in points
    )
    response = HttpResponse("".join(csv_lines(columns, rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{figure.slug}.csv"'
    return response


@require_GET
@reader_required
def figure_png(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    chart = figure_chart(figure)
    response = HttpResponse(chart_png(chart, title=figure.name), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{figure.slug}.png"'
    return response


@require_GET
@reader_required
def figure_svg(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    chart = figure_chart(figure)
    return HttpResponse(chart_svg(chart, title=figure.name), content_type="image/svg+xml")


def _back(figure: Figure) -> HttpResponse:
    return redirect(reverse("figures:detail", kwargs={"slug": figure.slug}))


def _claim_ids(request: HttpRequest) -> list[int]:
    ids = []
    for raw in request.POST.getlist("claims"):
        try:
            ids.append(int(raw))
        except ValueError:
            continue
    return ids


@require_POST
@editor_required
def figure_rename(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    try:
        svc.figure_rename(
            figure=figure,
            name=request.POST.get("name", ""),
            user=request.user,
            cumulative=request.POST.get("cumulative") == "on",
        )
        messages.success(request, "Figure renamed.")
    except svc.FigureError as exc:
        messages.error(request, str(exc))
    return _back(figure)


@require_POST
@editor_required
def figure_merge(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    target = Figure.objects.filter(slug=request.POST.get("target", "")).first()
    if target is None:
        messages.error(request, "Pick the figure to merge into.")
        return _back(figure)
    try:
        target = svc.figures_merge(source=figure, target=target, user=request.user)
    except svc.FigureError as exc:
        messages.error(request, str(exc))
        return _back(figure)
    messages.success(request, f"Merged “{figure.name}” into this figure.")
    return _back(target)


@require_POST
@editor_required
def figure_claims(request: HttpRequest, slug: str) -> HttpResponse:
    """The table's form: split the ticked claims off into a new figure, or move them to another."""
    figure = _figure(slug)
    ids = _claim_ids(request)
    if not ids:
        messages.error(request, "Tick the claims to split off or move first.")
        return _back(figure)
    try:
        if request.POST.get("action") == "split":
            new = svc.figure_split(figure=figure, claim_ids=ids, name=request.POST.get("name", ""), user=request.user)
            messages.success(request, f"{len(ids)} claim(s) split off into “{new.name}”.")
            return _back(new)
        target = Figure.objects.filter(slug=request.POST.get("target", "")).first()
        if target is None:
            raise svc.FigureError("Pick the figure to move the claims to.")
        n = svc.claims_move(
            claim_ids=NumericClaim.objects.filter(pk__in=ids, figure=figure).values_list("pk", flat=True),
            target=target,
            user=request.user,
        )
        messages.success(request, f"{n} claim(s) moved to “{target.name}”.")
    except svc.FigureError as exc:
        messages.error(request, str(exc))
    return _back(figure)


@require_POST
@editor_required
def flag_dismiss(request: HttpRequest, slug: str, flag_id: int) -> HttpResponse:
    figure = _figure(slug)
    flag = get_object_or_404(FigureFlag, pk=flag_id, figure=figure)
    try:
        if request.POST.get("action") == "reopen":
            svc.flag_reopen(flag=flag, user=request.user)
            messages.success(request, "Flag reopened.")
        else:
            svc.flag_dismiss(flag=flag, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, "Flag dismissed.")
    except svc.FigureError as exc:
        messages.error(request, str(exc))
    return _back(figure)


@require_GET
@reader_required
def claim_figure(request: HttpRequest, claim_id: int) -> HttpResponse:
    """From a claim to the figure it counts in."""
    claim = get_object_or_404(NumericClaim.objects.select_related("figure"), pk=claim_id)
    if claim.figure is None:
        raise Http404("This claim is not part of a figure.")
    return _back(svc.figure_terminal(claim.figure))
