"""How good is the machine? Precision per field, measured from editors' own decisions.

Every verify, correct and reject of a machine-made quote or claim is a label. The machine's
answer is the item's last history record before the first editor decision; the editor's answer
is the item as it is now. A field is *right* when the editor left it as the machine had it.

Fields (what each precision counts):

* ``quote``: a quote's span; a rejected quote counts as wrong.
* ``speaker``: who a kept quote is credited to (the name and the linked actor).
* ``value``: a claim's number (and upper end of a range); a rejected claim counts as wrong.
* ``category``, ``qualifier``: of kept claims.
* ``source``: who a kept claim is attributed to (the name and the linked actor).
* ``actor``: where the machine linked a name to an actor record (a quote's speaker, a claim's
  source): the same record is still linked, and it was not merged away as a duplicate.

A rejected item says nothing about its speaker, category and the rest: those fields only count
kept items. Intervals are Wilson score intervals (95 %). Calibration buckets the engine's
confidence and counts how many of each bucket editors verified unchanged; the review queue
orders by that rate (``calibrated``), fitted monotone (pool adjacent violators) per kind.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from ..models import Actor, NumericClaim, Origin, Quote, ReviewStatus, normalize_name

FIELDS = ("quote", "speaker", "value", "category", "qualifier", "source", "actor")
QUOTE_FIELDS = ("start", "end", "speaker_id", "speaker_surface")
CLAIM_FIELDS = ("value", "value_max", "category", "qualifier", "source_id", "source_surface")
BUCKETS = 10  # confidence 0–0.1, 0.1–0.2, … 0.9–1.0
MIN_LABELS = 20  # fewer decisions of a kind than this: the queue keeps the raw confidence
Z = 1.96


def wilson(correct: int, total: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of ``correct`` out of ``total`` (0, 1 when there is nothing)."""
    if total == 0:
        return 0.0, 1.0
    p = correct / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Precision:
    field: str
    correct: int
    total: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.correct, self.total)

    def as_dict(self) -> dict[str, Any]:
        low, high = self.interval
        p = self.precision
        return {
            "field": self.field,
            "correct": self.correct,
            "total": self.total,
            "precision": None if p is None else round(p, 4),
            "low": round(low, 4),
            "high": round(high, 4),
        }


@dataclass(frozen=True)
class Bucket:
    low: float
    high: float
    total: int
    verified: int
    kept: int

    @property
    def verified_rate(self) -> float | None:
        return self.verified / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        rate = self.verified_rate
        return {
            "low": self.low,
            "high": self.high,
            "total": self.total,
            "verified": self.verified,
            "kept": self.kept,
            "verified_rate": None if rate is None else round(rate, 4),
        }


@dataclass(frozen=True)
class Label:
    """One editor decision on one machine item: which fields the machine had right."""

    kind: str  # quote or claim
    outlet: str
    month: str  # YYYY-MM of the article's publication ("undated" when unknown)
    status: str
    confidence: float
    fields: dict[str, bool]
    corrections: tuple[str, ...]


@dataclass
class AccuracyReport:
    labels: int
    overall: list[Precision]
    by_outlet: dict[str, list[Precision]]
    by_month: dict[str, list[Precision]]
    corrections: list[tuple[str, int]]
    calibration: list[Bucket]
    decisions: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "decisions": self.decisions,
            "fields": [p.as_dict() for p in self.overall],
            "by_outlet": {k: [p.as_dict() for p in v] for k, v in self.by_outlet.items()},
            "by_month": {k: [p.as_dict() for p in v] for k, v in self.by_month.items()},
            "corrections": [{"change": text, "count": n} for text, n in self.corrections],
            "calibration": [b.as_dict() for b in self.calibration],
        }


# --- Reading the decisions ---------------------------------------------------------------------


def _reviewed(model: type[Quote] | type[NumericClaim]) -> Any:
    return model.objects.filter(origin=Origin.MACHINE).exclude(status=ReviewStatus.UNREVIEWED)


def _machine_and_final(model: Any, fields: tuple[str, ...]) -> Iterator[tuple[dict, dict]]:
    """Per reviewed machine item: (its fields as the machine left them, as they are now).

    One query over the history table, ordered by item then time: the machine's answer is the
    last record before the first one an editor made (a user, or a review state).
    """
    history = model.history.model
    columns = ("id", "history_user_id", "status", *fields)
    records = (
        history.objects.filter(id__in=_reviewed(model).values("id"))
        .order_by("id", "history_date", "history_id")
        .values_list(*columns)
    )
    current_id: int | None = None
    machine: dict[str, Any] | None = None
    last: dict[str, Any] = {}
    for row in records.iterator(chunk_size=2000):
        record = dict(zip(columns, row, strict=True))
        if record["id"] != current_id:
            if current_id is not None and machine is not None:
                yield machine, last
            current_id, machine = record["id"], None
        edited = record["history_user_id"] is not None or record["status"] != ReviewStatus.UNREVIEWED
        if not edited and (machine is None or machine.get("_open", True)):
            machine = {**record, "_open": True}
        elif machine is not None:
            machine["_open"] = False
        last = record
    if current_id is not None and machine is not None:
        yield machine, last


