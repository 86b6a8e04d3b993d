"""What extraction and editors' additions set off for issue 18, after their transaction commits:
quotes grouped into statements (quote drift) and webhook events for followers."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

log = logging.getLogger(__name__)


def _after_extraction(article_ids: list[int]) -> None:
    from .statements import statements_after_extraction
    from .webhooks import follow_after_extraction

    for step in (statements_after_extraction, follow_after_extraction):
        try:
            step(article_ids=article_ids)
        except Exception:  # the extraction itself succeeded; a later run repairs groups
            log.exception("%s failed for articles %s", step.__name__, article_ids)


def follow_extracted_soon(*, article_ids: Iterable[int]) -> None:
    """Once the extraction commits: regroup the articles' quotes, send their events."""
    ids = list(article_ids)
    if ids:
        transaction.on_commit(lambda: _after_extraction(ids))


def follow_added_soon(*, quote_ids: Iterable[int] = (), claim_ids: Iterable[int] = ()) -> None:
    """Once an editor's addition commits: send its events."""
    from .webhooks import follow_items_added

    quotes, claims = list(quote_ids), list(claim_ids)
    transaction.on_commit(lambda: follow_items_added(quote_ids=quotes, claim_ids=claims))
