"""Review that fails loudly and keeps context: required versions, conflicts in place, reasons,
notes, bulk review, the speaker's sentence, Edit's way back to the queue, span by selection."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.models import ActorMention, NumericClaim, Quote
from claims.services.review import item_review
from tests.factories import ActorFactory, ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def _claim(corpus, category="killed", n=0) -> NumericClaim:
    return NumericClaim.objects.get(article=corpus["articles"][n], category=category)


@pytest.mark.parametrize("action", ["verify", "reject", "reopen"])
@pytest.mark.parametrize("posted", [{}, {"version": ""}, {"version": "abc"}, {"version": "0"}, {"version": "-1"}])
def test_it_refuses_one_click_review_without_a_whole_version(editor_client, corpus, action, posted):
    claim = _claim(corpus)
    if action == "reopen":
        item_review(item=claim, user=None, version=1, status="verified")
        claim.refresh_from_db()
    before = (claim.status, claim.version)
    response = editor_client.post(f"/items/claim/{claim.pk}/{action}/", posted)
    assert response.status_code == 400
    assert "version" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.version) == before


def test_a_conflict_answers_409_with_the_current_state_and_a_way_to_act_again(editor_client, corpus):
    claim = _claim(corpus)
    editor_client.post(f"/items/claim/{claim.pk}/reject/", {"version": 1})
    response = editor_client.post(
        f"/items/claim/{claim.pk}/verify/", {"version": 1, "queue": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "It is now <strong>rejected</strong>" in html and "(version 2)" in html
    assert "Verify it anyway" in html and 'name="version" value="2"' in html
    claim.refresh_from_db()
    assert claim.status == "rejected"
    again = editor_client.post(f"/items/claim/{claim.pk}/verify/", {"version": 2}, HTTP_HX_REQUEST="true")
    assert again.status_code == 200
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.version == 3


def test_a_conflict_without_htmx_redirects_with_a_message(editor_client, corpus):
    claim = _claim(corpus)
    editor_client.post(f"/items/claim/{claim.pk}/verify/", {"version": 1})
    response = editor_client.post(f"/items/claim/{claim.pk}/reject/", {"version": 1}, follow=True)
    assert "Someone changed this claim first; it is now verified." in response.content.decode()


def test_a_reject_reason_is_kept_in_the_history(editor_client, corpus):
    claim = _claim(corpus)
    editor_client.post(
        f"/items/claim/{claim.pk}/reject/",
        {"version": 1, "reason": "Misread number", "reason_text": "  it was   <b>injured</b> "},
    )
    record = claim.history.order_by("-history_id").first()
    assert record.history_change_reason == "Misread number: it was <b>injured</b>"
    page = editor_client.get(f"/items/claim/{claim.pk}/history/").content.decode()
    assert "Misread number: it was &lt;b&gt;injured&lt;/b&gt;" in page


def test_an_unknown_reason_choice_is_dropped_but_the_text_kept(editor_client, corpus):
    claim = _claim(corpus)
    editor_client.post(f"/items/claim/{claim.pk}/reject/", {"version": 1, "reason": "made up", "reason_text": "no"})
    assert claim.history.order_by("-history_id").first().history_change_reason == "no"


def test_an_editor_note_is_saved_shown_in_the_queue_and_leaves_the_status(editor_client, corpus):
    claim = _claim(corpus, "displaced")
    response = editor_client.post(
        f"/items/claim/{claim.pk}/note/", {"version": 1, "note": "Ask the desk about <UNRWA>", "next": "/review/"}
    )
    assert response.status_code == 302 and response["Location"] == "/review/"
    claim.refresh_from_db()
    assert claim.note == "Ask the desk about <UNRWA>" and claim.status == "unreviewed" and claim.version == 2
    queue = editor_client.get("/review/").content.decode()
    assert "Ask the desk about &lt;UNRWA&gt;" in queue


def test_a_stale_note_is_not_saved(editor_client, corpus):
    claim = _claim(corpus)
    item_review(item=claim, user=None, version=1, status="verified")
    response = editor_client.post(f"/items/claim/{claim.pk}/note/", {"version": 1, "note": "late"}, follow=True)
    claim.refresh_from_db()
    assert claim.note == "" and "your note was not saved" in response.content.decode()


def test_a_note_needs_the_version(editor_client, corpus):
    claim = _claim(corpus)
    assert editor_client.post(f"/items/claim/{claim.pk}/note/", {"note": "x"}).status_code == 400


def test_bulk_review_verifies_the_ticked_items_and_reports_each_conflict(editor_client, corpus):
    a, b = _claim(corpus, n=0), _claim(corpus, n=1)
    quote = Quote.objects.filter(article=corpus["articles"][2]).get()
    item_review(item=b, user=None, version=1, status="rejected")  # another editor, first
    response = editor_client.post(
        "/review/bulk/",
        {"action": "verify", "item": [f"claim:{a.pk}:1", f"claim:{b.pk}:1", f"quote:{quote.pk}:1"], "next": "/review/"},
        follow=True,
    )
    html = response.content.decode()
    for row in (a, b, quote):
        row.refresh_from_db()
    assert a.status == "verified" and quote.status == "verified"
    assert b.status == "rejected" and b.version == 2
    assert "2 items verified." in html
    assert f"The claim #{b.pk} was changed by someone else first (it is now rejected)" in html


def test_bulk_reject_keeps_the_reason_for_each_item(editor_client, corpus):
    a, b = _claim(corpus, n=0), _claim(corpus, n=1)
    editor_client.post(
        "/review/bulk/",
        {"action": "reject", "item": [f"claim:{a.pk}:1", f"claim:{b.pk}:1"], "reason": "Duplicate"},
    )
    for row in (a, b):
        row.refresh_from_db()
        assert row.status == "rejected"
        assert row.history.order_by("-history_id").first().history_change_reason == "Duplicate"


@pytest.mark.parametrize(
    "posted",
    [{"action": "verify", "item": ["claim:1"]}, {"action": "verify", "item": ["claim:1:x"]}, {"action": "nope"}],
)
def test_bulk_review_refuses_malformed_input(editor_client, corpus, posted):
    assert editor_client.post("/review/bulk/", posted).status_code == 400
    assert not NumericClaim.objects.exclude(status="unreviewed").exists()


def test_bulk_review_is_for_editors_only(journalist_client, corpus):
    claim = _claim(corpus)
    response = journalist_client.post("/review/bulk/", {"action": "verify", "item": [f"claim:{claim.pk}:1"]})
    assert response.status_code == 403


def test_a_quote_in_the_queue_shows_the_sentence_that_names_its_speaker(editor_client):
    speaker = ActorFactory(name="Mira Okonjo")
    text = (
        "Mira Okonjo spoke to reporters at the port on Tuesday. "
        '"We will reopen the northern crossing within a week," she said. '
        "Trucks lined the road."
    )
    article = ArticleFactory(text=text, title="Port talks")
    s = text.index('"We will')
    e = text.index('week,"') + 6
    quote = QuoteFactory(article=article, start=s, end=e, speaker=speaker, speaker_surface="she", confidence=0.1)
    ActorMention.objects.create(article=article, actor=speaker, start=0, end=11, surface="Mira Okonjo")
    html = editor_client.get("/review/?kind=quotes").content.decode()
    row = html[html.index(f'id="q-quote-{quote.pk}"') :]
    row = row[: row.index("</li>")]
    assert "spoke to reporters at the port" in row  # the speaker's sentence, not only the quote
    assert 'class="hl hl-speaker"' in row and ">Mira Okonjo</mark>" in row
    assert "Trucks lined the road" not in row


def test_a_claim_in_the_queue_shows_its_whole_sentence_with_the_span_marked(editor_client, corpus):
    claim = _claim(corpus, "displaced")
    html = editor_client.get("/review/?kind=claims").content.decode()
    row = html[html.index(f'id="q-claim-{claim.pk}"') :]
    row = row[: row.index("</li>")]
    assert "The UN said" in row and "according to UNRWA." in row
    assert f'id="claim-{claim.pk}"' in row and "about 4,000 people were displaced</mark>" in row


def test_edit_from_the_queue_returns_to_the_queue_at_the_next_row(editor_client, corpus):
    html = editor_client.get("/review/?kind=claims").content.decode()
    ids = [chunk.split('"')[0] for chunk in html.split('id="q-claim-')[1:]]
    first, second = ids[0], ids[1]
    assert f"/items/claim/{first}/edit/?next=/review/%3Fkind%3Dclaims%23q-claim-{second}" in html
    claim = NumericClaim.objects.get(pk=first)
    edit = editor_client.get(f"/items/claim/{first}/edit/", {"next": f"/review/?kind=claims#q-claim-{second}"})
    assert f'name="next" value="/review/?kind=claims#q-claim-{second}"' in edit.content.decode()
    data = {
        "value": "125",
        "value_max": "",
        "qualifier": claim.qualifier,
        "category": claim.category,
        "noun": claim.noun,
        "place": claim.place,
        "source": claim.source_id or "",
        "source_surface": claim.source_surface,
        "as_of": "",
        "start": claim.start,
        "end": claim.end,
        "version": claim.version,
        "next": f"/review/?kind=claims#q-claim-{second}",
    }
    response = editor_client.post(f"/items/claim/{first}/edit/", data)
    assert response.status_code == 302 and response["Location"] == f"/review/?kind=claims#q-claim-{second}"


def test_edit_ignores_a_next_that_leaves_the_site(editor_client, corpus):
    claim = _claim(corpus)
    edit = editor_client.get(f"/items/claim/{claim.pk}/edit/", {"next": "https://evil.example/"})
    assert "evil.example" not in edit.content.decode()


def test_the_edit_page_moves_a_span_by_selection_not_by_typed_offsets(editor_client, corpus):
    claim = _claim(corpus)
    html = editor_client.get(f"/items/claim/{claim.pk}/edit/").content.decode()
    assert 'id="span-source"' in html and "hl-now" in html
    assert 'type="hidden" name="start"' in html and 'type="hidden" name="end"' in html
    assert 'type="number" name="start"' not in html
    text = claim.article.text
    start = text.index("120 people")
    end = start + len("120 people")
    data = {
        "value": str(claim.value),
        "value_max": "",
        "qualifier": claim.qualifier,
        "category": claim.category,
        "noun": claim.noun,
        "place": claim.place,
        "source": claim.source_id or "",
        "source_surface": claim.source_surface,
        "as_of": "",
        "start": start,
        "end": end,
        "selected": "120 people",
        "version": 1,
    }
    assert editor_client.post(f"/items/claim/{claim.pk}/edit/", data).status_code == 302
    claim.refresh_from_db()
    assert claim.span == "120 people" and claim.value == Decimal(120)
