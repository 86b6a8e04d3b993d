"""The production path: a task round-trips through the real broker and a real worker."""

import pytest

from claims.models import Article, ExtractionStatus
from claims.tasks import extract_article, ping
from tests.factories import ArticleFactory

pytestmark = pytest.mark.celery_worker


def test_a_smoke_task_round_trips_through_the_broker(celery_worker):
    assert ping.delay("round trip").get(timeout=30) == "round trip"


def test_a_worker_extracts_an_article_into_the_database(celery_worker):
    article = ArticleFactory()
    extract_article.delay(article.pk).get(timeout=60)
    article = Article.objects.get(pk=article.pk)
    assert article.extraction_status == ExtractionStatus.DONE
    assert article.engine_version
