"""Who may do what. Groups: ``journalist`` reads, ``editor`` edits and reviews; staff administer."""

from __future__ import annotations

from typing import Any

from django.conf import settings

JOURNALIST = "journalist"
EDITOR = "editor"


def can_read(user: Any) -> bool:
    if user is None or not user.is_authenticated:
        return bool(settings.NEWSCLAIMS_PUBLIC_READ)
    return user.is_active


def can_edit(user: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    cached = getattr(user, "_newsclaims_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._newsclaims_groups = cached
    return EDITOR in cached
