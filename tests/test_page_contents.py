"""What each public page holds: exactly what ``published()`` lets through, in each model's
order, and for a staff preview everything — the same view code over a wider queryset."""

import datetime

import pytest
from django.utils import timezone

from cooperation.models import (
    DiplomaticMission,
    FocusArea,
    Framework,
    Milestone,
    Page,
    Project,
    Stage,
    Status,
    Theme,
)
from cooperation.views import LATEST_MILESTONES, PROJECTS_PER_PAGE
from cooperation.visibility import public_milestones, public_organizations, public_projects

from .factories import (
    CooperationFactory,
    DiplomaticMissionFactory,
    FocusAreaFactory,
    FrameworkFactory,
    InstitutionFactory,
    MilestoneFactory,
    OrganizationFactory,
    PageFactory,
    ProjectFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def build_mixed_organization():
    """A published organization whose every kind of related content is partly hidden."""
    hidden = {"status": Status.DRAFT}
    later = {"publish_at": timezone.now() + datetime.timedelta(days=1)}
    cooperation = CooperationFactory(coordinating_body=InstitutionFactory(**hidden))
    organization = cooperation.organization
    for extra in ({}, hidden, later):
        FocusAreaFactory(organization=organization, **extra)
        MilestoneFactory(organization=organization, **extra)
        ProjectFactory(organization=organization, **extra)
        organization.frameworks.add(FrameworkFactory(**extra))
        cooperation.priority_themes.add(ThemeFactory(**extra))
        DiplomaticMissionFactory(**extra).organizations.add(organization)
    return organization, cooperation


def organization_context(client, organization, query=""):
    response = client.get(organization.get_absolute_url() + query)
    assert response.status_code == 200
    context = response.context_data
    return {key: list(value) if key.endswith("s") else value for key, value in context.items()}


def test_the_organization_page_holds_exactly_what_is_published(client):
    organization, cooperation = build_mixed_organization()
    page = organization_context(client, organization)

    def published(queryset):
        return list(queryset.published())

    assert page["organization"] == organization
    assert page["cooperation"] == cooperation
    assert page["coordinating_body"] is None  # a draft institution
    assert page["focus_areas"] == published(FocusArea.objects.filter(organization=organization))
    assert page["milestones"] == published(Milestone.objects.filter(organization=organization))
    assert page["projects"] == published(Project.objects.filter(organization=organization))
    assert page["frameworks"] == published(Framework.objects.filter(organizations=organization))
    assert page["priority_themes"] == published(Theme.objects.filter(priority_in=cooperation))
    assert page["missions"] == published(
        DiplomaticMission.objects.filter(organizations=organization)
    )
    assert len(page["milestones"]) == 1


def test_a_preview_of_the_organization_page_holds_everything(admin_client):
    organization, cooperation = build_mixed_organization()
    page = organization_context(admin_client, organization, "?preview")
    assert page["preview"] is True
    assert page["coordinating_body"] == cooperation.coordinating_body
    for name in ("focus_areas", "milestones", "projects", "frameworks", "missions"):
        assert len(page[name]) == 3, name
    assert len(page["priority_themes"]) == 3


def test_an_unpublished_cooperation_hides_its_timeline_and_themes(client):
    organization, cooperation = build_mixed_organization()
    cooperation.status = Status.DRAFT
    cooperation.save()
    page = organization_context(client, organization)
    assert page["cooperation"] is None
    assert page["milestones"] == []
    assert page["priority_themes"] == []


def test_the_home_page_holds_what_the_public_may_see_newest_milestones_first(client):
    build_mixed_organization()  # published, draft and scheduled milestones
    hidden = CooperationFactory(organization__status=Status.DRAFT)
    MilestoneFactory(organization=hidden.organization, date=datetime.date(2100, 1, 1))
    introduction = PageFactory(slug=Page.HOME)
    home = client.get("/en/").context_data
    assert home["introduction"] == introduction
    assert list(home["organizations"]) == list(public_organizations())
    # Every milestone here has a title of its own: each is an entry of the latest events.
    assert [event.milestones for event in home["latest_events"]] == [
        [milestone] for milestone in public_milestones().order_by("-date", "title_en")
    ][:LATEST_MILESTONES]
    assert hidden.organization not in home["organizations"]


def test_the_home_page_without_a_published_introduction_has_none(client):
    PageFactory(slug=Page.HOME, status=Status.DRAFT)
    assert client.get("/en/").context_data["introduction"] is None


# The projects list ---------------------------------------------------------------------


def projects_page(client, query=""):
    """The list as a visitor ends up seeing it, after any redirect to its canonical address."""
    response = client.get(f"/en/projects/?{query}", follow=True)
    assert response.status_code == 200
    page = response.context_data
    page["address"] = response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]
    return page


