"""factory-boy factories: published content by default, one per model."""

import datetime

import factory

from cooperation import models
from cooperation.models.translation import SOURCE_LANGUAGE, column, translated_fields


class PublishedFactory(factory.django.DjangoModelFactory):
    """Published content; a translated field named by its base name (``name="…"``) is its
    English column, as the site's source language."""

    status = models.Status.PUBLISHED

    class Meta:
        abstract = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        names = translated_fields(cls._meta.model)
        return {
            column(key, SOURCE_LANGUAGE) if key in names else key: value
            for key, value in kwargs.items()
        }


class FrameworkFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Framework {n}")
    slug = factory.Sequence(lambda n: f"framework-{n}")

    class Meta:
        model = models.Framework


class ThemeFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = models.Theme


class InstitutionFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Institution {n}")
    slug = factory.Sequence(lambda n: f"institution-{n}")

    class Meta:
        model = models.Institution


class OrganizationFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Organization {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    summary = "An international organization."

    class Meta:
        model = models.Organization


class FocusAreaFactory(PublishedFactory):
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"area {n}")
    order = factory.Sequence(int)

    class Meta:
        model = models.FocusArea


class CooperationFactory(PublishedFactory):
    organization = factory.SubFactory(OrganizationFactory)
    participating_since = 1994

    class Meta:
        model = models.Cooperation


class MilestoneFactory(PublishedFactory):
    organization = factory.SubFactory(OrganizationFactory)
    date = factory.Sequence(lambda n: datetime.date(1990 + n % 30, 1 + n % 12, 1 + n % 28))
    date_precision = models.DatePrecision.DAY
    title = factory.Sequence(lambda n: f"Milestone {n}")

    class Meta:
        model = models.Milestone


class ProjectFactory(PublishedFactory):
    organization = factory.SubFactory(OrganizationFactory)
    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary = "A project."
    stage = models.Stage.ONGOING

    class Meta:
        model = models.Project


class DiplomaticMissionFactory(PublishedFactory):
    name = factory.Sequence(lambda n: f"Embassy of the Republic of Belarus in Country {n}")
    slug = factory.Sequence(lambda n: f"embassy-{n}")
    country = factory.Sequence(lambda n: f"Country {n}")
    city = "Capital"

    class Meta:
        model = models.DiplomaticMission


class PageFactory(PublishedFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    class Meta:
        model = models.Page
