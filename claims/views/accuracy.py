"""The engine's accuracy, measured from editors' decisions: a page for editors (issue 18)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..reads.accuracy import accuracy_report, calibration_fit
from ..reads.browse import cached, data_version
from .common import editor_required


@editor_required
def accuracy_page(request: HttpRequest) -> HttpResponse:
    outlet = request.GET.get("outlet") or None
    month = request.GET.get("month") or None
    # Reading every decision's history is the costly part: cached until a claim or quote changes.
    version = data_version()
    report = cached(version, ("accuracy", outlet, month), lambda: accuracy_report(outlet=outlet, month=month))
    fit = cached(version, "calibration-fit", calibration_fit)
    return render(
        request,
        "claims/accuracy/page.html",
        {
            "report": report,
            "fields": [p.field for p in report.overall],
            "outlet_rows": list(report.by_outlet.items()),
            "month_rows": list(report.by_month.items()),
            "outlet": outlet,
            "month": month,
            "calibrated": {kind: fit.is_calibrated(kind) for kind in ("quote", "claim")},
        },
    )
