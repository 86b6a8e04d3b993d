"""Load the demo corpus (articles written for the project), extract every article, print the demo logins."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from claims.services.articles import article_ingest, outlet_for
from claims.services.figures import figures_recompute

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles.jsonl"


class Command(BaseCommand):
    help = (
        "Load the demo articles (written for the project from published facts; demo outlets), "
        "extract them, and reset and print the demo logins (see demo_accounts)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", default=str(DEMO), help="JSON-lines file of articles to load.")
        parser.add_argument("--no-users", action="store_true", help="Leave the demo accounts alone.")

    def handle(self, *args, **options) -> None:
        created = duplicates = 0
        for line in Path(options["file"]).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            published = None
            if row.get("published"):
                published = datetime.fromisoformat(row["published"]).replace(tzinfo=UTC)
            outcome = article_ingest(
                text=row["text"],
                title=row.get("title") or "",
                url=row.get("url"),
                published_at=published,
                outlet=outlet_for(name=row.get("outlet")),
            )
            created += outcome.created
            duplicates += outcome.duplicate
        # Group the corpus as a whole, as the periodic recompute does: a count an early article gives
        # without its date finds the dated toll a later article names.
        figures_recompute()
        self.stdout.write(f"Demo corpus: {created} articles loaded, {duplicates} already there.")
        if not options["no_users"]:
            call_command("demo_accounts", stdout=self.stdout, stderr=self.stderr)
