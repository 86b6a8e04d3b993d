"""Cursor pagination: pages stay stable while new claims arrive; Link headers point onwards."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

MAX_PAGE_SIZE = 500


class Cursor(CursorPagination):
    """``?page_size=`` (1–500, default 50) and an opaque ``?cursor=``; newest first by default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = "-id"

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({"page_size": [f"A whole number from 1 to {MAX_PAGE_SIZE} is required."]}) from None
        if size < 1:
            raise ValidationError({"page_size": [f"A whole number from 1 to {MAX_PAGE_SIZE} is required."]})
        return min(size, self.max_page_size)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        links = []
        if self.get_next_link():
            links.append(f'<{self.get_next_link()}>; rel="next"')
        if self.get_previous_link():
            links.append(f'<{self.get_previous_link()}>; rel="prev"')
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
                param["description"] = f"Items per page, 1–{MAX_PAGE_SIZE} (default {self.page_size})."
        return params
