"""Factories for test data: one place that knows how to build valid rows."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims import models as m
from claims.extraction.text import sentence_of

ARTICLE_TEXT = (
    "The regional health ministry said on Monday that more than 120 people were killed in the floods. "
    '"We are overwhelmed," said Maria Lopez, the ministry\'s spokeswoman. '
    "About 4,000 residents fled to shelters, according to the Red Cross."
)


PASSWORD = "correct horse battery"  # every test user's


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            group, _ = Group.objects.get_or_create(name=extracted)
            self.groups.add(group)
        if create:
            self.save()


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Article

    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    outlet = factory.SubFactory(OutletFactory)
    published_at = datetime(2023, 11, 3, 12, 0, tzinfo=UTC)
    text = factory.Sequence(lambda n: f"{ARTICLE_TEXT} (Story {n}.)")
    content_hash = factory.LazyAttribute(lambda o: m.content_hash_of(o.text))


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Actor

    name = factory.Sequence(lambda n: f"Person Number{n}")
    type = m.ActorType.PERSON


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Quote

    article = factory.SubFactory(ArticleFactory)
    start = factory.LazyAttribute(lambda o: o.article.text.index("We are"))
    end = factory.LazyAttribute(lambda o: o.start + len("We are overwhelmed,"))
    text = factory.LazyAttribute(lambda o: o.article.text[o.start : o.end])
    speaker = factory.SubFactory(ActorFactory)
    speaker_surface = "Maria Lopez"
    verb = "said"
    confidence = 0.9


class NumericClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.NumericClaim

    article = factory.SubFactory(ArticleFactory)
    start = factory.LazyAttribute(lambda o: o.article.text.index("more than 120"))
    end = factory.LazyAttribute(lambda o: o.start + len("more than 120 people"))
    span = factory.LazyAttribute(lambda o: o.article.text[o.start : o.end])
    sentence = factory.LazyAttribute(lambda o: sentence_of(o.article.text, o.start, o.end))  # as extraction stores it
    value = Decimal(120)
    qualifier = m.Qualifier.MORE_THAN
    category = m.Category.KILLED
    noun = "people"
    as_of = factory.LazyAttribute(lambda o: o.article.as_of_date)
    confidence = 0.8
