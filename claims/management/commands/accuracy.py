"""``manage.py accuracy``: the engine's precision per field from editors' decisions (issue 18)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from claims.reads.accuracy import AccuracyReport, Precision, accuracy_report


def _cell(p: Precision) -> str:
    if p.precision is None:
        return "—"
    low, high = p.interval
    return f"{100 * p.precision:.0f}% ({p.correct}/{p.total}, {100 * low:.0f}–{100 * high:.0f})"


def report_lines(report: AccuracyReport) -> list[str]:
    """The table as text: the command prints it; the tests read it."""
    lines = [f"Editor decisions on machine items: {report.labels}"]
    if report.decisions:
        lines.append("  " + ", ".join(f"{status} {n}" for status, n in report.decisions.items()))
    lines += ["", "Precision per field (right/reviewed, 95% interval)"]
    rows = [("all", report.overall)]
    rows += [(f"outlet: {name}", fields) for name, fields in report.by_outlet.items()]
    rows += [(f"month: {name}", fields) for name, fields in report.by_month.items()]
    header = ["", *[p.field for p in report.overall]]
    table = [header] + [[name, *[_cell(p) for p in fields]] for name, fields in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in table]
    lines += ["", "Most common corrections"]
    lines += [f"  {n:>5}  {text}" for text, n in report.corrections] or ["  (none)"]
    lines += ["", "Calibration (engine confidence -> verified by editors)"]
    for bucket in report.calibration:
        if bucket.verified_rate is not None:
            lines.append(
                f"  {bucket.low:.1f}-{bucket.high:.1f}  {bucket.verified}/{bucket.total} verified"
                f" ({100 * bucket.verified_rate:.0f}%), {bucket.kept} kept"
            )
    return lines


class Command(BaseCommand):
    help = "Print the engine's precision per field, outlet and month, its common corrections and calibration."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--outlet", help="Only this outlet (its name).")
        parser.add_argument("--month", help="Only articles published in this month (YYYY-MM).")
        parser.add_argument("--json", action="store_true", help="Print JSON (what the API returns).")

    def handle(self, *args: Any, **options: Any) -> None:
        report = accuracy_report(outlet=options.get("outlet"), month=options.get("month"))
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
            return
        self.stdout.write("\n".join(report_lines(report)))
