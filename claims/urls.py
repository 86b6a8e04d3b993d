"""Every page route of the claims app (the API's routes live in claims/api/urls.py)."""

from django.urls import include, path

from .views import accuracy, actors, articles, browse, figures, follow, home, ingest, ready, review, statements

# The figure tracker keeps its "figures:" namespace; its pages live under /figures/.
figure_patterns = [
    path("", figures.figure_list, name="list"),
    path("claim/<int:claim_id>/", figures.claim_figure, name="for_claim"),
    path("<slug:slug>/", figures.figure_detail, name="detail"),
    path("<slug:slug>.csv", figures.figure_csv, name="csv"),
    path("<slug:slug>/chart.png", figures.figure_png, name="png"),
    path("<slug:slug>/chart.svg", figures.figure_svg, name="svg"),
    path("<slug:slug>/rename/", figures.figure_rename, name="rename"),
    path("<slug:slug>/merge/", figures.figure_merge, name="merge"),
    path("<slug:slug>/claims/", figures.figure_claims, name="claims"),
    path("<slug:slug>/flags/<int:flag_id>/", figures.flag_dismiss, name="flag"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("readyz", ready.readyz, name="readyz"),  # database, cache and broker, each with its status
    path("claims/", browse.claims_browser, name="claims"),
    path("claims/export.<str:fmt>", browse.claims_export, name="claims-export"),
    path("quotes/", browse.quotes_browser, name="quotes"),
    path("quotes/export.<str:fmt>", browse.quotes_export, name="quotes-export"),
    path("articles/<int:pk>/", articles.article_detail, name="article"),
    path("articles/<int:pk>/add/<str:kind>/", review.item_add, name="item-add"),
    path("actors/", actors.actor_directory, name="actors"),
    path("actors/search/", actors.actor_search, name="actor-search"),
    path("actors/new/", actors.actor_new, name="actor-new"),
    path("actors/merges/<int:merge_id>/undo/", actors.actor_unmerge, name="actor-unmerge"),
    path("actors/<int:pk>/", actors.actor_detail, name="actor"),
    path("actors/<int:pk>/history/", actors.actor_history, name="actor-history"),
    path("actors/<int:pk>/edit/", actors.actor_edit, name="actor-edit"),
    path("actors/<int:pk>/aliases/", actors.actor_alias, name="actor-alias"),
    path("actors/<int:pk>/merge/", actors.actor_merge, name="actor-merge"),
    path("review/", review.review_queue, name="review"),
    path("review/bulk/", review.review_bulk, name="review-bulk"),
    path("items/<str:kind>/<int:pk>/edit/", review.item_edit, name="item-edit"),
    path("items/<str:kind>/<int:pk>/history/", review.item_history, name="item-history"),
    path("items/<str:kind>/<int:pk>/note/", review.item_note, name="item-note"),
    path("items/<str:kind>/<int:pk>/<str:action>/", review.item_action, name="item-action"),
    path("ingest/", ingest.ingest_home, name="ingest"),
    path("ingest/jobs/<int:pk>/", ingest.ingest_job, name="ingest-job"),
    path("ingest/feeds/", ingest.ingest_feeds, name="ingest-feeds"),
    path("ingest/feeds/<int:pk>/<str:action>/", ingest.ingest_feed_action, name="ingest-feed-action"),
    path("figures/", include((figure_patterns, "figures"))),
    # Issue 18: the engine's accuracy, quote drift (statements), following (feeds and webhooks).
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
    # The secret token is the credential (the middleware lets /follow/feed/ through).
    path("follow/feed/<str:token>.atom", follow.token_feed, name="feed-token"),
]
