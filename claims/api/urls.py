"""/api/v1/: the REST API, its schema, its docs and the token page."""

from csp.decorators import csp_exempt
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter
from rest_framework.viewsets import ViewSetMixin

from . import accuracy, figures, follow, statements, sync, tokens_views, views
from .exceptions import json_not_found

router = DefaultRouter(trailing_slash=True)
router.include_root_view = True
router.register("articles", views.ArticleViewSet, basename="api-article")
router.register("actors", views.ActorViewSet, basename="api-actor")
router.register("quotes", views.QuoteViewSet, basename="api-quote")
router.register("claims", views.ClaimViewSet, basename="api-claim")
router.register("feeds", views.FeedViewSet, basename="api-feed")
router.register("ingest-jobs", views.IngestJobViewSet, basename="api-ingest-job")

router.register("figures", figures.FigureViewSet, basename="api-figure")
router.register("outlets", sync.OutletViewSet, basename="api-outlet")
router.register("changes", sync.ChangeViewSet, basename="api-change")
router.register("accuracy", accuracy.AccuracyViewSet, basename="api-accuracy")
router.register("statements", statements.StatementViewSet, basename="api-statement")
router.register("subscriptions", follow.SubscriptionViewSet, basename="api-subscription")


def _nested(viewset: type[ViewSetMixin], name: str):
    return viewset.as_view({"get": "list"}, basename=name)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The documentation pages run the vendors' inline scripts: no CSP there (no user content either).
    path("docs/", csp_exempt()(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("redoc/", csp_exempt()(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("tokens/", tokens_views.tokens_page, name="api-tokens"),
    path("tokens/<int:pk>/revoke/", tokens_views.token_revoke_view, name="api-token-revoke"),
    path("ingest/", views.IngestView.as_view(), name="api-ingest"),
    path("review/bulk/", sync.BulkReviewView.as_view(), name="api-review-bulk"),
    path(
        "articles/<int:article_pk>/claims/",
        _nested(views.ArticleClaimViewSet, "api-article-claims"),
        name="api-article-claims",
    ),
    path(
        "articles/<int:article_pk>/quotes/",
        _nested(views.ArticleQuoteViewSet, "api-article-quotes"),
        name="api-article-quotes",
    ),
    path(
        "actors/<int:actor_pk>/claims/", _nested(views.ActorClaimViewSet, "api-actor-claims"), name="api-actor-claims"
    ),
    path(
        "actors/<int:actor_pk>/quotes/", _nested(views.ActorQuoteViewSet, "api-actor-quotes"), name="api-actor-quotes"
    ),
    path("", include(router.urls)),
    re_path(r"^[\s\S]*$", json_not_found),  # any other path, newlines included: a JSON 404
]
