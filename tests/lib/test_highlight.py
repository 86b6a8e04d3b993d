"""Highlights are built from escaped text and our own tags, and stay well formed when spans overlap."""

from html.parser import HTMLParser

from claims.lib.highlight import Span, highlight, sentence_bounds


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.text, self.ids = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"])
        if tag != "mark":
            self.errors.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"/{tag}")

    def handle_data(self, data):
        self.text.append(data)


def _parse(html):
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_it_escapes_article_text_around_and_inside_highlights():
    text = 'Officials said <script>alert("x")</script> 12 people died & "more".'
    start = text.index("<script>")
    html = highlight(text, [Span(start, start + 20, "quote", 1, label='<b>"label"</b>')])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html
    parsed = _parse(html)
    assert parsed.errors == [] and "".join(parsed.text) == text


def test_it_nests_a_mention_inside_a_quote():
    text = '"Maria Lopez is here," she said.'
    html = highlight(text, [Span(0, 22, "quote", 1), Span(1, 12, "mention", 2)])
    assert html.index('id="quote-1"') < html.index('id="mention-2"')
    parsed = _parse(html)
    assert parsed.errors == [] and parsed.stack == [] and "".join(parsed.text) == text


def test_it_splits_overlapping_spans_and_anchors_each_once():
    text = "abcdefghij"
    html = highlight(text, [Span(0, 6, "quote", 1), Span(3, 9, "claim", 2), Span(3, 9, "mention", 3)])
    parsed = _parse(html)
    assert parsed.errors == [] and parsed.stack == []
    assert "".join(parsed.text) == text
    assert sorted(parsed.ids) == ["claim-2", "mention-3", "quote-1"]
    assert html.count('data-ref="claim-2"') == 2  # opened, then continued after the quote closed


def test_it_clips_spans_to_the_text_and_drops_empty_ones():
    html = highlight("hello", [Span(3, 99, "claim", 1), Span(4, 4, "quote", 2), Span(-5, 1, "mention", 3)])
    assert _parse(html).ids == ["mention-3", "claim-1"]


def test_it_highlights_a_snippet_with_an_offset():
    text = "First sentence. Then 12 killed here. Last one."
    start = text.index("12")
    left, right = sentence_bounds(text, start, start + 9)
    assert text[left:right].strip() == "Then 12 killed here."
    html = highlight(text[left:right], [Span(start, start + 9, "claim", 7)], offset=left)
    assert '<mark class="hl hl-claim" data-ref="claim-7" id="claim-7" tabindex="0">12 killed</mark>' in html


def test_sentence_bounds_use_the_engines_splitter_so_a_title_does_not_end_the_sentence():
    from claims.lib.highlight import sentence_bounds

    text = 'Rain fell. Dr. Ines Varga said 40 homes flooded in Tarnow. "It is bad," she said.\n\nNext one.'
    at = text.index("40")
    left, right = sentence_bounds(text, at, at + 2)
    assert text[left:right] == "Dr. Ines Varga said 40 homes flooded in Tarnow."
    at = text.index("bad")
    left, right = sentence_bounds(text, at, at + 3)
    assert text[left:right] == '"It is bad," she said.'