def _actor_kind(actor_id: int | None, surface: str, actors: dict[int, tuple[str, int | None]]) -> str:
    if actor_id is None:
        return "a name with no actor" if surface else "none"
    kind = actors.get(actor_id, ("person", None))[0]
    return {"organization": "an organisation", "place": "a place"}.get(kind, "a person")


def _who_changed(before: dict, after: dict, id_field: str, surface_field: str) -> bool:
    return before[id_field] != after[id_field] or normalize_name(before[surface_field] or "") != normalize_name(
        after[surface_field] or ""
    )


def _linked_right(before: dict, after: dict, id_field: str, actors: dict) -> bool | None:
    """Whether the machine's actor link held; None when it linked none (nothing to judge)."""
    machine_actor = before[id_field]
    if machine_actor is None:
        return None
    merged = actors.get(machine_actor, ("person", None))[1] is not None
    return after[id_field] == machine_actor and not merged


def _quote_label(before: dict, after: dict, actors: dict) -> tuple[dict[str, bool], list[str]]:
    if after["status"] == ReviewStatus.REJECTED:
        return {"quote": False}, ["quote rejected"]
    span_right = (before["start"], before["end"]) == (after["start"], after["end"])
    speaker_right = not _who_changed(before, after, "speaker_id", "speaker_surface")
    fields = {"quote": span_right, "speaker": speaker_right}
    linked = _linked_right(before, after, "speaker_id", actors)
    if linked is not None:
        fields["actor"] = linked
    notes = []
    if not span_right:
        longer = (after["end"] - after["start"]) > (before["end"] - before["start"])
        notes.append("quote span extended" if longer else "quote span trimmed or moved")
    if not speaker_right:
        was = _actor_kind(before["speaker_id"], before["speaker_surface"], actors)
        now = _actor_kind(after["speaker_id"], after["speaker_surface"], actors)
        notes.append(f"speaker changed from {was} to {now}" if was != now else f"speaker changed to another {now[2:]}")
    return fields, notes


def _claim_label(before: dict, after: dict, actors: dict) -> tuple[dict[str, bool], list[str]]:
    if after["status"] == ReviewStatus.REJECTED:
        return {"value": False}, ["claim rejected"]
    fields = {
        "value": (before["value"], before["value_max"]) == (after["value"], after["value_max"]),
        "category": before["category"] == after["category"],
        "qualifier": before["qualifier"] == after["qualifier"],
        "source": not _who_changed(before, after, "source_id", "source_surface"),
    }
    linked = _linked_right(before, after, "source_id", actors)
    if linked is not None:
        fields["actor"] = linked
    notes = []
    if not fields["value"]:
        notes.append("value changed")
    for name in ("category", "qualifier"):
        if not fields[name]:
            notes.append(f"{name} changed from {before[name]} to {after[name]}")
    if not fields["source"]:
        was = _actor_kind(before["source_id"], before["source_surface"], actors)
        now = _actor_kind(after["source_id"], after["source_surface"], actors)
        notes.append(f"source changed from {was} to {now}" if was != now else f"source changed to another {now[2:]}")
    return fields, notes


def labels() -> list[Label]:
    """Every editor decision on a machine item, as a label (a few queries, whatever the count)."""
    out: list[Label] = []
    for kind, model, fields, judge in (
        ("quote", Quote, QUOTE_FIELDS, _quote_label),
        ("claim", NumericClaim, CLAIM_FIELDS, _claim_label),
    ):
        pairs = list(_machine_and_final(model, fields))
        if not pairs:
            continue
        ids = [after["id"] for _, after in pairs]
        context = {
            row[0]: row[1:]
            for row in model.objects.filter(pk__in=ids).values_list(
                "id", "confidence", "article__outlet__name", "article__published_at"
            )
        }
        id_field = "speaker_id" if kind == "quote" else "source_id"
        actor_ids = {p[id_field] for pair in pairs for p in pair if p[id_field] is not None}
        actors = {
            pk: (kind_, merged)
            for pk, kind_, merged in Actor.objects.filter(pk__in=actor_ids).values_list("id", "type", "merged_into_id")
        }
        for before, after in pairs:
            if after["id"] not in context:
                continue
            confidence, outlet, published = context[after["id"]]
            judged, notes = judge(before, after, actors)
            out.append(
                Label(
                    kind=kind,
                    outlet=outlet or "(no outlet)",
                    month=published.strftime("%Y-%m") if published else "undated",
                    status=after["status"],
                    confidence=confidence,
                    fields=judged,
                    corrections=tuple(notes),
                )
            )
    return out


# --- Summaries ---------------------------------------------------------------------------------


