"""Small things editors and readers see: publication times only when known, the engine's version
for editors only, history in names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims.models import Figure, NumericClaim
from claims.templatetags.claims_format import pubdate
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_publication_time_shows_only_when_it_is_known():
    assert pubdate(datetime(2023, 11, 3, 14, 5, tzinfo=UTC)) == "3 November 2023, 14:05"
    assert pubdate(datetime(2023, 11, 3, tzinfo=UTC)) == "3 November 2023"
    assert pubdate(None) == ""


def test_the_engine_version_is_shown_to_editors_only_in_a_details_line(client, editor, journalist):
    article = ArticleFactory(engine_version="engine-7.3", extraction_status="done")
    client.force_login(journalist)
    assert "engine-7.3" not in client.get(f"/articles/{article.pk}/").content.decode()
    client.force_login(editor)
    html = client.get(f"/articles/{article.pk}/").content.decode()
    details = html[html.index('class="meta extraction-details"') :]
    assert "engine engine-7.3" in details[: details.index("</details>")]


def test_history_names_the_figure_and_the_source_and_the_author(editor_client, corpus, editor):
    editor.first_name, editor.last_name = "Edith", "Ramos"
    editor.save()
    claim = NumericClaim.objects.filter(article=corpus["articles"][0], category="killed").get()
    figure = Figure.objects.create(name="Killed in Gaza", slug="killed-in-gaza", category="killed")
    claim.figure = figure
    claim._history_user = editor
    claim.save()
    html = editor_client.get(f"/items/claim/{claim.pk}/history/").content.decode()
    assert "<ins>Killed in Gaza</ins>" in html
    assert '<strong class="author">Edith Ramos</strong>' in html
    assert " UTC</time>" in html
