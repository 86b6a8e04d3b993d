"""What the API shows and accepts. Every extracted item carries its provenance.

Read serializers are flat (one level), so the same rows serve JSON, JSON Lines and CSV.
Write serializers only validate input: the change itself is made by the services the pages use.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from .. import models as m
from ..reads import figures as timelines


class ArticleSerializer(serializers.ModelSerializer):
    """Reads annotated rows (``outlet_name``: see ``views.ArticleViewSet``)."""

    outlet_name = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = m.Article
        fields = [
            "id",
            "url",
            "canonical_url",
            "title",
            "byline",
            "outlet",
            "outlet_name",
            "feed",
            "published_at",
            "language",
            "ingested_at",
            "updated_at",
            "extraction_status",
            "engine_version",
            "extracted_at",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


class ActorSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = m.Actor
        fields = ["id", "name", "type", "description", "aliases", "merged_into", "version", "created_at", "updated_at"]
        read_only_fields = fields

    def get_aliases(self, actor: m.Actor) -> list[str]:
        return [a.alias for a in actor.aliases.all()]


_PROVENANCE = ["article", "article_url", "start", "end", "span", "origin", "status", "engine_version"]
_REVIEW = ["reviewed_at", "created_at", "updated_at"]


class QuoteSerializer(serializers.ModelSerializer):
    """Reads annotated rows (``speaker_name``, ``article_url``: see ``views.QuoteViewSet``)."""

    speaker_name = serializers.CharField(read_only=True, allow_null=True)
    article_url = serializers.CharField(read_only=True, allow_null=True)
    span = serializers.CharField(source="text", read_only=True)

    class Meta:
        model = m.Quote
        fields = [
            "id",
            "text",
            "speaker",
            "speaker_name",
            "speaker_surface",
            "verb",
            "confidence",
            "version",
            *_PROVENANCE,
            *_REVIEW,
        ]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer):
    """Reads annotated rows (``source_name``, ``article_url``, ``published_at``, ``outlet_id``)."""

    source_name = serializers.CharField(read_only=True, allow_null=True)
    article_url = serializers.CharField(read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    outlet = serializers.IntegerField(source="outlet_id", read_only=True, allow_null=True)

    class Meta:
        model = m.NumericClaim
        fields = [
            "id",
            *m.CLAIM_VALUE_FIELDS,
            "source",
            "source_name",
            "source_surface",
            "as_of",
            "confidence",
            "figure",
            "version",
            "published_at",
            "outlet",
            *_PROVENANCE,
            *_REVIEW,
        ]
        read_only_fields = fields


class FeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Feed
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "active",
            "poll_interval",
            "last_polled_at",
            "next_poll_at",
            "last_error",
            "error_count",
            "created_at",
        ]
        read_only_fields = fields


class IngestJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.IngestJob
        fields = [
            "id",
            "kind",
            "label",
            "status",
            "total",
            "queued",
            "done",
            "duplicates",
            "failed",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class IngestItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.IngestItem
        fields = ["position", "url", "status", "article", "error", "attempts", "updated_at"]
        read_only_fields = fields


class IngestJobDetailSerializer(IngestJobSerializer):
    items = serializers.SerializerMethodField()

    class Meta(IngestJobSerializer.Meta):
        fields = [*IngestJobSerializer.Meta.fields, "items"]
        read_only_fields = fields

    def get_items(self, job: m.IngestJob) -> list[dict]:
        return IngestItemSerializer(job.items.all()[:1000], many=True).data  # type: ignore[return-value]  # many=True: a list


# --- Input -------------------------------------------------------------------------------


class VersionedInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you read; a stale one gets 409 with the current state."
    )


class ClaimChangeInput(VersionedInput):
    value = serializers.DecimalField(max_digits=24, decimal_places=4, required=False)
    value_max = serializers.DecimalField(max_digits=24, decimal_places=4, required=False, allow_null=True)
    qualifier = serializers.ChoiceField(choices=m.Qualifier.choices, required=False)
    category = serializers.ChoiceField(choices=m.Category.choices, required=False)
    noun = serializers.CharField(max_length=200, required=False, allow_blank=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    # DRF's metaclass takes declared fields off the class, so this does not override Field.source (the stubs think so).
    source = serializers.PrimaryKeyRelatedField(queryset=m.Actor.objects.all(), required=False, allow_null=True)  # type: ignore[assignment]
    source_surface = serializers.CharField(max_length=500, required=False, allow_blank=True)
    as_of = serializers.DateField(required=False, allow_null=True)
    start = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False)
    end = serializers.IntegerField(min_value=1, max_value=10_000_000, required=False)


class ClaimCreateInput(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(queryset=m.Article.objects.all())
    start = serializers.IntegerField(min_value=0, max_value=10_000_000)
    end = serializers.IntegerField(min_value=1, max_value=10_000_000)
    value = serializers.DecimalField(max_digits=24, decimal_places=4)
    value_max = serializers.DecimalField(max_digits=24, decimal_places=4, required=False, allow_null=True)
    qualifier = serializers.ChoiceField(choices=m.Qualifier.choices, default=m.Qualifier.EXACT)
    category = serializers.ChoiceField(choices=m.Category.choices, default=m.Category.OTHER)
    noun = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    # DRF's metaclass takes declared fields off the class, so this does not override Field.source (the stubs think so).
    source = serializers.PrimaryKeyRelatedField(queryset=m.Actor.objects.all(), required=False, allow_null=True)  # type: ignore[assignment]
    source_surface = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    as_of = serializers.DateField(required=False, allow_null=True)

    def validate(self, data: dict) -> dict:
        return _validate_span(data)


class QuoteChangeInput(VersionedInput):
    start = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False)
    end = serializers.IntegerField(min_value=1, max_value=10_000_000, required=False)
    speaker = serializers.PrimaryKeyRelatedField(queryset=m.Actor.objects.all(), required=False, allow_null=True)
    speaker_surface = serializers.CharField(max_length=500, required=False, allow_blank=True)
    verb = serializers.CharField(max_length=50, required=False, allow_blank=True)


class QuoteCreateInput(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(queryset=m.Article.objects.all())
    start = serializers.IntegerField(min_value=0, max_value=10_000_000)
    end = serializers.IntegerField(min_value=1, max_value=10_000_000)
    speaker = serializers.PrimaryKeyRelatedField(queryset=m.Actor.objects.all(), required=False, allow_null=True)
    speaker_surface = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    verb = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")

    def validate(self, data: dict) -> dict:
        return _validate_span(data)


def _validate_span(data: dict) -> dict:
    article, start, end = data["article"], data["start"], data["end"]
    if start >= end:
        raise serializers.ValidationError({"end": ["The span must end after it starts (start < end)."]})
    if end > len(article.text):
        raise serializers.ValidationError(
            {"end": [f"The span ends at {end}, past the end of the article's text ({len(article.text)})."]}
        )
    return data


class ActorChangeInput(VersionedInput):
    name = serializers.CharField(max_length=300, required=False)
    type = serializers.ChoiceField(choices=m.ActorType.choices, required=False)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=200, help_text="The full alias list."
    )


class ActorMergeInput(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=m.Actor.objects.all(), help_text="The actor that remains: this one is folded into it."
    )


class IngestInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["url", "text", "html", "file", "jsonl"],
        required=False,
        help_text="Defaults from what is given. file/jsonl: an upload (.jsonl with one article per line, .txt, .html).",
    )
    url = serializers.URLField(required=False, max_length=2000)
    text = serializers.CharField(required=False, max_length=2_000_000, trim_whitespace=False)
    html = serializers.CharField(required=False, max_length=5_000_000, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    file = serializers.FileField(required=False, help_text="A JSON Lines file (one article per line), .txt or .html.")

    def validate(self, data: dict) -> dict:
        given = [k for k in ("url", "text", "html", "file") if data.get(k)]
        kind = data.get("kind") or (given[0] if given else None)
        if kind is None:
            raise serializers.ValidationError({"url": ["Give a url, text, html or a file to upload."]})
        kind = "file" if kind == "jsonl" else kind
        if not data.get(kind):
            raise serializers.ValidationError({kind: [f"Required for kind {kind}."]})
        data["kind"] = kind
        return data


# --- Figures ------------------------------------------------------------------------------


class FigureFlagSerializer(serializers.ModelSerializer):
    claims = serializers.SerializerMethodField()
    dismissed_by = serializers.CharField(source="dismissed_by.username", default=None, read_only=True)

    class Meta:
        model = m.FigureFlag
        fields = [
            "id",
            "figure",
            "kind",
            "key",
            "status",
            "detail",
            "claims",
            "dismissed_by",
            "dismissed_reason",
            "dismissed_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_claims(self, flag: m.FigureFlag) -> list[dict[str, Any]]:
        evidence = self.context.get("evidence")
        if evidence is None:
            evidence = timelines.flags_evidence([flag.pk])
        return evidence.get(flag.pk, [])


class FigureSerializer(serializers.ModelSerializer):
    open_flags = serializers.IntegerField(read_only=True, default=None)
    page = serializers.SerializerMethodField()

    class Meta:
        model = m.Figure
        fields = [
            "id",
            "slug",
            "name",
            "category",
            "noun_key",
            "place_key",
            "cumulative",
            "origin",
            "renamed",
            "claim_count",
            "last_as_of",
            "latest",
            "open_flags",
            "page",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_page(self, figure: m.Figure) -> str:
        return reverse("figures:detail", kwargs={"slug": figure.slug})


class FigureDetailSerializer(FigureSerializer):
    series = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    class Meta(FigureSerializer.Meta):
        fields = [*FigureSerializer.Meta.fields, "series", "flags"]
        read_only_fields = fields

    def get_series(self, figure: m.Figure) -> list[dict[str, Any]]:
        points = timelines.figure_points(figure_id=figure.pk)
        source = self.context.get("source_series")
        if source:
            points = [p for p in points if p.series in source]
        since, until = self.context.get("since"), self.context.get("until")
        points = [p for p in points if (since is None or p.day >= since) and (until is None or p.day <= until)]
        labels = timelines.series_labels({p.series for p in points})
        out: dict[str, dict[str, Any]] = {}
        for p in points:
            s = out.setdefault(p.series, {"key": p.series, "label": labels.get(p.series, p.series), "points": []})
            s["points"].append(
                {
                    "claim": p.claim_id,
                    "article": p.article_id,
                    "as_of": p.day.isoformat(),
                    "value": str(p.value),
                    "value_max": None if p.value_max is None else str(p.value_max),
                    "qualifier": p.qualifier,
                    "url": p.url,
                }
            )
        return sorted(out.values(), key=lambda s: (-len(s["points"]), s["label"]))

    def get_flags(self, figure: m.Figure) -> list[dict[str, Any]]:
        flags = list(figure.flags.select_related("dismissed_by").order_by("-key"))
        evidence = timelines.flags_evidence(f.pk for f in flags)
        return FigureFlagSerializer(flags, many=True, context={"evidence": evidence}).data  # type: ignore[return-value]  # many=True: a list


class FigureRenameInput(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    cumulative = serializers.BooleanField(required=False)


class FigureMergeInput(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(queryset=m.Figure.objects.all())


class FigureClaimsInput(serializers.Serializer):
    claims = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=5000)


class FigureSplitInput(FigureClaimsInput):
    name = serializers.CharField(max_length=300)


class FlagDismissInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
