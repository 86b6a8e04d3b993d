"""`python manage.py claims_reframe`: bring stored claims to the claim frame by extracting every article again.

Re-extraction replaces only untouched machine claims (editor-verified, corrected, added or placed claims stay
as they are), then every figure is regrouped and refreshed. Run it once after migrating to 0018/0019.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from claims.models import Article
from claims.services.extraction import articles_extract
from claims.services.figures import figures_recompute


class Command(BaseCommand):
    help = "Extract every article again so its claims carry a frame (editor work kept), then regroup figures."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", type=int, default=50, help="articles extracted together")

    def handle(self, *args, **options) -> None:
        batch = max(1, options["batch"])
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        failed = 0
        for i in range(0, len(ids), batch):
            failed += len(articles_extract(article_ids=ids[i : i + batch]).failed)
            self.stdout.write(f"{min(i + batch, len(ids))}/{len(ids)} articles extracted")
        result = figures_recompute()
        self.stdout.write(f"Done: {failed} failed; {result.figures} figures refreshed, {result.emptied} empty.")
