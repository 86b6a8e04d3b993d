"""The editors' pages: review queue, verify/reject, corrections with conflicts, additions, actors."""

from decimal import Decimal

import pytest

from claims.models import Actor, NumericClaim, Quote
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def _claim(corpus, category="killed") -> NumericClaim:
    return NumericClaim.objects.filter(article=corpus["articles"][0], category=category).get()


def _claim_post(claim: NumericClaim, **overrides) -> dict:
    data = {
        "value": str(claim.value),
        "value_max": "",
        "qualifier": claim.qualifier,
        "category": claim.category,
        "noun": claim.noun,
        "place": claim.place,
        "source": claim.source_id or "",
        "source_surface": claim.source_surface,
        "as_of": claim.as_of.isoformat() if claim.as_of else "",
        "start": claim.start,
        "end": claim.end,
        "version": claim.version,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/review/"),
        ("get", "/items/claim/{claim}/edit/"),
        ("post", "/items/claim/{claim}/edit/"),
        ("post", "/items/claim/{claim}/verify/"),
        ("post", "/items/quote/{quote}/reject/"),
        ("post", "/articles/{article}/add/claim/"),
        ("post", "/actors/{actor}/edit/"),
        ("post", "/actors/{actor}/aliases/"),
        ("post", "/actors/{actor}/merge/"),
    ],
)
def test_it_refuses_journalists_every_editing_action(journalist_client, corpus, method, url):
    claim = _claim(corpus)
    url = url.format(claim=claim.pk, quote=Quote.objects.first().pk, article=claim.article_id, actor=corpus["qudra"].pk)
    response = getattr(journalist_client, method)(url, {"version": 1, "value": "1", "name": "X", "alias": "X"})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.version == 1 and claim.status == "unreviewed"
    assert Actor.objects.get(pk=corpus["qudra"].pk).name == "Ashraf al-Qudra"


