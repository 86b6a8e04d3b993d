"""What issue 18 adds to the API router: accuracy, statements, subscriptions and their deliveries."""

from __future__ import annotations

from typing import Any


def register(router: Any) -> None:
    from .accuracy import AccuracyViewSet
    from .follow import SubscriptionViewSet
    from .statements import StatementViewSet

    router.register("accuracy", AccuracyViewSet, basename="api-accuracy")
    router.register("statements", StatementViewSet, basename="api-statement")
    router.register("subscriptions", SubscriptionViewSet, basename="api-subscription")