def titles(page) -> list[str]:
    return [project.title for project in page["projects"]]


def test_the_projects_list_holds_exactly_what_is_public_by_title(client):
    later = timezone.now() + datetime.timedelta(days=1)
    ProjectFactory(title="B")
    ProjectFactory(title="A")
    ProjectFactory(title="Draft", status=Status.DRAFT)
    ProjectFactory(title="Scheduled", publish_at=later)
    ProjectFactory(title="Hidden organization", organization__status=Status.DRAFT)
    page = projects_page(client)
    assert titles(page) == list(public_projects().values_list("title_en", flat=True)) == ["A", "B"]
    assert page["paginator"].count == 2


def test_project_filters_combine(client):
    theme = ThemeFactory(slug="borders")
    wanted = ProjectFactory(theme=theme, stage=Stage.PLANNED, title="Wanted")
    ProjectFactory(theme=theme, organization=wanted.organization, title="Other stage")
    ProjectFactory(stage=Stage.PLANNED, organization=wanted.organization, title="Other theme")
    ProjectFactory(theme=theme, stage=Stage.PLANNED, title="Other organization")
    page = projects_page(
        client, f"organization={wanted.organization.slug}&theme=borders&stage=planned"
    )
    assert titles(page) == ["Wanted"]
    assert page["filters"].selected == {
        "organization": wanted.organization.slug,
        "theme": "borders",
        "stage": "planned",
    }
    assert page["address"] == (
        f"/en/projects/?organization={wanted.organization.slug}&theme=borders&stage=planned"
    )


def test_the_filters_offer_the_public_organizations_and_themes_by_name(client):
    OrganizationFactory(name="Zeta", acronym="", slug="zeta")
    OrganizationFactory(name="Alpha", acronym="AL", slug="alpha")
    OrganizationFactory(name="Draft organization", status=Status.DRAFT)
    ThemeFactory(name="Water", slug="water")
    ThemeFactory(name="Air", slug="air")
    ThemeFactory(name="Draft theme", status=Status.DRAFT)
    form = projects_page(client)["filters"]
    choices = {name: [(v, str(label)) for v, label in f.choices] for name, f in form.fields.items()}
    assert choices["organization"] == [
        ("", "All organizations"),
        ("alpha", "Alpha (AL)"),
        ("zeta", "Zeta"),
    ]
    assert choices["theme"] == [("", "All themes"), ("air", "Air"), ("water", "Water")]
    assert [value for value, _label in choices["stage"]] == ["", *Stage.values]


def test_a_filter_naming_an_unpublished_theme_is_dropped_from_the_address(client):
    ProjectFactory(title="Listed", theme__slug="secret", theme__status=Status.UNPUBLISHED)
    response = client.get("/en/projects/?theme=secret&stage=ongoing")
    assert response.status_code == 301
    assert response["Location"] == "/en/projects/?stage=ongoing"
    page = projects_page(client, "theme=secret")
    assert titles(page) == ["Listed"]
    assert page["filters"].value_of("theme") == ""


def make_projects(count: int):
    for n in range(count):
        ProjectFactory(title=f"Project {n:03}")


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("", 1), ("2", 2), ("3", 3), ("abc", 1), ("1e3", 1), ("0", 3), ("-1", 3), ("99999", 3)],
)
def test_page_numbers_outside_the_list_show_the_first_or_last_page(client, asked, shown):
    make_projects(2 * PROJECTS_PER_PAGE + 1)
    page = projects_page(client, f"page={asked}")
    assert page["page_obj"].number == shown
    assert page["address"] == ("/en/projects/?" + (f"page={shown}" if shown > 1 else ""))
    assert page["paginator"].num_pages == 3
    assert titles(page)[0] == f"Project {(shown - 1) * PROJECTS_PER_PAGE:03}"
    assert len(page["projects"]) == (1 if shown == 3 else PROJECTS_PER_PAGE)


def test_a_page_number_beyond_any_integer_shows_the_last_page(client):
    make_projects(1)
    assert titles(projects_page(client, f"page={10**30}")) == ["Project 000"]


def test_an_empty_list_is_one_empty_page(client):
    page = projects_page(client, "page=7")
    assert list(page["projects"]) == []
    assert (page["page_obj"].number, page["paginator"].num_pages) == (1, 1)
    assert not page["is_paginated"]


def test_projects_with_the_same_title_keep_their_pages(client):
    for _ in range(PROJECTS_PER_PAGE + 1):
        ProjectFactory(title="Same title")
    first = [p.pk for p in projects_page(client, "page=1")["projects"]]
    second = [p.pk for p in projects_page(client, "page=2")["projects"]]
    assert len(set(first + second)) == PROJECTS_PER_PAGE + 1
