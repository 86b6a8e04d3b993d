"""``/api/v1/accuracy/``: the engine's precision from editors' decisions (editors only, issue 18)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from ..reads.accuracy import accuracy_report, calibration_fit
from ..reads.browse import cached, data_version
from ..roles import can_edit

_FIELD = {"field": "value", "correct": 4, "total": 6, "precision": 0.6667, "low": 0.3, "high": 0.9032}
ACCURACY_EXAMPLE = {
    "labels": 8,
    "decisions": {"corrected": 3, "rejected": 1, "verified": 4},
    "fields": [_FIELD],
    "by_outlet": {"North Desk": [{**_FIELD, "correct": 3, "total": 4, "precision": 0.75}]},
    "by_month": {"2023-11": [{**_FIELD, "correct": 3, "total": 4, "precision": 0.75}]},
    "corrections": [{"change": "source changed from none to an organisation", "count": 1}],
    "calibration": [{"low": 0.9, "high": 1.0, "total": 3, "verified": 2, "kept": 3, "verified_rate": 0.6667}],
    "queue_calibration": {"quote": None, "claim": [0.4] * 10},
}


class EditorsRead(permissions.BasePermission):
    """Reading only, and only editors (any token scope): the figures judge editors' own work."""

    message = "Only editors may read the accuracy figures."

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in permissions.SAFE_METHODS and can_edit(request.user)


class AccuracyViewSet(viewsets.ViewSet):
    permission_classes = [EditorsRead]

    @extend_schema(
        parameters=[
            OpenApiParameter("outlet", str, description="Only this outlet (its name)."),
            OpenApiParameter("month", str, description="Only articles published in this month (YYYY-MM)."),
        ],
        responses={200: OpenApiTypes.OBJECT},
        examples=[OpenApiExample("Figures from 8 decisions", value=ACCURACY_EXAMPLE, response_only=True)],
    )
    def list(self, request: Request) -> Response:
        """Precision per field (overall, per outlet, per month) with counts and 95% Wilson intervals,
        the most common corrections, calibration buckets, and the queue's calibrated rates."""
        outlet, month = request.query_params.get("outlet"), request.query_params.get("month")
        version = data_version()
        report = cached(version, ("accuracy", outlet, month), lambda: accuracy_report(outlet=outlet, month=month))
        fit = cached(version, "calibration-fit", calibration_fit)
        return Response({**report.as_dict(), "queue_calibration": fit.tables})
