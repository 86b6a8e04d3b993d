"""The token page: a logged-in user creates API tokens (the key is shown once) and revokes them."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ..models import ApiToken, TokenScope
from ..roles import can_edit
from ..services.tokens import TokenError, token_create, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, e.g. “newsroom dashboard”.")
    scope = forms.ChoiceField(choices=TokenScope.choices, initial=TokenScope.READ)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not can_edit(user):
            # Only editors can write through the API; offer them alone the write scope.
            cast(forms.ChoiceField, self.fields["scope"]).choices = [(TokenScope.READ, TokenScope.READ.label)]


@login_required
@require_http_methods(["GET", "POST"])
def tokens_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:  # login_required lets no one else in
        raise PermissionDenied
    new_key = None
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = token_create(
                user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except TokenError as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "claims/api/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token_revoke(token=token, user=request.user)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api-tokens")
