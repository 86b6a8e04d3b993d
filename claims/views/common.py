"""Helpers shared by the page views: the one permission pair (``reader_required``, ``editor_required``)
and item lookup. An htmx request is ``request.htmx`` (django-htmx's middleware)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from ..models import NumericClaim, Quote
from ..roles import can_edit, can_read

KINDS: dict[str, type[Quote] | type[NumericClaim]] = {"claim": NumericClaim, "quote": Quote}


def reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_read(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only editors: everyone else gets 403, whatever they post."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_edit(request.user):
            raise PermissionDenied("Only editors can do this.")
        return view(request, *args, **kwargs)

    return wrapped


def get_item(kind: str, pk: int) -> Quote | NumericClaim:
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    related = ["article", "article__outlet", "reviewed_by"]
    related.append("source" if kind == "claim" else "speaker")
    return get_object_or_404(model.objects.select_related(*related), pk=pk)
