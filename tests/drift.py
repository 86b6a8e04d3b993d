"""Invented articles in which four outlets report one statement (issue 18's quote drift).

The Morning Ledger prints it first and in full; the Harbour Times trims it; the Evening Post
flips it ("never" becomes "soon"); the Border Wire prints the full words but credits them to
the army spokesman. The engine extracts them like any article.
"""

from __future__ import annotations

from datetime import UTC, datetime

from claims.models import Article, Quote
from claims.services.extraction import articles_extract
from tests.factories import ArticleFactory, OutletFactory

FULL = (
    "We will never reopen the northern crossing while the shelling continues, "
    "and aid convoys must wait for the inspectors"
)
REPORTS = [
    (
        "Morning Ledger",
        datetime(2024, 3, 5, 9, 0, tzinfo=UTC),
        f'The interior minister spoke after the cabinet meeting on Tuesday. "{FULL}," Dana Reyes told reporters.',
    ),
    (
        "Harbour Times",
        datetime(2024, 3, 5, 11, 30, tzinfo=UTC),
        'Dana Reyes, the interior minister, said on Tuesday: "We will never reopen the northern crossing '
        'while the shelling continues." Aid groups criticised the decision.',
    ),
    (
        "Evening Post",
        datetime(2024, 3, 6, 8, 0, tzinfo=UTC),
        '"We will soon reopen the northern crossing while the shelling continues, and aid convoys must wait '
        'for the inspectors," Dana Reyes said on Wednesday.',
    ),
    (
        "Border Wire",
        datetime(2024, 3, 5, 14, 0, tzinfo=UTC),
        f'"{FULL}," said Omar Haddad, the army spokesman, on Tuesday.',
    ),
]


def drift_articles() -> list[Article]:
    """The four articles, extracted (call inside ``django_capture_on_commit_callbacks(execute=True)``)."""
    articles = [
        ArticleFactory(
            outlet=OutletFactory(name=outlet), published_at=when, text=text, title=f"{outlet} on the crossing"
        )
        for outlet, when, text in REPORTS
    ]
    articles_extract(article_ids=[a.pk for a in articles])
    return articles


def quote_of(article: Article) -> Quote:
    return Quote.objects.get(article=article)
