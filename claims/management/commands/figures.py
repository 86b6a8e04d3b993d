"""`python manage.py figures FILE...`: group a set of articles into figures, the figure eval's contract.

The files are one corpus: every article is ingested, extracted and grouped the way the product
does it (``article_ingest`` -> the extraction task -> ``articles_figures_update``, then the
periodic ``figures_recompute``), in a throw-away SQLite database with tasks run in process, so it
needs no server and leaves the configured database alone. Prints one JSON line per file with its
numeric claims (value, start, end, figure), then one line with the figures and their flags (the
format of ``score_figures.py`` in the shared eval).

The work runs in a child process (this command again, with ``--here``) whose environment points
``DATABASE_URL`` at a temporary file: settings are read once per process, so that is the one clean
way to swap the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _read(path: Path) -> dict[str, Any]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() != ".json":
        return {"text": raw}
    data = json.loads(raw)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError("a .json file needs a string 'text'")
    return data


def _published(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)[:10]).replace(tzinfo=UTC) if value else None
    except ValueError:
        return None


class Command(BaseCommand):
    help = "Ingest, extract and group article files as one corpus in a temporary database; print claims and figures."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="gold .json files or plain .txt files")
        parser.add_argument("--here", action="store_true", help="(internal) run in this process's database")

    def handle(self, *args, **options) -> None:
        if not options["here"]:
            self._in_child(options["files"])
            return
        self._run([Path(f) for f in options["files"]])

    def _in_child(self, files: list[str]) -> None:
        with tempfile.TemporaryDirectory(prefix="nc-figures-") as tmp:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'figures.sqlite3'}",
                "REDIS_URL": "",
                "NEWSCLAIMS_CACHE_URL": "",
                "NEWSCLAIMS_EMBEDDED_BROKER": "0",
                "NEWSCLAIMS_LOG_FORMAT": "text",
                "LOG_LEVEL": "ERROR",
            }
            manage = Path(__file__).resolve().parents[3] / "manage.py"
            proc = subprocess.run(  # noqa: S603 (this command again, on the caller's own files)
                [sys.executable, str(manage), "figures", "--here", *files], env=env, check=False
            )
            if proc.returncode:
                raise CommandError("figures: the grouping run failed", returncode=proc.returncode)

    def _run(self, files: list[Path]) -> None:
        from django.conf import settings

        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError("--here runs in a throw-away SQLite database only")
        # Tables straight from the models (a throw-away database needs no migration history): a second,
        # where replaying every migration took half the run.
        from django.apps import apps

        settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False, stdout=StringIO())

        from claims.models import Article, Figure, FigureFlag, FlagStatus
        from claims.services.articles import article_ingest, outlet_for
        from claims.services.figures import figures_recompute

        rows: list[tuple[Path, dict[str, Any]]] = []
        for path in files:
            try:
                rows.append((path, _read(path)))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                raise CommandError(f"figures: cannot read {path}: {exc}", returncode=2) from exc
        # A newsroom receives articles in the order they were published.
        order = sorted(range(len(rows)), key=lambda i: (str(rows[i][1].get("published") or ""), i))
        article_of: dict[int, tuple[int, int]] = {}
        for i in order:
            path, data = rows[i]
            text = data["text"]
            outcome = article_ingest(
                text=text,
                title=data.get("title") or "",
                url=data.get("url") or f"https://figures.invalid/{i}/{path.name}",
                published_at=_published(data.get("published")),
                outlet=outlet_for(name=data.get("outlet") or None),
            )
            stripped = text.replace("\r\n", "\n").replace("\x00", "")
            lead = len(stripped) - len(stripped.lstrip())
            article_of[i] = (outcome.article.pk, lead)
        figures_recompute()

        ids = {a for a, _ in article_of.values()}
        slug_of = dict(Figure.objects.values_list("id", "slug"))
        terminal = {f.pk: f.merged_into_id for f in Figure.objects.only("id", "merged_into_id")}
        claims: dict[int, list[dict[str, Any]]] = {a: [] for a in ids}
        for article in Article.objects.filter(pk__in=ids).prefetch_related("claims"):
            for c in sorted(article.claims.all(), key=lambda c: c.start):
                fid = c.figure_id
                while fid is not None and terminal.get(fid):
                    fid = terminal[fid]
                claims[article.pk].append(
                    {"value": _number(c.value), "start": c.start, "end": c.end, "figure": slug_of.get(fid)}
                )
        for i, (path, _data) in enumerate(rows):
            pk, lead = article_of[i]
            out = [{**c, "start": c["start"] + lead, "end": c["end"] + lead} for c in claims[pk]]
            self.stdout.write(json.dumps({"file": path.name, "numeric_claims": out}, ensure_ascii=False))
        flags: dict[int, set[str]] = {}
        for fid, kind in FigureFlag.objects.filter(status=FlagStatus.OPEN).values_list("figure_id", "kind"):
            flags.setdefault(fid, set()).add(kind)
        figures = [
            {"figure": f.slug, "name": f.name, "flags": sorted(flags.get(f.pk, ()))}
            for f in Figure.objects.filter(merged_into__isnull=True).order_by("pk")
        ]
        self.stdout.write(json.dumps({"figures": figures}, ensure_ascii=False))


def _number(value: Any) -> int | float:
    return int(value) if value == int(value) else float(value)