def precision_by_field(items: Iterable[Label]) -> list[Precision]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for label in items:
        for name, ok in label.fields.items():
            total[name] += 1
            right[name] += ok
    return [Precision(name, right[name], total[name]) for name in FIELDS]


def _bucket_of(confidence: float) -> int:
    return min(BUCKETS - 1, max(0, int(confidence * BUCKETS + 1e-9)))


def calibration(items: Iterable[Label]) -> list[Bucket]:
    counts = [[0, 0, 0] for _ in range(BUCKETS)]
    for label in items:
        row = counts[_bucket_of(label.confidence)]
        row[0] += 1
        row[1] += label.status == ReviewStatus.VERIFIED
        row[2] += label.status != ReviewStatus.REJECTED
    return [Bucket(i / BUCKETS, (i + 1) / BUCKETS, *counts[i]) for i in range(BUCKETS)]


def accuracy_report(*, outlet: str | None = None, month: str | None = None) -> AccuracyReport:
    """The whole table the page, the command and the API show (optionally one outlet or month)."""
    items = [
        label
        for label in labels()
        if (outlet is None or label.outlet == outlet) and (month is None or label.month == month)
    ]
    by_outlet: dict[str, list[Label]] = defaultdict(list)
    by_month: dict[str, list[Label]] = defaultdict(list)
    corrections: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    for label in items:
        by_outlet[label.outlet].append(label)
        by_month[label.month].append(label)
        corrections.update(label.corrections)
        decisions[label.status] += 1
    return AccuracyReport(
        labels=len(items),
        overall=precision_by_field(items),
        by_outlet={k: precision_by_field(v) for k, v in sorted(by_outlet.items())},
        by_month={k: precision_by_field(v) for k, v in sorted(by_month.items())},
        corrections=sorted(corrections.items(), key=lambda kv: (-kv[1], kv[0]))[:15],
        calibration=calibration(items),
        decisions=dict(sorted(decisions.items())),
    )


# --- Calibrated confidence for the review queue -------------------------------------------------


def isotonic(rates: list[tuple[float, int]]) -> list[float]:
    """Pool adjacent violators: the non-decreasing fit of (rate, weight) pairs, weights kept."""
    blocks: list[list[float]] = []  # [sum of rate*weight, weight, length]
    for rate, weight in rates:
        blocks.append([rate * weight, float(weight), 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, w, n = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += w
            blocks[-1][2] += n
    fitted: list[float] = []
    for total, pooled, n in blocks:
        fitted += [total / pooled] * int(n)
    return fitted


@dataclass(frozen=True)
class Calibration:
    """Per kind: the fitted verified rate of each confidence bucket, or None (too few labels)."""

    tables: dict[str, list[float] | None]

    def __call__(self, kind: str, confidence: float) -> float:
        table = self.tables.get(kind)
        if table is None:
            return confidence
        return table[_bucket_of(confidence)]

    def is_calibrated(self, kind: str) -> bool:
        return self.tables.get(kind) is not None


def _bucket_counts(model: Any) -> list[tuple[int, int]]:
    """(decisions, verified) per confidence bucket: one aggregate query."""
    rows = [[0, 0] for _ in range(BUCKETS)]
    aggregates = {}
    for i in range(BUCKETS):
        low, high = i / BUCKETS, (i + 1) / BUCKETS
        where = Q(confidence__gte=low) & (Q(confidence__lte=high) if i == BUCKETS - 1 else Q(confidence__lt=high))
        aggregates[f"n{i}"] = Count("id", filter=where)
        aggregates[f"v{i}"] = Count("id", filter=where & Q(status=ReviewStatus.VERIFIED))
    totals = _reviewed(model).aggregate(**aggregates)
    for i in range(BUCKETS):
        rows[i] = [totals[f"n{i}"], totals[f"v{i}"]]
    return [(n, v) for n, v in rows]


def calibration_fit() -> Calibration:
    """Fit each kind's confidence to the rate editors verified it; too few labels: no fit."""
    tables: dict[str, list[float] | None] = {}
    for kind, model in (("quote", Quote), ("claim", NumericClaim)):
        counts = _bucket_counts(model)
        labelled = sum(n for n, _ in counts)
        if labelled < MIN_LABELS:
            tables[kind] = None
            continue
        present = [(i, v / n, n) for i, (n, v) in enumerate(counts) if n]
        fitted = isotonic([(rate, n) for _, rate, n in present])
        table: list[float] = [0.0] * BUCKETS
        known = {i: value for (i, _, _), value in zip(present, fitted, strict=True)}
        for i in range(BUCKETS):  # an empty bucket takes the nearest fitted one below, else above
            below = [known[j] for j in range(i, -1, -1) if j in known]
            above = [known[j] for j in range(i, BUCKETS) if j in known]
            table[i] = below[0] if below else above[0]
        tables[kind] = table
    return Calibration(tables)
