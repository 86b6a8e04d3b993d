"""Ingest pages (editors only): add URLs, pastes and files, follow a job live, manage feeds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import FeedForm, IngestForm
from ..lib.ingest_input import IngestInputError
from ..models import Feed, IngestItem, IngestJob
from ..services.feeds import FeedInputError, feed_create, feed_toggle
from ..services.ingest import ingest_job_create
from .common import HtmxHttpRequest, editor_required

JOB_ITEMS_SHOWN = 200


@require_http_methods(["GET", "POST"])
@editor_required
def ingest_home(request: HttpRequest) -> HttpResponse:
    form = IngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            job = ingest_job_create(
                user=request.user,
                kind=data["kind"],
                url=data["url"] or None,
                text=data["text"] or None,
                html=data["html"] or None,
                title=data["title"],
                upload_name=upload.name if upload else None,
                upload_bytes=upload.read() if upload else None,
                published=data["published"].isoformat() if data.get("published") else "",
                outlet=data["outlet"],
                original_url=data["original_url"],
            )
        except IngestInputError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("ingest-job", pk=job.pk)
    jobs = IngestJob.objects.select_related("created_by").order_by("-created_at")
    page = Paginator(jobs, 20).get_page(request.GET.get("page"))
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/ingest/home.html", {"form": form, "jobs": page}, status=status)


@editor_required
def ingest_job(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A job's page; with htmx just its progress block, polled every second until done."""
    job = get_object_or_404(IngestJob, pk=pk)
    items = IngestItem.objects.filter(job=job).select_related("article").order_by("position")[:JOB_ITEMS_SHOWN]
    context = {"job": job, "progress": job.progress(), "items": items}
    # The polled block holds the counts and the item list: both follow the job until it ends.
    template = "claims/ingest/_progress.html" if request.htmx else "claims/ingest/job.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@editor_required
def ingest_feeds(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feed_create(
                url=data["url"],
                user=request.user,
                title=data["title"],
                outlet_name=data["outlet"],
                poll_interval=data["poll_interval"],
            )
        except FeedInputError as exc:
            form.add_error("url", str(exc))
        else:
            return redirect("ingest-feeds")
    feeds = Feed.objects.select_related("outlet").order_by("url")
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/ingest/feeds.html", {"form": form, "feeds": feeds}, status=status)


@require_POST
@editor_required
def ingest_feed_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    if action == "toggle":
        feed_toggle(feed=feed)
    elif action == "poll":
        from ..tasks import poll_feed

        poll_feed.delay(feed.pk)
    else:
        raise PermissionDenied("Unknown action.")
    return redirect("ingest-feeds")
