"""``/api/v1/subscriptions/``: follow figures, actors and searches; feeds and webhooks (issue 18).

Everyone who may read may follow; each caller sees only their own subscriptions. Creating,
changing and deleting need a session or a write-scoped token: a read token cannot set up a
webhook (it would make this server post to a URL of the caller's choosing).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import FollowTarget, Subscription, WebhookDelivery
from ..reads.follow import feed_token
from ..roles import can_read
from ..services import subscriptions as svc
from .pagination import Cursor
from .permissions import token_may_write


class FollowPermission(permissions.BasePermission):
    message = "Log in or send an API token; changing subscriptions needs a token with the write scope."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user.is_authenticated or not can_read(request.user):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        if not token_may_write(request):
            self.message = "This token is read-only: create a token with the write scope to change subscriptions."
            return False
        return True


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "key",
            "status",
            "attempts",
            "response_code",
            "error",
            "log",
            "created_at",
            "delivered_at",
        ]
        read_only_fields = fields


class SubscriptionSerializer(serializers.ModelSerializer):
    target = serializers.ChoiceField(choices=FollowTarget.choices)
    figure = serializers.CharField(required=False, allow_null=True, help_text="A figure's slug or id.")
    actor = serializers.IntegerField(required=False, allow_null=True)
    webhook_secret = serializers.CharField(
        required=False, allow_blank=True, write_only=True, help_text="Generated when left out (shown once)."
    )
    feed_url = serializers.SerializerMethodField()
    paused = serializers.BooleanField(source="is_paused", read_only=True)

    class Meta:
        model = Subscription
        fields = [
            "id",
            "target",
            "figure",
            "actor",
            "query",
            "name",
            "webhook_url",
            "webhook_secret",
            "feed_url",
            "failures",
            "paused",
            "paused_at",
            "pause_reason",
            "created_at",
        ]
        read_only_fields = ["id", "feed_url", "failures", "paused", "paused_at", "pause_reason", "created_at"]
        extra_kwargs = {"name": {"required": False}, "query": {"required": False}, "webhook_url": {"required": False}}

    def get_feed_url(self, sub: Subscription) -> str:
        request = self.context.get("request")
        path = f"/follow/feed/{feed_token(sub)}.atom"
        return request.build_absolute_uri(path) if request else path

    def to_representation(self, sub: Subscription) -> dict[str, Any]:
        data = super().to_representation(sub)
        data["figure"] = sub.figure.slug if sub.figure is not None else None
        data["actor"] = sub.actor_id
        return data


def _django_errors(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


SUBSCRIPTION_EXAMPLE = {
    "id": 3,
    "target": "figure",
    "figure": "gaza-killed",
    "actor": None,
    "query": "",
    "name": "Figure: Gaza, killed",
    "webhook_url": "https://hooks.newsroom.example/newsclaims",
    "feed_url": "https://newsclaims.example/follow/feed/3-5f1c0d9a.atom",
    "failures": 0,
    "paused": False,
    "paused_at": None,
    "pause_reason": "",
    "created_at": "2024-03-05T09:00:00Z",
}
DELIVERY_EXAMPLE = {
    "id": 91,
    "event": "figure.value",
    "key": "figure-claim:42:58:78",
    "status": "failed",
    "attempts": 2,
    "response_code": 503,
    "error": "HTTP 503",
    "log": [{"at": "2024-03-05T09:00:01Z", "status": 503, "error": "HTTP 503"}],
    "created_at": "2024-03-05T09:00:00Z",
    "delivered_at": None,
}
_ONE = [OpenApiExample("A subscription", value=SUBSCRIPTION_EXAMPLE, response_only=True)]


@extend_schema_view(
    list=extend_schema(examples=[OpenApiExample("Your subscriptions", value=SUBSCRIPTION_EXAMPLE, response_only=True)]),
    retrieve=extend_schema(examples=_ONE),
    create=extend_schema(
        examples=[
            OpenApiExample(
                "Follow a figure, with a webhook",
                value={"target": "figure", "figure": "gaza-killed", "webhook_url": "https://hooks.newsroom.example/x"},
                request_only=True,
            ),
            OpenApiExample(
                "The new subscription (its webhook secret shown this once)",
                value={**SUBSCRIPTION_EXAMPLE, "webhook_secret": "k3y"},
                response_only=True,
                status_codes=["201"],
            ),
        ]
    ),
    partial_update=extend_schema(examples=_ONE),
    destroy=extend_schema(
        responses={
            204: OpenApiResponse(description="Unfollowed."),
            404: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="Not yours, or gone.",
                examples=[OpenApiExample("Not found", value={"message": "Not found.", "status": 404})],
            ),
        }
    ),
)
class SubscriptionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SubscriptionSerializer
    permission_classes = [FollowPermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    pagination_class = Cursor
    ordering = ["-id"]
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Subscription.objects.none()
        mine = Subscription.objects.filter(user_id=self.request.user.pk or 0)
        return mine.select_related("figure", "actor").order_by("-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            sub = svc.subscription_create(user=request.user, **data)
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        body = self.get_serializer(sub).data
        if sub.webhook_url:
            body["webhook_secret"] = sub.webhook_secret  # shown to its owner at creation
        return Response(body, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sub = self.get_object()
        wrong = [
            f for f in ("name", "webhook_url", "webhook_secret") if not isinstance(request.data.get(f, ""), str | None)
        ]
        if wrong:
            raise ValidationError({f: ["A string is required."] for f in wrong})
        try:
            sub = svc.subscription_update(
                subscription=sub,
                name=request.data.get("name"),
                webhook_url=request.data.get("webhook_url"),
                webhook_secret=request.data.get("webhook_secret") or "",
            )
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        return Response(self.get_serializer(sub).data)

    def perform_destroy(self, instance: Subscription) -> None:
        svc.subscription_delete(subscription=instance)

    @extend_schema(request=None, examples=_ONE)
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str | None = None) -> Response:
        """Deliver again after an automatic pause."""
        sub = svc.subscription_resume(subscription=self.get_object())
        return Response(self.get_serializer(sub).data)

    @extend_schema(
        responses=DeliverySerializer(many=True),
        examples=[OpenApiExample("A failing receiver", value=[DELIVERY_EXAMPLE], response_only=True)],
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """The subscription's latest webhook deliveries with every attempt's status code."""
        rows = self.get_object().deliveries.order_by("-id")[:100]
        return Response(DeliverySerializer(rows, many=True).data)
