"""The projects list's prepared reads: the filters' choices and a counted page of projects,
holding what the ORM calls public, paged as Django's paginator pages."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from cooperation.models import Stage, Status
from cooperation.projects_page import PAGE_SIZE, public_projects_page, requested_page
from cooperation.visibility import public_projects

from .factories import OrganizationFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def page(query: str = ""):
    return public_projects_page(QueryDict(query))


def titles(projects_page) -> list[str]:
    return [project.title for project in projects_page.projects]


def test_the_list_holds_exactly_what_the_orm_calls_public_in_its_order():
    later = timezone.now() + datetime.timedelta(days=1)
    ProjectFactory(title="B")
    ProjectFactory(title="A")
    ProjectFactory(title="Draft", status=Status.DRAFT)
    ProjectFactory(title="Scheduled", publish_at=later)
    ProjectFactory(title="Hidden organization", organization__status=Status.DRAFT)
    expected = list(public_projects().order_by("title", "id").values_list("title", flat=True))
    listed = page()
    assert titles(listed) == expected == ["A", "B"]
    assert listed.pagination.count == 2


def test_each_project_carries_what_its_card_prints():
    project = ProjectFactory(stage=Stage.COMPLETED, theme__name="Borders", summary="Short.")
    (listed,) = page().projects
    assert listed.get_absolute_url() == project.get_absolute_url()
    assert (listed.title, listed.summary, listed.get_stage_display()) == (
        project.title,
        "Short.",
        "Completed",
    )
    assert listed.theme.name == "Borders"


def test_filters_combine():
    theme = ThemeFactory(slug="borders")
    wanted = ProjectFactory(theme=theme, stage=Stage.PLANNED, title="Wanted")
    ProjectFactory(theme=theme, organization=wanted.organization, title="Other stage")
    ProjectFactory(stage=Stage.PLANNED, organization=wanted.organization, title="Other theme")
    ProjectFactory(theme=theme, stage=Stage.PLANNED, title="Other organization")
    query = f"organization={wanted.organization.slug}&theme=borders&stage=planned"
    listed = page(query)
    assert titles(listed) == ["Wanted"]
    assert listed.filters.selected == {
        "organization": wanted.organization.slug,
        "theme": "borders",
        "stage": "planned",
    }
    assert listed.filters.ignored_fields == []


def test_the_choices_are_the_public_organizations_and_themes_by_name():
    OrganizationFactory(name="Zeta", acronym="", slug="zeta")
    OrganizationFactory(name="Alpha", acronym="AL", slug="alpha")
    OrganizationFactory(name="Draft organization", status=Status.DRAFT)
    ThemeFactory(name="Water", slug="water")
    ThemeFactory(name="Air", slug="air")
    ThemeFactory(name="Draft theme", status=Status.DRAFT)
    organization, theme, stage = page().filters.fields
    assert organization.options == (
        ("", "All organizations"),
        ("alpha", "Alpha (AL)"),
        ("zeta", "Zeta"),
    )
    assert theme.options == (("", "All themes"), ("air", "Air"), ("water", "Water"))
    assert [value for value, _label in stage.options] == ["", *Stage.values]


def test_a_filter_naming_an_unpublished_theme_is_ignored_and_reported():
    ProjectFactory(title="Listed", theme__slug="secret", theme__status=Status.UNPUBLISHED)
    listed = page("theme=secret")
    assert titles(listed) == ["Listed"]
    assert listed.filters.ignored_fields == ["Theme"]
    assert listed.filters.fields[1].value == ""


def make(count: int):
    for n in range(count):
        ProjectFactory(title=f"Project {n:03}")


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("", 1), ("2", 2), ("3", 3), ("abc", 1), ("1e3", 1), ("0", 3), ("-1", 3), ("99999", 3)],
)
def test_page_numbers_behave_as_django_s_paginator(asked, shown):
    make(2 * PAGE_SIZE + 1)
    listed = page(f"page={asked}")
    assert listed.pagination.number == shown
    assert listed.pagination.num_pages == 3 and listed.pagination.count == 2 * PAGE_SIZE + 1
    assert titles(listed)[0] == f"Project {(shown - 1) * PAGE_SIZE:03}"
    assert len(listed.projects) == (1 if shown == 3 else PAGE_SIZE)


def test_an_empty_list_is_one_empty_page():
    listed = page("page=7")
    assert listed.projects == []
    assert (listed.pagination.number, listed.pagination.num_pages) == (1, 1)
    assert not listed.pagination.is_paginated


@pytest.mark.parametrize(
    ("value", "number"),
    [("4", 4), ("", 1), (None, 1), ("x", 1), ("1.5", 1), ("-3", None), ("0", None)],
)
def test_a_page_number_is_a_whole_number_from_one_or_none_for_the_last_page(value, number):
    assert requested_page(value) == number


def test_a_page_number_beyond_any_list_means_the_last_page():
    # Not bound to SQL as a number too large for the database's integers.
    make(1)
    assert requested_page(str(10**30)) is None
    assert titles(page(f"page={10**30}")) == ["Project 000"]
