from __future__ import annotations

from django.http import HttpRequest

from .roles import can_edit


def roles(request: HttpRequest) -> dict[str, bool]:
    return {"is_editor": can_edit(getattr(request, "user", None))}
