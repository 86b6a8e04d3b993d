"""Figure tracker pages, mounted at /figures/ (issue 7)."""

from django.urls import path

from . import views_figures as v

app_name = "figures"

urlpatterns = [
    path("", v.figure_list, name="list"),
    path("claim/<int:claim_id>/", v.claim_figure, name="for_claim"),
    path("<slug:slug>/", v.figure_detail, name="detail"),
    path("<slug:slug>.csv", v.figure_csv, name="csv"),
    path("<slug:slug>/chart.png", v.figure_png, name="png"),
    path("<slug:slug>/chart.svg", v.figure_svg, name="svg"),
    path("<slug:slug>/rename/", v.figure_rename, name="rename"),
    path("<slug:slug>/merge/", v.figure_merge, name="merge"),
    path("<slug:slug>/claims/", v.figure_claims, name="claims"),
    path("<slug:slug>/flags/<int:flag_id>/", v.flag_dismiss, name="flag"),
]
