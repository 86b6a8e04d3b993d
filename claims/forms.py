"""Forms of the pages. They parse and check input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .lib.ingest_input import MAX_UPLOAD_BYTES
from .models import Actor, ActorType, Article, Category, Qualifier


class ActorPicker(forms.Widget):
    """A search box over every actor (htmx, ``actor-search``) that fills a hidden id field and can
    create the actor typed; without JavaScript the hidden field keeps the current actor."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        attrs = attrs or {}
        box_id = attrs.get("id") or f"id_{name}"
        actor = Actor.objects.filter(pk=value).only("id", "name").first() if str(value or "").isdigit() else None
        return format_html(
            '<div class="actor-picker" data-actor-picker>'
            '<input type="hidden" name="{name}" value="{value}" data-picker-value>'
            '<input type="search" id="{box_id}" name="{name}_query" value="{label}" autocomplete="off" '
            'placeholder="Search every person and organisation" role="combobox" aria-autocomplete="list" '
            'aria-expanded="false" aria-controls="{box_id}_results" '
            'hx-get="{url}?field={name}" hx-trigger="input changed delay:250ms, search" '
            'hx-target="#{box_id}_results" hx-sync="this:replace">'
            '<div id="{box_id}_results" class="picker-results" aria-live="polite"></div>'
            "</div>",
            name=name,
            value=actor.pk if actor else "",
            box_id=box_id,
            label=actor.name if actor else "",
            url=reverse("actor-search"),
        )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class ActorField(forms.IntegerField):
    """An actor's id from an ``ActorPicker``: any actor that exists, not only the article's."""

    widget = ActorPicker

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1, **kwargs)

    def clean(self, value: Any) -> int | None:
        pk = super().clean(value)
        if pk is not None and not Actor.objects.filter(pk=pk).exists():
            raise forms.ValidationError("There is no such actor: search again and pick one.")
        return pk


# Why an item was rejected: a short list, plus free text; kept as the history record's reason.
REJECT_REASONS = [
    ("", "— no reason —"),
    ("Not a claim or quote", "Not a claim or quote"),
    ("Wrong span", "Wrong span"),
    ("Wrong speaker or source", "Wrong speaker or source"),
    ("Duplicate", "Duplicate"),
    ("Misread number", "Misread number"),
]


class SpanForm(forms.Form):
    start = forms.IntegerField(min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    end = forms.IntegerField(min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    selected = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        self.article = article
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean returns cleaned_data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        if not (start < end <= len(self.article.text)):
            raise forms.ValidationError(f"The span must lie inside the article's text (0–{len(self.article.text)}).")
        selected = data.get("selected")
        if selected and self.article.text[start:end] != selected:
            raise forms.ValidationError("The selected text is not at those offsets: reload the article and try again.")
        return data


class ClaimForm(SpanForm):
    value = forms.DecimalField(max_digits=24, decimal_places=4)
    value_max = forms.DecimalField(max_digits=24, decimal_places=4, required=False, label="Upper end (a range)")
    qualifier = forms.ChoiceField(choices=Qualifier.choices)
    category = forms.ChoiceField(choices=Category.choices)
    noun = forms.CharField(max_length=200, required=False, help_text="What is counted: people, children…")
    place = forms.CharField(max_length=200, required=False)
    source = ActorField(label="Source (who says so)")
    source_surface = forms.CharField(max_length=500, required=False, label="Source as written")
    as_of = forms.DateField(required=False, label="As of", widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = ["value", "value_max", "qualifier", "category", "noun", "place", "source", "source_surface"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        value, value_max = data.get("value"), data.get("value_max")
        if value is not None and value_max is not None and value_max < value:
            self.add_error("value_max", "The upper end of a range cannot be below its lower end.")
        return data

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("selected", None)
        data["source"] = data.get("source") or None
        return data


class QuoteForm(SpanForm):
    speaker = ActorField()
    speaker_surface = forms.CharField(max_length=500, required=False, label="Speaker as written")
    verb = forms.CharField(max_length=50, required=False, help_text="said, told, warned…")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = ["speaker", "speaker_surface", "verb"]

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("selected", None)
        data["speaker"] = data.get("speaker") or None
        return data


class ActorForm(forms.Form):
    name = forms.CharField(max_length=300)
    description = forms.CharField(max_length=500, required=False, label="Descriptor")
    type = forms.ChoiceField(choices=ActorType.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AliasForm(forms.Form):
    alias = forms.CharField(max_length=300)


class MergeForm(forms.Form):
    source = forms.IntegerField(min_value=1, widget=forms.HiddenInput)  # chosen by search, then previewed


class IngestForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("url", "A web page (URL)"), ("text", "Pasted text"), ("html", "Pasted HTML"), ("file", "A file")],
        initial="url",
        widget=forms.RadioSelect,
    )
    url = forms.CharField(required=False, max_length=2000, widget=forms.URLInput(attrs={"placeholder": "https://"}))
    title = forms.CharField(required=False, max_length=1000, help_text="Optional; web pages have their own.")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}))
    html = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="HTML")
    # What a paste cannot say about itself: when and where it was published.
    published = forms.DateField(
        required=False, label="Published on", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_unknown = forms.BooleanField(required=False, label="The date is unknown")
    outlet = forms.CharField(required=False, max_length=200, help_text="The newspaper or site that published it.")
    original_url = forms.CharField(
        required=False,
        max_length=2000,
        label="Original URL",
        help_text="Where it was published (kept as its link; nothing is fetched).",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    file = forms.FileField(required=False, help_text=".txt or .html (one article), .jsonl (one article a line)")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:  # refused before it is read into memory
            raise forms.ValidationError(f"The file is larger than the {MAX_UPLOAD_BYTES // 2**20} MB limit.")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean returns cleaned_data
        if data.get("kind") in ("text", "html"):
            if data.get("published") is None and not data.get("date_unknown") and "published" not in self.errors:
                self.add_error(
                    "published",
                    "When was it published? Give the date, or tick \u201cThe date is unknown\u201d "
                    "(its figures then stay out of the charts rather than land on today).",
                )
            if data.get("published") and data.get("date_unknown"):
                data["date_unknown"] = False
        return data


class FeedForm(forms.Form):
    url = forms.CharField(max_length=2000, label="Feed URL", widget=forms.URLInput(attrs={"placeholder": "https://"}))
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200, help_text="The outlet its articles belong to.")
    poll_interval = forms.IntegerField(min_value=1, max_value=7 * 24 * 60, initial=30, label="Poll every (minutes)")
