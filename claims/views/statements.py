"""Quote drift pages: statements reported by several outlets, versions side by side (issue 18)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..models import Quote, Statement
from ..reads.statements import statement_view, statements_visible
from ..services.statements import statement_unverify, statement_verify
from .common import editor_required, reader_required

LIST_SIZE = 50


@reader_required
def statement_list(request: HttpRequest) -> HttpResponse:
    statements = statements_visible(request.user).order_by("-updated_at", "-id")
    speaker = request.GET.get("speaker", "")
    if speaker.isdigit():
        statements = statements.filter(speaker_id=int(speaker))
    return render(request, "claims/statements/list.html", {"statements": statements[:LIST_SIZE]})


@reader_required
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(statements_visible(request.user), pk=pk)
    return render(request, "claims/statements/detail.html", {"view": statement_view(statement)})


@require_POST
@editor_required
def statement_verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement, pk=pk)
    if request.POST.get("action") == "unverify":
        statement_unverify(statement=statement, user=request.user)
        messages.success(request, "The verified wording was removed.")
        return redirect("statement", pk=pk)
    quote = get_object_or_404(Quote, pk=request.POST.get("quote") or 0)
    try:
        statement_verify(
            statement=statement, quote=quote, user=request.user, source_url=request.POST.get("source_url", "")
        )
    except ValidationError as error:
        for errors in error.message_dict.values():
            for text in errors:
                messages.error(request, text)
    else:
        messages.success(request, "Marked as the verified wording; the other versions now show how they differ.")
    return redirect("statement", pk=pk)
