"""Claims and quotes search: the same language and the same rows on SQLite and PostgreSQL."""

import pytest

from claims.models import NumericClaim, Quote
from claims.reads.browse import Filters, base_queryset, filtered
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db

FILLER = " ".join(["The council met again on Tuesday to discuss the budget."] * 5)
TEXT = (
    "Rescuers said 40 people were missing after the landslide near Ostrava. "
    + FILLER
    + " Separately, 12 hostages were freed in the northern province, officials said."
)


@pytest.fixture
def rows(editor):
    article = ArticleFactory(text=TEXT)
    minister = ActorFactory(name="Petra Novak")

    def claim(fragment: str, **fields):
        start = TEXT.index(fragment)
        return NumericClaimFactory(article=article, start=start, end=start + len(fragment), span=fragment, **fields)

    missing = claim("40 people", noun="people", place="Ostrava")
    hostages = claim("12 hostages", noun="hostages", source=minister)
    other = ArticleFactory(text="About 3,000 people fled the fighting in Sudan, aid workers said.")
    start = other.text.index("3,000 people")
    sudan = NumericClaimFactory(article=other, start=start, end=start + 12, span="3,000 people", noun="people")
    quote_text = "We will rebuild every bridge"
    quoted = ArticleFactory(text=f'"{quote_text}," said Petra Novak.')
    quote = QuoteFactory(article=quoted, start=1, end=1 + len(quote_text), text=quote_text, speaker=minister)
    return {"editor": editor, "missing": missing, "hostages": hostages, "sudan": sudan, "quote": quote}


def claims(rows, q: str) -> set[int]:
    filters = Filters(kind="claims", q=q)
    return set(filtered(filters, base_queryset("claims", rows["editor"])).values_list("id", flat=True))


def test_a_claim_matches_its_own_sentence_not_every_claim_of_its_article(rows):
    assert claims(rows, "landslide") == {rows["missing"].pk}
    assert claims(rows, "freed") == {rows["hostages"].pk}


def test_a_claim_matches_its_noun_place_and_source(rows):
    assert claims(rows, "ostrava") == {rows["missing"].pk}
    assert claims(rows, "Novak") == {rows["hostages"].pk}
    assert claims(rows, "people") == {rows["missing"].pk, rows["sudan"].pk}


def test_minus_or_and_phrases_work_on_every_database(rows):
    assert claims(rows, "people -Sudan") == {rows["missing"].pk}
    assert claims(rows, "-hostages") == {rows["missing"].pk, rows["sudan"].pk}
    assert claims(rows, "Ostrava OR Sudan") == {rows["missing"].pk, rows["sudan"].pk}
    assert claims(rows, '"people were missing"') == {rows["missing"].pk}
    assert claims(rows, '"people missing"') == set()  # a phrase is not two words


def test_a_quote_matches_its_speakers_name(rows):
    quotes = base_queryset("quotes", rows["editor"])
    assert list(filtered(Filters(kind="quotes", q="Novak"), quotes)) == [rows["quote"]]
    assert list(filtered(Filters(kind="quotes", q="bridge -Novak"), quotes)) == []
    assert Quote.objects.search("rebuild OR nothing").count() == 1
    assert NumericClaim.objects.search("").count() == 3


def test_the_browser_shows_what_the_search_matches(editor_client, rows):
    html = editor_client.get("/claims/", {"q": "Gaza OR Ostrava"}).content.decode()
    assert f'id="claim-{rows["missing"].pk}"' in html or f"#claim-{rows['missing'].pk}" in html
    assert f"#claim-{rows['sudan'].pk}" not in html


def test_claim_search_reads_the_stored_sentence_not_the_article(rows):
    missing = rows["missing"]
    assert missing.sentence == "Rescuers said 40 people were missing after the landslide near Ostrava."
    NumericClaim.objects.filter(pk=missing.pk).update(sentence="Rescuers counted 40 people near a glacier.")
    assert claims(rows, "glacier") == {missing.pk}
    assert claims(rows, "landslide") == set()  # still in the article's text, no longer in the sentence


def test_the_extraction_service_stores_each_claims_sentence(editor):
    from claims import extraction as engine
    from claims.services.extraction import extraction_apply

    article = ArticleFactory(text=TEXT)
    extraction_apply(article=article, result=engine.extract(article.text))
    stored = dict(NumericClaim.objects.filter(article=article).values_list("span", "sentence"))
    assert stored, "the engine finds the claims of TEXT"
    for span, sentence in stored.items():
        assert span in sentence and sentence in TEXT and len(sentence) <= 400
        assert "budget" not in sentence  # the filler sentences between the claims are not theirs


def test_an_editors_span_change_moves_the_stored_sentence(rows):
    from claims.services.review import claim_correct

    hostages = rows["hostages"]
    start = TEXT.index("40 people")
    claim_correct(claim=hostages, user=rows["editor"], version=hostages.version, start=start, end=start + 9)
    hostages.refresh_from_db()
    assert hostages.sentence.startswith("Rescuers said 40 people") and "hostages" not in hostages.sentence
    assert claims(rows, "landslide") == {rows["missing"].pk, hostages.pk}


def test_the_data_migration_fills_the_sentences_of_existing_claims(rows):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("claims.migrations.0022_search_claim_context")
    NumericClaim.objects.update(sentence="")
    migration.fill_sentences(apps, None)
    assert NumericClaim.objects.get(pk=rows["hostages"].pk).sentence == (
        "Separately, 12 hostages were freed in the northern province, officials said."
    )
    assert claims(rows, "landslide") == {rows["missing"].pk}
