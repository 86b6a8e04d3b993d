"""Newsclaims data: articles, actors, and what the engine or an editor found in them.

Every extracted item points at its article and the exact characters it came from
(``article.text[start:end] == span``), and carries its review state. The invariants the
database can hold on one row are CHECK constraints; the one that spans two tables (offsets
inside the article's text) is checked in ``clean()`` and by the services that write rows.

Past 600 lines on purpose: Django finds an app's models in one module, and these are one schema
(articles, extracted items, actors, figures, ingest, API tokens, tombstones, follow); a models
package split by topic is the next step if it grows further.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .querysets import ActorQuerySet, ArticleQuerySet, ClaimQuerySet, FigureQuerySet, QuoteQuerySet, VisibleQuerySet


def normalize_name(name: str) -> str:
    """The key actors and aliases are matched on: case, accents, punctuation folded."""
    folded = name.replace("\u2019", "'") + " "
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    folded = folded.lower().replace("'s ", " ")
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def content_hash_of(text: str) -> str:
    """SHA-256 of the text with white space folded: the same text ingested twice is one article."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _choices_check(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    active = models.BooleanField(default=True)
    poll_interval = models.PositiveIntegerField(default=30, help_text="Minutes between polls.")
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    error_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        constraints = [models.CheckConstraint(condition=Q(poll_interval__gte=1), name="feed_poll_interval_positive")]

    def __str__(self) -> str:
        return self.title or self.url


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    EXTRACTING = "extracting", "Extracting"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Article(models.Model):
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    canonical_url = models.URLField(max_length=2000, null=True, blank=True, db_index=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    title = models.CharField(max_length=1000, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=16, blank=True, default="en")
    text = models.TextField()
    html = models.TextField(blank=True, help_text="Sanitised HTML of the body, when the source had HTML.")
    content_hash = models.CharField(max_length=64, unique=True)
    ingested_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    extraction_status = models.CharField(
        max_length=12, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING, db_index=True
    )
    extraction_error = models.TextField(blank=True)
    engine_version = models.CharField(max_length=64, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            _choices_check("extraction_status", ExtractionStatus, "article_extraction_status_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
        ]
        indexes = [models.Index(fields=["-published_at", "-id"], name="article_newest_idx")]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"

    def save(self, *args, **kwargs) -> None:
        if not self.content_hash and self.text:
            self.content_hash = content_hash_of(self.text)
        super().save(*args, **kwargs)

    @property
    def as_of_date(self) -> date | None:
        """The day the article speaks of: its publication date, or None when that is unknown (an
        undated paste). Never the day it was ingested: that put old figures on today in charts."""
        return self.published_at.date() if self.published_at else None


class ArticleRevision(models.Model):
    """An earlier text of an article that was ingested again with changed content."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=1000, blank=True)
    text = models.TextField()
    html = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64)
    engine_version = models.CharField(max_length=64, blank=True)
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self) -> str:
        return f"{self.title or self.article_id} (replaced {self.replaced_at:%Y-%m-%d %H:%M})"


class ActorType(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    PLACE = "place", "Place"


class Actor(models.Model):
    name = models.CharField(max_length=300)
    normalized_name = models.CharField(max_length=300, db_index=True, editable=False)
    type = models.CharField(max_length=16, choices=ActorType.choices, default=ActorType.PERSON, db_index=True)
    description = models.CharField(max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()
    _history_user: Any  # set before save(): simple_history stores it as the change's user

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            _choices_check("type", ActorType, "actor_type_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="actor_name_not_empty"),
            # One live actor per name and type: concurrent ingests naming the same new person meet
            # here (services.extraction retries against the winner). A merged actor keeps its row.
            models.UniqueConstraint(
                fields=["normalized_name", "type"], condition=Q(merged_into__isnull=True), name="actor_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized_name = normalize_name(self.name)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalized_name"}
        super().save(*args, **kwargs)


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "normalized"], name="actor_alias_unique"),
            models.CheckConstraint(condition=~Q(alias=""), name="actor_alias_not_empty"),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)


class ActorMerge(models.Model):
    """One merge of an actor into another, with what it moved: enough to undo it (``actors_unmerge``)."""

    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merges_out")
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merges_in")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {"mentions": [ids], "quotes": [ids], "claims": [ids], "aliases": [source's aliases],
    #  "added_aliases": [ids of the aliases the merge gave the target], "merged": [actor ids re-pointed],
    #  "description": the target's description before, or null if unchanged}
    moved = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source_id} into {self.target_id}"

    def counts(self) -> dict[str, int]:
        return {key: len(self.moved.get(key, [])) for key in ("mentions", "quotes", "claims", "aliases")}


class Origin(models.TextChoices):
    MACHINE = "machine", "Machine"
    EDITOR = "editor", "Editor"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    VERIFIED = "verified", "Verified"
    CORRECTED = "corrected", "Corrected"
    REJECTED = "rejected", "Rejected"


class Reviewable(models.Model):
    """Provenance and review state shared by everything extracted from an article."""

    _history_user: Any  # set before save(): simple_history stores it as the change's user
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    engine_version = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def review_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name=f"{prefix}_start_before_end"),
            _choices_check("origin", Origin, f"{prefix}_origin_valid"),
            _choices_check("status", ReviewStatus, f"{prefix}_status_valid"),
        ]

    @property
    def is_touched_by_editor(self) -> bool:
        return self.origin == Origin.EDITOR or self.status != ReviewStatus.UNREVIEWED

    def clean(self) -> None:
        super().clean()
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValidationError({"end": "The span must end after it starts (start < end)."})
        article = getattr(self, "article", None)
        if article is not None and self.end is not None and self.end > len(article.text):
            raise ValidationError(
                {"end": f"The span ends at {self.end}, past the end of the article's text ({len(article.text)})."}
            )


class ActorMention(Reviewable):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mentions")
    surface = models.CharField(max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start"]
        constraints = Reviewable.review_constraints("mention")
        indexes = [models.Index(fields=["article", "start"], name="mention_article_start_idx")]

    def __str__(self) -> str:
        return self.surface


class Quote(Reviewable):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speaker = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    speaker_surface = models.CharField(max_length=500, blank=True)
    verb = models.CharField(max_length=50, blank=True)
    confidence = models.FloatField(default=1.0)
    version = models.PositiveIntegerField(default=1)
    note = models.TextField(blank=True, help_text="An editor's note: what to check, who to ask.")
    history = HistoricalRecords()

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            *Reviewable.review_constraints("quote"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="quote_confidence_range"),
        ]
        indexes = [
            models.Index(fields=["article", "start"], name="quote_article_start_idx"),
            models.Index(fields=["speaker", "-id"], name="quote_speaker_idx"),
            models.Index(fields=["status", "confidence"], name="quote_review_queue_idx"),
            # API incremental sync: ?updated_since=...&ordering=updated_at pages by (updated_at, id).
            models.Index(fields=["updated_at", "id"], name="quote_updated_id_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Qualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    LESS_THAN = "less_than", "fewer than"
    AT_MOST = "at_most", "up to"
    APPROXIMATELY = "approximately", "about"


class Category(models.TextChoices):
    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"
    HOSTAGES = "hostages", "Hostages"
    DETAINED = "detained", "Detained"
    MISSING = "missing", "Missing"
    DISPLACED = "displaced", "Displaced"
    POPULATION = "population", "Population"
    AID = "aid", "Aid"
    OTHER = "other", "Other"


# What a claim says, in the order every list, export and form shows it (one spelling for all).
CLAIM_VALUE_FIELDS = ("value", "value_max", "qualifier", "category", "noun", "place")


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    CURRENCY = "currency", "Currency"
    PERCENT = "percent", "Percent"
    MEASURE = "measure", "Measure"


class Period(models.TextChoices):
    CURRENT = "current", "As reported"
    RUNNING = "running", "Running total"
    WINDOW = "window", "Time window"
    PAST = "past", "Past event"


class Modality(models.TextChoices):
    FACT = "fact", "Reported fact"
    QUOTA = "quota", "Deal's quota"
    FORECAST = "forecast", "Forecast"
    HYPOTHETICAL = "hypothetical", "Hypothetical"
    DENIAL = "denial", "Denied or disputed"
    NEGATED = "negated", "Negated count"


# The frame fields a claim row stores (spelled once: the extraction service, the API and the re-grouping read it).
CLAIM_FRAME_FIELDS = (
    "unit",
    "currency",
    "measure",
    "rate",
    "population",
    "population_group",
    "place_key",
    "country_key",
    "place_from",
    "event",
    "event_year",
    "event_date",
    "period",
    "since",
    "window",
    "window_date",
    "modality",
    "frame_category",
)


class NumericClaim(Reviewable):
    # Set by the extraction service on the rows it builds: (engine index, index of its total or None).
    _engine_at: tuple[int, int | None]
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    value = models.DecimalField(max_digits=24, decimal_places=4)
    value_max = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT)
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OTHER)
    noun = models.CharField(max_length=200, blank=True, help_text='The counted noun: "Palestinians", "captives".')
    place = models.CharField(max_length=200, blank=True)
    source = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="sourced_claims")
    source_surface = models.CharField(max_length=500, blank=True)
    span = models.TextField()
    # The claim's own sentence (at most 400 characters around the span, text.sentence_of): what
    # claim search reads, so that it never reads the article's text (claims.querysets).
    sentence = models.TextField(blank=True, help_text="The sentence the claim was read from.")
    as_of = models.DateField(null=True, blank=True)
    confidence = models.FloatField(default=1.0)
    figure = models.ForeignKey("Figure", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    figure_locked = models.BooleanField(
        default=False, help_text="An editor placed this claim in its figure: automatic grouping leaves it there."
    )
    version = models.PositiveIntegerField(default=1)
    # The frame: what the number counts, resolved by the engine from the whole article
    # (claims.extraction.frame.ClaimFrame). Figures group claims on these fields.
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.COUNT, db_default=Unit.COUNT)
    currency = models.CharField(
        max_length=3, blank=True, db_default="", help_text='ISO 4217 code when the unit is a currency: "USD".'
    )
    measure = models.CharField(
        max_length=16, blank=True, db_default="", help_text='The unit of a measure: "km", "t", "mw".'
    )
    rate = models.CharField(
        max_length=12, blank=True, db_default="", help_text='The period of a rate: "30,000 a day" -> "day".'
    )
    population = models.CharField(
        max_length=100, blank=True, db_default="", help_text='Who or what is counted: "palestinians".'
    )
    population_group = models.CharField(
        max_length=60, blank=True, db_default="", help_text='"20 Israeli soldiers" -> "israel".'
    )
    place_key = models.CharField(
        max_length=100, blank=True, db_default="", help_text='Gazetteer key of the place: "khan-younis".'
    )
    country_key = models.CharField(
        max_length=100, blank=True, db_default="", help_text="The country or territory holding it."
    )
    place_from = models.CharField(
        max_length=12, blank=True, db_default="", help_text="Where the place was found (or 'editor')."
    )
    event = models.CharField(max_length=30, blank=True, db_default="", help_text='The event noun: "war", "earthquake".')
    event_year = models.PositiveSmallIntegerField(null=True, blank=True)
    event_date = models.CharField(
        max_length=10, blank=True, db_default="", help_text='ISO date, or "--MM-DD" without a year.'
    )
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.CURRENT, db_default=Period.CURRENT)
    since = models.CharField(
        max_length=12, blank=True, db_default="", help_text='Start of a running total: "2023-10-07".'
    )
    window = models.CharField(
        max_length=12, blank=True, db_default="", help_text='A time window: "24h", "day", "week".'
    )
    window_date = models.CharField(max_length=10, blank=True, db_default="")
    modality = models.CharField(
        max_length=12, choices=Modality.choices, default=Modality.FACT, db_default=Modality.FACT
    )
    part_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="parts", help_text="Its total."
    )
    frame_category = models.CharField(
        max_length=20, blank=True, db_default="", help_text='A category `category` has no room for: "killed_injured".'
    )
    note = models.TextField(blank=True, help_text="An editor's note: what to check, who to ask.")
    history = HistoricalRecords()

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            *Reviewable.review_constraints("claim"),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=F("value")), name="claim_range_ordered"
            ),
            _choices_check("qualifier", Qualifier, "claim_qualifier_valid"),
            _choices_check("category", Category, "claim_category_valid"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="claim_confidence_range"),
        ]
        indexes = [
            models.Index(fields=["article", "start"], name="claim_article_start_idx"),
            models.Index(fields=["category", "-id"], name="claim_category_idx"),
            models.Index(fields=["status", "confidence"], name="claim_review_queue_idx"),
            models.Index(fields=["source", "-id"], name="claim_source_idx"),
            models.Index(fields=["as_of", "id"], name="claim_as_of_idx"),
            # Figure tracker: a figure's claims newest first, without walking every claim's date.
            models.Index(fields=["figure", "as_of", "id"], name="claim_figure_as_of_idx"),
            models.Index(fields=["qualifier"], name="claim_qualifier_idx"),
            # API incremental sync: ?updated_since=...&ordering=updated_at pages by (updated_at, id).
            models.Index(fields=["updated_at", "id"], name="claim_updated_id_idx"),
        ]

    def __str__(self) -> str:
        return self.span[:80]

    def clean(self) -> None:
        super().clean()
        if self.value is not None and self.value_max is not None and self.value_max < self.value:
            raise ValidationError({"value_max": "The upper end of a range cannot be below its lower end."})


class Figure(models.Model):
    """One count followed across articles: the same category, counted population and place."""

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    category = models.CharField(max_length=12, choices=Category.choices, db_index=True)
    noun_key = models.CharField(max_length=200, blank=True, db_index=True)
    place_key = models.CharField(max_length=200, blank=True, db_index=True)
    # The frame every claim of the figure shares (claims.lib.figure_keys.frame_key): machine grouping finds
    # a figure by this key; unit, event and modality are kept apart for the pages and the API.
    frame_key = models.CharField(max_length=400, blank=True, db_default="", db_index=True)
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.COUNT, db_default=Unit.COUNT)
    currency = models.CharField(max_length=3, blank=True, db_default="")
    rate = models.CharField(max_length=12, blank=True, db_default="")
    event_key = models.CharField(
        max_length=60, blank=True, db_default="", help_text='"since", "2006 war", "2023-10-07 attack".'
    )
    modality = models.CharField(
        max_length=12, choices=Modality.choices, default=Modality.FACT, db_default=Modality.FACT
    )
    cumulative = models.BooleanField(default=True, help_text="A running total that should only go up.")
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    renamed = models.BooleanField(default=False, help_text="An editor named it: automatic naming leaves it.")
    # An editor's merge leaves the merged figure as an alias, so claims
    # grouped under its key later land in the target; the summary below is refreshed by
    # claims.services.figures so lists and the start page read one row per figure.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    claim_count = models.PositiveIntegerField(default=0)
    # A figure that lost its last claim keeps its row, so its URL answers with a page saying so and
    # pointing where most of its claims went (``moved_to``); lists leave it out.
    emptied_at = models.DateTimeField(null=True, blank=True)
    moved_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_as_of = models.DateField(null=True, blank=True, db_index=True)
    latest = models.JSONField(default=list, blank=True, help_text="The latest value of each source.")
    chart = models.JSONField(default=dict, blank=True, help_text="A large figure's thinned chart points.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["claim_count", "last_as_of", "latest", "chart", "emptied_at", "moved_to"]
    )
    _history_user: Any  # set before save(): simple_history stores it as the change's user

    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            _choices_check("category", Category, "figure_category_valid"),
            _choices_check("origin", Origin, "figure_origin_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class FlagKind(models.TextChoices):
    DISAGREEMENT = "disagreement", "Sources disagree"
    REVISION = "revision", "Revised down"


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISMISSED = "dismissed", "Dismissed"


class FigureFlag(models.Model):
    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=16, choices=FlagKind.choices)
    key = models.CharField(max_length=200, help_text="Identifies the flag across recomputations.")
    claims = models.ManyToManyField(NumericClaim, related_name="flags")
    detail = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_reason = models.TextField(blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    evidence: list[dict[str, Any]]  # not stored: the figure page sets it for its template

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "key"], name="figure_flag_key_unique"),
            _choices_check("kind", FlagKind, "figure_flag_kind_valid"),
            _choices_check("status", FlagStatus, "figure_flag_status_valid"),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(dismissed_reason=""), name="figure_flag_dismissal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.figure}"


class IngestJobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class IngestJob(models.Model):
    """One ingest request (a URL, a paste, an upload, a bulk file) and its progress."""

    kind = models.CharField(max_length=16)  # url, text, html, jsonl, feed, file
    label = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=IngestJobStatus.choices, default=IngestJobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    queued = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [_choices_check("status", IngestJobStatus, "ingest_job_status_valid")]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk}"

    def progress(self) -> dict[str, Any]:
        """Counts, status and per-item errors of the job, fresh from the database."""
        job = IngestJob.objects.get(pk=self.pk)
        errors = [
            {"position": position, "url": url, "error": error}
            for position, url, error in IngestItem.objects.filter(job_id=job.pk)
            .exclude(error="")
            .order_by("position")
            .values_list("position", "url", "error")[:500]
        ]
        return {
            "status": job.status,
            "total": job.total,
            "queued": job.queued,
            "done": job.done,
            "duplicates": job.duplicates,
            "failed": job.failed,
            "errors": errors,
            "started_at": job.started_at,
            "finished_at": job.finished_at,
        }


class IngestItemStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    FETCHING = "fetching", "Fetching"
    DONE = "done", "Done"
    DUPLICATE = "duplicate", "Duplicate"
    FAILED = "failed", "Failed"


class IngestItem(models.Model):
    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(help_text="Line number in a bulk file, 1-based; 1 otherwise.")
    url = models.URLField(max_length=2000, blank=True)
    payload = models.JSONField(default=dict, blank=True, help_text="What to ingest when it is not a URL.")
    status = models.CharField(max_length=12, choices=IngestItemStatus.choices, default=IngestItemStatus.QUEUED)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # When the fan-out task last handed the item to the broker; NULL: not yet (the outbox).
    queued_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="ingest_item_position_unique"),
            _choices_check("status", IngestItemStatus, "ingest_item_status_valid"),
        ]
        indexes = [models.Index(fields=["job", "status"], name="ingest_item_job_status_idx")]

    def __str__(self) -> str:
        return f"item {self.position} of job {self.job_id}"


class IngestUpload(models.Model):
    """A bulk file kept as it was uploaded until the fan-out task splits it into items.

    Storing the bytes is all a request does for a large JSONL file, so it returns at once;
    the row is deleted in the transaction that creates the items.
    """

    job = models.OneToOneField(IngestJob, on_delete=models.CASCADE, related_name="upload")
    data = models.BinaryField(help_text="The file as uploaded, zlib-compressed.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"upload of job {self.job_id}"


class TokenScope(models.TextChoices):
    READ = "read", "Read"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    """A per-user API token. Only its SHA-256 is stored; the key is shown once at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [_choices_check("scope", TokenScope, "api_token_scope_valid")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def generate_key(cls) -> str:
        return "nc_" + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TombstoneKind(models.TextChoices):
    ARTICLE = "article", "Article"
    CLAIM = "claim", "Claim"
    QUOTE = "quote", "Quote"
    ACTOR = "actor", "Actor"
    FIGURE = "figure", "Figure"


class Tombstone(models.Model):
    """A row that left the API's lists: deleted, or merged into another (``replaced_by``).

    Mirrors read them from ``/api/v1/changes/?since=`` next to ``updated_since`` on the lists.
    Written by the receivers below, so every way of deleting (a service, a cascade, the admin)
    leaves one; an undone merge removes its tombstone (the row is back in ``updated_since``).
    """

    kind = models.CharField(max_length=8, choices=TombstoneKind.choices)
    object_id = models.BigIntegerField()
    replaced_by = models.BigIntegerField(null=True, blank=True, help_text="Merged: the row that took its place.")
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deleted_at", "id"]
        constraints = [_choices_check("kind", TombstoneKind, "tombstone_kind_valid")]
        indexes = [
            models.Index(fields=["deleted_at", "id"], name="tombstone_deleted_id_idx"),
            models.Index(fields=["kind", "object_id"], name="tombstone_kind_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} gone at {self.deleted_at:%Y-%m-%d %H:%M}"


_TOMBSTONE_KINDS: dict[type[models.Model], str] = {
    Article: TombstoneKind.ARTICLE,
    NumericClaim: TombstoneKind.CLAIM,
    Quote: TombstoneKind.QUOTE,
    Actor: TombstoneKind.ACTOR,
    Figure: TombstoneKind.FIGURE,
}


def _record_deletion(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    Tombstone.objects.create(kind=_TOMBSTONE_KINDS[sender], object_id=instance.pk)


def _record_merge(sender: type[models.Model], instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if (update_fields is not None and "merged_into" not in update_fields) or (
        kwargs.get("created") and instance.merged_into_id is None
    ):
        return
    kind = _TOMBSTONE_KINDS[sender]
    merges = Tombstone.objects.filter(kind=kind, object_id=instance.pk, replaced_by__isnull=False)
    if instance.merged_into_id is None:
        merges.delete()
    elif not merges.filter(replaced_by=instance.merged_into_id).exists():
        Tombstone.objects.create(kind=kind, object_id=instance.pk, replaced_by=instance.merged_into_id)


for _model in _TOMBSTONE_KINDS:
    models.signals.post_delete.connect(_record_deletion, sender=_model, dispatch_uid=f"tombstone-{_model.__name__}")
for _model in (Actor, Figure):
    models.signals.post_save.connect(_record_merge, sender=_model, dispatch_uid=f"tombstone-merge-{_model.__name__}")
# --- Follow and quote drift ---------------------------------------------------------------------


class Statement(models.Model):
    """One statement reported by several articles; each member quote is one outlet's version.

    Groups are kept by ``claims.services.statements`` after extraction. An editor may mark one
    version as the verified wording with a link to the primary source; the wording is copied
    (``verified_text``) so it outlives the quote row when re-extraction replaces it.
    """

    speaker = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements")
    first_quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verified_quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verified_text = models.TextField(blank=True)
    source_url = models.URLField(max_length=2000, blank=True, help_text="The primary source of the verified wording.")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    quote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"Statement {self.pk}"


class StatementQuote(models.Model):
    """A quote's place in its statement: a quote belongs to at most one."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="members")
    quote = models.OneToOneField(Quote, on_delete=models.CASCADE, related_name="statement_member")

    class Meta:
        ordering = ["statement", "quote"]

    def __str__(self) -> str:
        return f"quote {self.quote_id} in statement {self.statement_id}"


class FollowTarget(models.TextChoices):
    FIGURE = "figure", "Figure"
    ACTOR = "actor", "Actor"
    CLAIMS = "claims", "Claims search"
    QUOTES = "quotes", "Quotes search"


def _feed_salt() -> str:
    return secrets.token_hex(16)


class Subscription(models.Model):
    """A user following a figure, an actor or a saved search: an Atom feed, and a webhook if set.

    The feed's secret token is derived from ``feed_salt`` and the server's key (nothing a
    database dump alone reveals); a new salt revokes the old feed URL. The webhook secret must
    be stored as is: the server signs every delivery with it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    target = models.CharField(max_length=8, choices=FollowTarget.choices)
    figure = models.ForeignKey(Figure, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    query = models.CharField(max_length=1000, blank=True, help_text="The search's query string.")
    name = models.CharField(max_length=200)
    feed_salt = models.CharField(max_length=32, default=_feed_salt, editable=False)
    webhook_url = models.URLField(max_length=2000, blank=True)
    webhook_secret = models.CharField(max_length=100, blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Consecutive failed deliveries.")
    paused_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            _choices_check("target", FollowTarget, "subscription_target_valid"),
            models.CheckConstraint(
                condition=~Q(target="figure") | Q(figure__isnull=False), name="subscription_figure_set"
            ),
            models.CheckConstraint(
                condition=~Q(target="actor") | Q(actor__isnull=False), name="subscription_actor_set"
            ),
            models.CheckConstraint(
                condition=Q(webhook_url="") | ~Q(webhook_secret=""), name="subscription_webhook_has_secret"
            ),
        ]
        indexes = [
            models.Index(fields=["target", "figure"], name="subscription_figure_idx"),
            models.Index(fields=["target", "actor"], name="subscription_actor_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one subscription's webhook, with every attempt's outcome."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32)
    key = models.CharField(max_length=200, help_text="The event's identity: the same event is sent once.")
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    log = models.JSONField(default=list, blank=True, help_text="Each attempt: time, status code, error.")
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="webhook_delivery_once"),
            _choices_check("status", DeliveryStatus, "webhook_delivery_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to subscription {self.subscription_id}"
