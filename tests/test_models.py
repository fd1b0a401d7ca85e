"""Models: publishing, date precision, natural keys, constraints and sanitized rich text."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from cooperation.models import (
    Cooperation,
    DatePrecision,
    FocusArea,
    Milestone,
    Organization,
    Project,
    Stage,
    Status,
)
from cooperation.models.dates import format_precise_date, machine_precise_date

from .factories import (
    CooperationFactory,
    FocusAreaFactory,
    InstitutionFactory,
    MilestoneFactory,
    OrganizationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


# Publishing -------------------------------------------------------------------------------


def test_published_includes_published_items_without_a_publish_time():
    organization = OrganizationFactory(status=Status.PUBLISHED, publish_at=None)
    assert list(Organization.objects.published()) == [organization]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
def test_published_excludes_items_in_other_states(status):
    OrganizationFactory(status=status)
    assert not Organization.objects.published().exists()


def test_published_excludes_items_scheduled_for_the_future():
    OrganizationFactory(publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert not Organization.objects.published().exists()


def test_published_includes_items_whose_publish_time_has_passed():
    OrganizationFactory(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert Organization.objects.published().count() == 1


def test_saving_moves_updated_at_forward():
    organization = OrganizationFactory()
    before = organization.updated_at
    organization.summary = "Changed."
    organization.save()
    assert organization.updated_at > before


# Date precision --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision", "shown", "machine"),
    [
        (datetime.date(1994, 1, 1), DatePrecision.YEAR, "1994", "1994"),
        (datetime.date(1996, 12, 1), DatePrecision.MONTH, "December 1996", "1996-12"),
        (datetime.date(2005, 11, 29), DatePrecision.DAY, "29 November 2005", "2005-11-29"),
    ],
)
def test_a_date_is_shown_to_exactly_its_precision(value, precision, shown, machine):
    with translation.override("en"):
        assert format_precise_date(value, precision) == shown
    assert machine_precise_date(value, precision) == machine


def test_a_date_is_stored_in_the_canonical_form_of_its_precision():
    milestone = MilestoneFactory(date=datetime.date(1996, 12, 17), date_precision="month")
    milestone.refresh_from_db()
    assert milestone.date == datetime.date(1996, 12, 1)


def test_full_clean_rejects_an_unknown_precision():
    milestone = MilestoneFactory.build(organization=OrganizationFactory(), date_precision="century")
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert "date_precision" in error.value.message_dict


# Natural keys ----------------------------------------------------------------------------


def test_natural_keys_round_trip_for_every_kind_of_key():
    milestone = MilestoneFactory(date=datetime.date(2005, 11, 29))
    organization = milestone.organization
    area = FocusAreaFactory(organization=organization)
    cooperation = CooperationFactory(organization=organization)
    assert Organization.objects.get_by_natural_key(*organization.natural_key()) == organization
    assert FocusArea.objects.get_by_natural_key(*area.natural_key()) == area
    assert Cooperation.objects.get_by_natural_key(organization.slug) == cooperation
    assert milestone.natural_key() == ("2005-11-29", milestone.title, organization.slug)
    assert Milestone.objects.get_by_natural_key(*milestone.natural_key()) == milestone


# Constraints in the database -------------------------------------------------------------


def _violates(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_the_database_refuses_a_duplicate_slug():
    OrganizationFactory(slug="iom")
    _violates(lambda: OrganizationFactory(slug="iom"))


def test_the_database_refuses_an_unknown_status():
    organization = OrganizationFactory()
    _violates(lambda: Organization.objects.filter(pk=organization.pk).update(status="secret"))


def test_the_database_refuses_a_project_that_ends_before_it_starts():
    _violates(
        lambda: ProjectFactory(
            start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2009, 1, 1)
        )
    )


def test_full_clean_explains_a_project_that_ends_before_it_starts():
    project = ProjectFactory.build(
        organization=OrganizationFactory(),
        theme=ProjectFactory().theme,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2009, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.message_dict["end_date"] == ["A project cannot end before it starts."]


def test_the_database_refuses_an_unknown_project_stage():
    project = ProjectFactory()
    _violates(lambda: Project.objects.filter(pk=project.pk).update(stage="abandoned"))


def test_the_database_refuses_two_milestones_with_the_same_date_and_title():
    milestone = MilestoneFactory()
    _violates(
        lambda: MilestoneFactory(
            organization=milestone.organization, date=milestone.date, title=milestone.title
        )
    )


def test_the_database_refuses_two_cooperations_with_one_organization():
    cooperation = CooperationFactory()
    _violates(lambda: CooperationFactory(organization=cooperation.organization))


def test_the_database_refuses_a_selector_institution_without_website():
    _violates(lambda: InstitutionFactory(in_missions_selector=True, website=""))


def test_the_database_refuses_an_implausible_founding_year():
    _violates(lambda: OrganizationFactory(founded_year=1066))


# Rich text -------------------------------------------------------------------------------


def test_rich_text_is_sanitized_when_saved():
    organization = OrganizationFactory(
        body='<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:x">x</a></p>'
    )
    organization.refresh_from_db()
    assert organization.body == '<p>Hi <a rel="noopener noreferrer">x</a></p>'


def test_rich_text_is_sanitized_on_queryset_update_too():
    organization = OrganizationFactory()
    Organization.objects.filter(pk=organization.pk).update(body_en="<img src=x onerror=alert(1)>ok")
    organization.refresh_from_db()
    assert organization.body == "ok"


def test_rich_text_keeps_the_formatting_the_site_supports():
    html = (
        "<h2>Heading</h2><p>A <strong>b</strong> <em>c</em> "
        '<a href="https://example.org/" rel="noopener noreferrer">d</a></p><ul><li>e</li></ul>'
    )
    organization = OrganizationFactory(body=html)
    organization.refresh_from_db()
    assert organization.body == html


@pytest.mark.parametrize("stage", Stage.values)
def test_a_projects_stage_is_shown_by_its_label_in_the_active_language(stage):
    with translation.override("ru"):
        assert Project(stage=stage).get_stage_display() == str(Stage(stage).label)


def test_a_stage_outside_the_choices_is_shown_as_stored():
    # As Django's own get_FOO_display() does.
    assert Project(stage="unheard-of").get_stage_display() == "unheard-of"
