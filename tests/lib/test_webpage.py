"""Reading the article in a page: body without boilerplate, metadata, JSON-LD, fragments."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims.lib.webpage import NotAnArticleError, clean_paragraphs, page_read
from tests.webserver import FIXTURES


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", "https://daily.example")


def test_it_reads_the_body_and_metadata_of_a_news_page():
    page = page_read(_fixture("article.html"), url="https://daily.example/page/article.html")
    assert page.title == "Floods kill 120 in the north, ministry says"
    assert page.byline == "Maria Santos"
    assert page.published_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert page.canonical_url == "https://daily.example/news/2024/floods-north"
    assert page.text.startswith("The regional health ministry said on Tuesday")
    assert "state of emergency in three provinces" in page.text


def test_it_drops_boilerplate_around_the_story():
    text = page_read(_fixture("article.html")).text
    for boilerplate in ("Read more", "newsletter", "Related stories", "Photo:", "All rights reserved", "Subscribe"):
        assert boilerplate not in text
    assert not text.startswith("Floods kill 120"), "the headline is not repeated as the first paragraph"


def test_it_separates_paragraphs_with_one_blank_line():
    text = page_read(_fixture("article.html")).text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 4
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_it_keeps_a_sanitised_html_of_exactly_the_kept_paragraphs():
    page = page_read(_fixture("article.html"))
    assert page.html.count("<p>") == len(page.text.split("\n\n"))
    assert "<script" not in page.html and "<img" not in page.html


def test_it_prefers_the_fuller_json_ld_article_body_and_splits_it_into_paragraphs():
    page = page_read(_fixture("second.html"))
    assert "45 ships were waiting offshore" in page.text  # only in the JSON-LD body
    assert "Talks are due to resume on Thursday." in page.text
    assert "Advertisement" not in page.text and "Share this" not in page.text
    assert page.text.count("\n\n") >= 2
    assert page.byline == "Tom Berg"
    assert page.published_at == datetime(2024, 4, 10, 6, 0, tzinfo=UTC)


def test_it_reads_a_pasted_html_fragment():
    page = page_read('<p>The council voted 31 to 12.</p><p>"It is fair," said the mayor.</p><script>x()</script>')
    assert page.text == 'The council voted 31 to 12.\n\n"It is fair," said the mayor.'


def test_it_refuses_a_page_without_an_article():
    with pytest.raises(NotAnArticleError, match="no article text"):
        page_read(_fixture("nav_only.html"), min_chars=150)
    with pytest.raises(NotAnArticleError, match="empty"):
        page_read("   ")


@pytest.mark.parametrize(
    "line",
    [
        "Read more: How the valleys flooded",
        "READ MORE",
        "Related: Dam levels at record high",
        "Sign up for our newsletter to get the news in your inbox",
        "Advertisement",
        "Photo: Reuters",
        "Share this article",
        "© 2024 The Daily Example",
        "Residents wade through a flooded street (Photo: Getty Images)",
        "By Maria Santos, March 5, 2024",
        "By Maria Santos and Tom Berg",
        "Updated: 5 March 2024, 10:42 GMT",
        "Published on 2024-03-05",
    ],
)
def test_it_recognises_boilerplate_lines(line):
    assert clean_paragraphs(f"A real sentence said the minister.\n{line}") == ["A real sentence said the minister."]


@pytest.mark.parametrize(
    "sentence",
    [
        "By the end of the week, 300 people had fled the town, officials said.",
        "By Tuesday the death toll had risen to 40.",
        "Updated figures from the ministry put the toll at 120.",
        "Published reports said 12 soldiers were wounded.",
    ],
)
def test_it_keeps_sentences_that_begin_like_bylines_or_datelines(sentence):
    assert clean_paragraphs(sentence) == [sentence]


def test_it_keeps_sentences_that_merely_mention_a_newsletter_or_photos():
    text = (
        "The minister said the photo showed 40 people in the square, and that the newsletter sent to "
        "subscribers on Monday had included the same figures."
    )
    assert clean_paragraphs(text) == [text]
