"""The quote drift pages: versions side by side, differences, first publisher, verifying (issue 18)."""

from __future__ import annotations

import pytest

from claims.models import Statement
from tests.drift import drift_articles, quote_of


@pytest.fixture
def drift(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles = drift_articles()
    return {"articles": articles, "statement": Statement.objects.get()}


def _version(html: str, quote_id: int) -> str:
    return html.split(f'id="version-{quote_id}"')[1].split("</article>")[0]


def test_the_page_shows_versions_differences_and_the_first_publisher(journalist_client, drift):
    ledger, harbour, evening, wire = drift["articles"]
    html = journalist_client.get(f"/statements/{drift['statement'].pk}/").content.decode()
    assert 'id="first-publisher">First published by <strong>Morning Ledger</strong>' in html
    first = _version(html, quote_of(ledger).pk)
    assert 'data-kind="reference"' in first and "first published" in first
    assert 'data-kind="trimmed"' in _version(html, quote_of(harbour).pk)
    flipped = _version(html, quote_of(evening).pk)
    assert 'data-kind="meaning"' in flipped and "meaning: negation" in flipped
    assert "<del>never</del> <ins>soon</ins>" in flipped
    credited = _version(html, quote_of(wire).pk)
    assert "credited to Omar Haddad" in credited and 'data-kind="verbatim"' in credited
    assert f'href="/articles/{wire.pk}/#quote-{quote_of(wire).pk}"' in credited
    assert "Mark verified" not in html  # journalists read only


def test_an_editor_marks_a_version_verified_and_the_others_diff_against_it(editor_client, drift):
    ledger, harbour, evening, _wire = drift["articles"]
    statement = drift["statement"]
    url = f"/statements/{statement.pk}/verify/"
    response = editor_client.post(url, {"quote": quote_of(evening).pk, "source_url": "not a link"})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert not statement.verified_text  # refused: no primary-source link
    editor_client.post(url, {"quote": quote_of(harbour).pk, "source_url": "https://interior.example/transcript"})
    html = editor_client.get(f"/statements/{statement.pk}/").content.decode()
    assert 'href="https://interior.example/transcript"' in html
    assert 'data-kind="reference"' in _version(html, quote_of(harbour).pk)
    assert 'data-kind="trimmed"' in _version(html, quote_of(ledger).pk)


def test_journalists_cannot_verify(journalist_client, drift):
    statement = drift["statement"]
    response = journalist_client.post(
        f"/statements/{statement.pk}/verify/", {"quote": statement.first_quote_id, "source_url": "https://x.example/"}
    )
    assert response.status_code == 403


def test_article_and_actor_pages_link_to_the_group(journalist_client, drift):
    ledger = drift["articles"][0]
    statement = drift["statement"]
    html = journalist_client.get(f"/articles/{ledger.pk}/").content.decode()
    assert f'class="statement-link" href="/statements/{statement.pk}/"' in html
    html = journalist_client.get(f"/actors/{statement.speaker_id}/").content.decode()
    assert f'href="/statements/{statement.pk}/"' in html
    assert f'href="/statements/{statement.pk}/"' in journalist_client.get("/statements/").content.decode()
