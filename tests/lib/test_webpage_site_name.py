"""A page's site name, for its outlet: og:site_name first, else the JSON-LD publisher."""

from __future__ import annotations

import pytest

from claims.lib.webpage import page_read

BODY = (
    "<article><h1>Bridge reopens</h1><p>The old river bridge reopened to traffic on Sunday after repairs.</p></article>"
)


def _page(head: str) -> str:
    return f"<html><head><title>Bridge reopens</title>{head}</head><body>{BODY}</body></html>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:site_name" content="The River Gazette">', "The River Gazette"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge reopens",'
            ' "publisher": {"@type": "Organization", "name": "Delta Evening Post"}}</script>',
            "Delta Evening Post",
        ),
        (
            '<script type="application/ld+json">'
            '{"@type": "NewsArticle", "publisher": [{"name": "Coast Wire"}]}</script>',
            "Coast Wire",
        ),
        ("", ""),
    ],
)
def test_it_reads_the_site_name(head, expected):
    assert page_read(_page(head)).site_name == expected