def test_it_checks_csrf_on_editing_forms(editor, corpus):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    claim = _claim(corpus)
    assert client.post(f"/items/claim/{claim.pk}/verify/", {"version": 1}).status_code == 403
    page = client.get(f"/items/claim/{claim.pk}/edit/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_lists_the_least_confident_unreviewed_items_first_in_their_sentence(editor_client, corpus):
    response = editor_client.get("/review/")
    items = [row["item"] for row in response.context["rows"]]
    assert [i.confidence for i in items] == sorted(i.confidence for i in items)
    html = response.content.decode()
    first = items[0]
    assert f'id="claim-{first.pk}"' in html and "about 4,000 people were displaced" in html
    assert "0</strong> reviewed by you today" in html and "12</strong> left" in html


def test_it_verifies_an_item_from_the_queue_with_htmx(editor_client, corpus):
    claim = _claim(corpus)
    response = editor_client.post(
        f"/items/claim/{claim.pk}/verify/", {"version": 1, "queue": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="verified"' in html and 'hx-swap-oob="true"' in html
    assert "1</strong> reviewed by you today" in html
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.version == 2


def test_it_reports_a_conflict_when_verifying_a_stale_item(editor_client, corpus):
    claim = _claim(corpus)
    editor_client.post(f"/items/claim/{claim.pk}/reject/", {"version": 1})
    response = editor_client.post(f"/items/claim/{claim.pk}/verify/", {"version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and "someone else changed this claim first" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "rejected"


def test_it_corrects_a_claim_and_shows_the_change_in_its_history(editor_client, corpus):
    claim = _claim(corpus)
    response = editor_client.post(
        f"/items/claim/{claim.pk}/edit/", _claim_post(claim, value="125", qualifier="more_than")
    )
    assert response.status_code == 302 and response["Location"] == f"/articles/{claim.article_id}/#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.value == Decimal(125) and claim.status == "corrected" and claim.version == 2

    html = editor_client.get(f"/items/claim/{claim.pk}/history/").content.decode()
    assert '<strong class="author">ed</strong>' in html and "The extraction engine" in html
    assert "<del>120</del>" in html and "<ins>125</ins>" in html  # numbers as people write them
    assert "<del>exactly</del>" in html and "<ins>more than</ins>" in html  # choices by their labels


def test_it_shows_both_versions_and_keeps_the_second_editors_input_on_conflict(editor_client, corpus):
    claim = _claim(corpus)
    first = _claim_post(claim, value="130")
    second = _claim_post(claim, value="140", noun="civilians")
    assert editor_client.post(f"/items/claim/{claim.pk}/edit/", first).status_code == 302

    response = editor_client.post(f"/items/claim/{claim.pk}/edit/", second)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this claim" in html
    assert "130" in html  # their version
    assert 'value="140"' in html and 'value="civilians"' in html  # what this editor typed, still in the form
    assert 'name="version" value="2"' in html
    claim.refresh_from_db()
    assert claim.value == Decimal(130)
    # Saving again, knowingly, replaces theirs.
    again = editor_client.post(f"/items/claim/{claim.pk}/edit/", {**second, "version": 2})
    assert again.status_code == 302
    claim.refresh_from_db()
    assert claim.value == Decimal(140) and claim.version == 3


def test_it_explains_invalid_corrections_in_the_form(editor_client, corpus):
    claim = _claim(corpus)
    response = editor_client.post(f"/items/claim/{claim.pk}/edit/", _claim_post(claim, value="10", value_max="5"))
    assert response.status_code == 200
    assert "cannot be below" in response.content.decode()
    response = editor_client.post(f"/items/claim/{claim.pk}/edit/", _claim_post(claim, end=99999))
    assert "inside the article" in response.content.decode()


def test_it_corrects_a_quotes_speaker(editor_client, corpus):
    quote = Quote.objects.filter(article=corpus["articles"][0]).get()
    un = corpus["un"]
    data = {"speaker": un.pk, "speaker_surface": "UN", "verb": "said", "start": quote.start, "end": quote.end}
    response = editor_client.post(f"/items/quote/{quote.pk}/edit/", {**data, "version": 1})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == un and quote.status == "corrected"


def test_it_adds_a_claim_from_a_selection_in_the_article(editor_client, corpus):
    article = corpus["articles"][0]
    start = article.text.index("388 injured")
    response = editor_client.post(
        f"/articles/{article.pk}/add/claim/",
        {
            "start": start,
            "end": start + 3,
            "selected": "388",
            "value": "388",
            "qualifier": "exact",
            "category": "injured",
            "noun": "people",
        },
    )
    added = NumericClaim.objects.filter(origin="editor").get()
    assert response.status_code == 302 and response["Location"].endswith(f"#claim-{added.pk}")
    assert added.span == "388" and added.status == "verified"


def test_it_refuses_an_addition_whose_text_moved(editor_client, corpus):
    article = corpus["articles"][0]
    response = editor_client.post(
        f"/articles/{article.pk}/add/quote/", {"start": 0, "end": 5, "selected": "Other", "speaker": ""}
    )
    assert response.status_code == 400 and "not at those offsets" in response.content.decode()
    assert not Quote.objects.filter(origin="editor").exists()


def test_it_shows_editors_the_editing_controls_on_the_article(editor_client, corpus):
    html = editor_client.get(f"/articles/{corpus['articles'][0].pk}/").content.decode()
    assert 'data-action="verify"' in html and 'id="add-panel"' in html and "Add claim" in html


def test_it_renames_an_actor_and_manages_aliases(editor_client, corpus):
    qudra = corpus["qudra"]
    response = editor_client.post(
        f"/actors/{qudra.pk}/edit/",
        {"name": "Ashraf al-Qidra", "description": "spokesman", "type": "person", "version": 1},
    )
    assert response.status_code == 302
    qudra.refresh_from_db()
    assert qudra.name == "Ashraf al-Qidra" and qudra.aliases.filter(alias="Ashraf al-Qudra").exists()

    editor_client.post(f"/actors/{qudra.pk}/aliases/", {"alias": "al-Qidra"})
    alias = qudra.aliases.get(alias="al-Qidra")
    editor_client.post(f"/actors/{qudra.pk}/aliases/", {"remove": alias.pk})
    assert not qudra.aliases.filter(alias="al-Qidra").exists()

    stale = editor_client.post(
        f"/actors/{qudra.pk}/edit/", {"name": "Someone Else", "description": "", "type": "person", "version": 1}
    )
    assert stale.status_code == 409 and "Someone else saved this actor first" in stale.content.decode()


def test_it_merges_a_duplicate_actor_from_the_actor_page(editor_client, corpus):
    qudra = corpus["qudra"]
    duplicate = ActorFactory(name="Ashraf Qudra")
    page = editor_client.get(f"/actors/{qudra.pk}/").content.decode()
    assert "Ashraf Qudra" in page  # offered as a possible duplicate (same last name)
    response = editor_client.post(f"/actors/{qudra.pk}/merge/", {"source": duplicate.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == qudra
