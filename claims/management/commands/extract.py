"""`python manage.py extract FILE [FILE ...]`: one JSON line per file, the eval contract.

Reads gold .json files (only text/title/published) or plain .txt files. Needs no database,
broker or network: it runs the pure engine in claims.extraction.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import extract
from claims.extraction.contract import to_contract


def _read(path: Path) -> tuple[str, str | None, str | None]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        data = json.loads(raw)
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError("a .json file needs a string 'text'")
        return data["text"], data.get("title"), data.get("published")
    return raw, None, None


class Command(BaseCommand):
    help = "Extract actors, quotes and numeric claims from article files; print one JSON line per file."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="gold .json files or plain .txt files")
        parser.add_argument("--pretty", action="store_true", help="indented, human-readable output")

    def handle(self, *args, **options) -> None:
        failed = 0
        for name in options["files"]:
            try:
                text, title, published = _read(Path(name))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"extract: cannot read {name}: {exc}")
                continue
            result = to_contract(extract(text, title=title, published=published), file=name)
            if options["pretty"]:
                self.stdout.write(_pretty(result))
            else:
                self.stdout.write(json.dumps(result, ensure_ascii=False))
            sys.stdout.flush()
        if failed:
            raise CommandError(f"{failed} of {len(options['files'])} files could not be read", returncode=2)


def _pretty(r: dict) -> str:
    lines = [f"== {r['file']}", "actors:"]
    for a in r["actors"]:
        extra = f"  ({a['descriptor']})" if a["descriptor"] else ""
        aka = f"  aka {', '.join(a['aliases'])}" if a["aliases"] else ""
        lines.append(f"  {a['type']:<12} {a['name']}{extra}{aka}")
    lines.append("quotes:")
    for q in r["quotes"]:
        lines.append(f"  [{q['start']}:{q['end']}] {q['speaker'] or '(unknown)'}: “{q['text']}”")
    lines.append("numeric claims:")
    for c in r["numeric_claims"]:
        rng = f"-{c['value_max']}" if c["value_max"] is not None else ""
        src = f"  source: {c['source']}" if c["source"] else ""
        lines.append(f"  {c['value']}{rng} {c['qualifier']} {c['category']}: “{c['span']}”{src}")
    return "\n".join(lines) + "\n"
