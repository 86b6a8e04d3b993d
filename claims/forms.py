"""Forms of the pages. They parse and check input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from .lib.ingest_input import MAX_UPLOAD_BYTES
from .models import Actor, ActorType, Article, Category, Qualifier


def actor_choices(article: Article, *also: int | None) -> list[tuple[str, str]]:
    """Actors mentioned in ``article`` (plus the ones given), for a source or speaker menu."""
    ids = [pk for pk in also if pk]
    actors = (
        Actor.objects.filter(Q(pk__in=ids) | Q(pk__in=article.mentions.values("actor_id")))
        .only("id", "name", "type")
        .order_by("name")
    )
    return [("", "— none —")] + [(str(a.pk), f"{a.name} ({a.get_type_display().lower()})") for a in actors]


class SpanForm(forms.Form):
    start = forms.IntegerField(min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    end = forms.IntegerField(min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    selected = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        self.article = article
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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
    source = forms.ChoiceField(required=False, label="Source (who says so)")
    source_surface = forms.CharField(max_length=500, required=False, label="Source as written")
    as_of = forms.DateField(required=False, label="As of", widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = ["value", "value_max", "qualifier", "category", "noun", "place", "source", "source_surface"]

    def __init__(self, *args: Any, article: Article, current_source: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, article=article, **kwargs)
        self.fields["source"].choices = actor_choices(article, current_source)

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
        data["source"] = int(data["source"]) if data.get("source") else None
        return data


class QuoteForm(SpanForm):
    speaker = forms.ChoiceField(required=False)
    speaker_surface = forms.CharField(max_length=500, required=False, label="Speaker as written")
    verb = forms.CharField(max_length=50, required=False, help_text="said, told, warned…")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = ["speaker", "speaker_surface", "verb"]

    def __init__(self, *args: Any, article: Article, current_speaker: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, article=article, **kwargs)
        self.fields["speaker"].choices = actor_choices(article, current_speaker)

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("selected", None)
        data["speaker"] = int(data["speaker"]) if data.get("speaker") else None
        return data


class ActorForm(forms.Form):
    name = forms.CharField(max_length=300)
    description = forms.CharField(max_length=500, required=False, label="Descriptor")
    type = forms.ChoiceField(choices=ActorType.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AliasForm(forms.Form):
    alias = forms.CharField(max_length=300)


class MergeForm(forms.Form):
    source = forms.IntegerField(min_value=1, label="Actor number of the duplicate")


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
    file = forms.FileField(required=False, help_text=".txt or .html (one article), .jsonl (one article a line)")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:  # refused before it is read into memory
            raise forms.ValidationError(f"The file is larger than the {MAX_UPLOAD_BYTES // 2**20} MB limit.")
        return upload


class FeedForm(forms.Form):
    url = forms.CharField(max_length=2000, label="Feed URL", widget=forms.URLInput(attrs={"placeholder": "https://"}))
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200, help_text="The outlet its articles belong to.")
    poll_interval = forms.IntegerField(min_value=1, max_value=7 * 24 * 60, initial=30, label="Poll every (minutes)")
