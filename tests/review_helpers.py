"""Editors' one-click decisions, as the pages make them (``item_review`` with a status)."""

from __future__ import annotations

from typing import Any

from claims.models import ReviewStatus
from claims.services.review import item_review


def item_verify(*, item: Any, user: Any, version: int | None) -> Any:
    return item_review(item=item, user=user, version=version, status=ReviewStatus.VERIFIED)


def item_reject(*, item: Any, user: Any, version: int | None) -> Any:
    return item_review(item=item, user=user, version=version, status=ReviewStatus.REJECTED)


def item_reopen(*, item: Any, user: Any, version: int | None) -> Any:
    return item_review(item=item, user=user, version=version, status=ReviewStatus.UNREVIEWED)
