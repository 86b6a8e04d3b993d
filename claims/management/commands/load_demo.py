"""Load the demo corpus and a demo editor account, then extract every article."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from claims.roles import EDITOR, JOURNALIST
from claims.services.articles import article_ingest, outlet_for

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles.jsonl"


class Command(BaseCommand):
    help = "Load the demo articles (real news texts) and create demo editor/journalist accounts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", default=str(DEMO), help="JSON-lines file of articles to load.")
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo accounts.")

    def handle(self, *args, **options) -> None:
        if not options["no_users"]:
            self._users()
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
        self.stdout.write(f"Demo corpus: {created} articles loaded, {duplicates} already there.")

    def _users(self) -> None:
        User = get_user_model()
        editors, _ = Group.objects.get_or_create(name=EDITOR)
        journalists, _ = Group.objects.get_or_create(name=JOURNALIST)
        for username, group in (("editor", editors), ("journalist", journalists)):
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(9)
            user = User.objects.create_user(username=username, password=password)
            user.groups.add(group)
            self.stdout.write(
                self.style.WARNING(f"Demo {group.name} account (shown once, demo only): {username} / {password}")
            )
