"""Every public page: status, template, content, page structure, and bad input."""

import re

import pytest

from cooperation.models import Status

from .factories import (
    CooperationFactory,
    DiplomaticMissionFactory,
    InstitutionFactory,
    MilestoneFactory,
    OrganizationFactory,
    ProjectFactory,
    ThemeFactory,
)
from .page_text import main_text

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": ("/en/", "cooperation/home.html"),
    "organization list": ("/en/organizations/", "cooperation/organization_list.html"),
    "organization": ("/en/organizations/iom/", "cooperation/organization_detail.html"),
    "project list": ("/en/projects/", "cooperation/project_list.html"),
    "project": (
        "/en/projects/technical-assistance-human-trafficking/",
        "cooperation/project_detail.html",
    ),
    "mission list": ("/en/missions/", "cooperation/mission_list.html"),
    "mission": ("/en/missions/permanent-mission-geneva/", "cooperation/mission_detail.html"),
}


@pytest.mark.parametrize(("url", "template"), PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_renders_with_its_template(client, site_content, url, template):
    response = client.get(url)
    assert response.status_code == 200
    assert template in response.template_name


@pytest.mark.parametrize("url", [u for u, _ in PUBLIC_PAGES.values()] + ["/en/nowhere/"])
def test_every_page_has_the_accessible_structure(client, site_content, url):
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert len(re.findall(r"<h1\b", html)) == 1
    assert re.search(r"<title>[^<]+ — Belarus and International Organizations</title>", html)
    assert re.search(r'<meta name="description" content="[^"]+">', html)
    assert re.search(r'<body>\s*<a class="skip-link" href="#main">', html)
    assert '<main id="main"' in html
    assert 'name="viewport"' in html


@pytest.mark.parametrize("url", [u for u, _ in PUBLIC_PAGES.values()][1:])
def test_inner_pages_have_breadcrumbs_back_to_home(client, site_content, url):
    html = client.get(url).content.decode()
    assert re.search(
        r'<nav class="breadcrumbs" aria-label="Breadcrumb">\s*<ol>\s*<li><a href="/en/">Home</a>',
        html,
    )
    assert 'aria-current="page"' in html


def test_the_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_pages_are_served_in_russian_and_belarusian_with_their_lang(client, site_content):
    for code in ("ru", "be"):
        html = client.get(f"/{code}/organizations/iom/").content.decode()
        assert f'<html lang="{code}">' in html


def test_the_language_links_point_at_the_same_page(client, site_content):
    html = client.get("/en/organizations/iom/").content.decode()
    assert 'href="/ru/organizations/iom/" lang="ru"' in html
    assert 'href="/be/organizations/iom/" lang="be"' in html


def test_home_lists_organizations_and_latest_milestones(client, site_content):
    text = main_text(client.get("/en/").content.decode())
    assert "International Organization for Migration (IOM)" in text
    assert "2009 IOM senior officials visit Belarus" in text


# Publishing: the public sees only published content --------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
def test_an_unpublished_organization_is_a_404(client, status):
    organization = OrganizationFactory(status=status)
    assert client.get(organization.get_absolute_url()).status_code == 404


def test_an_unpublished_project_is_a_404_and_not_listed(client):
    project = ProjectFactory(status=Status.DRAFT)
    assert client.get(project.get_absolute_url()).status_code == 404
    assert project.title not in client.get("/en/projects/").content.decode()


def test_a_project_of_an_unpublished_organization_is_hidden(client):
    project = ProjectFactory(organization=OrganizationFactory(status=Status.DRAFT))
    assert client.get(project.get_absolute_url()).status_code == 404


def test_draft_milestones_and_unpublished_cooperation_stay_off_the_page(client):
    cooperation = CooperationFactory()
    MilestoneFactory(
        organization=cooperation.organization, title="Secret visit", status=Status.DRAFT
    )
    MilestoneFactory(organization=cooperation.organization, title="Public visit")
    html = client.get(cooperation.organization.get_absolute_url()).content.decode()
    assert "Public visit" in html and "Secret visit" not in html

    cooperation.status = Status.UNPUBLISHED
    cooperation.save()
    html = client.get(cooperation.organization.get_absolute_url()).content.decode()
    assert "Public visit" not in html
    assert "Public visit" not in client.get("/en/").content.decode()


def test_an_unpublished_mission_is_a_404_and_not_in_the_selector(client):
    mission = DiplomaticMissionFactory(status=Status.DRAFT, name="Hidden embassy")
    assert client.get(mission.get_absolute_url()).status_code == 404
    assert "Hidden embassy" not in client.get("/en/").content.decode()


# Projects filters and pagination --------------------------------------------------------


def test_projects_filter_by_organization_theme_and_stage(client):
    theme = ThemeFactory(slug="borders")
    wanted = ProjectFactory(theme=theme, stage="completed", title="Wanted project")
    ProjectFactory(theme=theme, stage="ongoing", title="Ongoing project")
    ProjectFactory(stage="completed", title="Other theme project")
    url = f"/en/projects/?organization={wanted.organization.slug}&theme=borders&stage=completed"
    text = main_text(client.get(url).content.decode())
    assert "Wanted project" in text
    assert "Ongoing project" not in text and "Other theme project" not in text
    assert "1 project" in text


@pytest.mark.parametrize(
    "query",
    [
        "theme=no-such-theme",
        "organization=%ff%fe",  # not UTF-8 (control characters are a 400: test_hostile_input)
        "stage=abandoned",
        "stage=<script>&stage=planned",
        "organization[]=x",
        "page=abc",
        "page=-1",
        "page=99999",
        "page=1e3",
        "theme=" + "x" * 5000,
    ],
)
def test_malformed_filters_and_pages_show_a_page_not_an_error(client, query):
    ProjectFactory(title="Listed project")
    response = client.get(f"/en/projects/?{query}", follow=True)
    assert response.status_code == 200
    assert "Listed project" in response.content.decode()


def test_an_unknown_filter_value_is_dropped_by_a_redirect_to_the_list(client):
    ProjectFactory(title="Listed project")
    response = client.get("/en/projects/?theme=no-such-theme")
    assert (response.status_code, response["Location"]) == (301, "/en/projects/")
    assert "Listed project" in client.get(response["Location"]).text


def test_projects_are_paginated_and_filters_survive_paging(client):
    theme = ThemeFactory(slug="many")
    ProjectFactory.create_batch(25, theme=theme)
    html = client.get("/en/projects/?theme=many").content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?theme=many&amp;page=2"' in html
    assert "Page 2 of 2" in client.get("/en/projects/?theme=many&page=2").content.decode()


# Missions and the "Go to" selector -------------------------------------------------------


def test_the_mission_directory_groups_missions_by_kind(client, site_content):
    text = main_text(client.get("/en/missions/").content.decode())
    permanent, embassies = text.index("Permanent missions"), text.index("Embassies")
    assert permanent < text.index("in Geneva Geneva, Switzerland") < embassies
    assert embassies < text.index("Embassy of the Republic of Belarus in Germany Berlin")


def test_go_to_a_mission_redirects_to_its_page(client, site_content):
    response = client.get("/en/missions/go/?to=mission:permanent-mission-geneva")
    assert response.status_code == 302
    assert response["Location"] == "/en/missions/permanent-mission-geneva/"


def test_go_to_the_foreign_ministry_redirects_to_its_website(client, site_content):
    response = client.get("/en/missions/go/?to=institution:ministry-of-foreign-affairs")
    assert response["Location"] == "https://mfa.gov.by/"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "to=",
        "to=all",
        "to=mission:no-such-mission",
        "to=https://evil.example/",
        "to=//evil.example",
        "to=mission:../../admin",
        "to=institution:ministry-of-internal-affairs",  # not offered in the selector
        "next=https://evil.example/",
    ],
)
def test_go_to_anything_else_returns_to_the_directory(client, site_content, query):
    response = client.get(f"/en/missions/go/?{query}")
    assert response.status_code == 302
    assert response["Location"] == "/en/missions/"


def test_go_to_does_not_redirect_to_an_unpublished_institution(client):
    InstitutionFactory(
        slug="gone", website="https://gone.example/", in_missions_selector=True, status="draft"
    )
    assert client.get("/en/missions/go/?to=institution:gone")["Location"] == "/en/missions/"


# Errors and health -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/organizations/no-such-organization/",
        "/en/projects/no-such-project/",
        "/en/missions/no-such-mission/",
        "/en/pages/home/",
        "/en/organizations/%E2%80%AE/",
        "/en/organizations/../../etc/passwd",
        "/xx/organizations/",
    ],
)
def test_unknown_addresses_get_the_friendly_404_page(client, site_content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_the_sitemap_lists_the_iom_page_in_every_language(client, site_content):
    xml = client.get("/sitemap.xml").content.decode()
    for code in ("en", "ru", "be"):
        assert f"/{code}/organizations/iom/</loc>" in xml
