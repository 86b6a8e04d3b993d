"""Page routes of issue 18: the accuracy page, statements (quote drift), subscriptions and feeds."""

from django.urls import path

from .views import accuracy, follow, statements

urlpatterns = [
    path("accuracy/", accuracy.accuracy_page, name="accuracy"),
    path("statements/", statements.statement_list, name="statements"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement"),
    path("statements/<int:pk>/verify/", statements.statement_verify_view, name="statement-verify"),
    path("follow/", follow.follow_page, name="follow"),
    path("follow/new/", follow.follow_create, name="follow-create"),
    path("follow/<int:pk>/<str:action>/", follow.follow_change, name="follow-change"),
    path("follow/figures/<slug:slug>.atom", follow.figure_feed, name="feed-figure"),
    path("follow/actors/<int:pk>.atom", follow.actor_feed, name="feed-actor"),
    path("follow/claims.atom", follow.search_feed, {"kind": "claims"}, name="feed-claims"),
    path("follow/quotes.atom", follow.search_feed, {"kind": "quotes"}, name="feed-quotes"),
    # The secret token is the credential (the middleware lets this prefix through).
    path("follow/feed/<str:token>.atom", follow.token_feed, name="feed-token"),
]
