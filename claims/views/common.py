"""Helpers shared by the page views: the one permission pair (``reader_required``, ``editor_required``)
and item lookup. An htmx request is ``request.htmx`` (django-htmx's middleware)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from ..models import NumericClaim, Quote
from ..roles import can_edit, can_read

KINDS: dict[str, type[Quote] | type[NumericClaim]] = {"claim": NumericClaim, "quote": Quote}
_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it, for views that read ``request.htmx``."""

    htmx: HtmxDetails


def reader_required(view: _View) -> _View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_read(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return cast(_View, wrapped)  # the same view, behind the check


def editor_required(view: _View) -> _View:
    """Only editors: everyone else gets 403, whatever they post."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_edit(request.user):
            raise PermissionDenied("Only editors can do this.")
        return view(request, *args, **kwargs)

    return cast(_View, wrapped)  # the same view, behind the check


def get_item(kind: str, pk: int) -> Quote | NumericClaim:
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    related = ["article", "article__outlet", "reviewed_by"]
    related.append("source" if kind == "claim" else "speaker")
    return get_object_or_404(model.objects.select_related(*related), pk=pk)
