"""Each public page runs a fixed number of queries, however much content it shows.

Every page is measured twice: with a little content and with ten times as much.
The counts are pinned, and must be the same at both sizes.
"""

import pytest

from .factories import (
    CooperationFactory,
    DiplomaticMissionFactory,
    FocusAreaFactory,
    FrameworkFactory,
    InstitutionFactory,
    MilestoneFactory,
    ProjectFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def build_site(scale):
    """An organization with ``scale`` times the content of every kind, and its neighbours."""
    cooperation = CooperationFactory(
        organization__slug="org", coordinating_body=InstitutionFactory()
    )
    organization = cooperation.organization
    organization.frameworks.set(FrameworkFactory.create_batch(2 * scale))
    cooperation.priority_themes.set(ThemeFactory.create_batch(2 * scale))
    FocusAreaFactory.create_batch(4 * scale, organization=organization)
    MilestoneFactory.create_batch(10 * scale, organization=organization)
    partners = InstitutionFactory.create_batch(scale)
    for project in ProjectFactory.create_batch(3 * scale, organization=organization):
        project.partners.set(partners)
    ProjectFactory(organization=organization, slug="project").partners.set(partners)
    for mission in DiplomaticMissionFactory.create_batch(3 * scale):
        mission.organizations.add(organization)
    DiplomaticMissionFactory(slug="mission").organizations.add(organization)
    InstitutionFactory.create_batch(
        scale, website="https://example.org/", in_missions_selector=True
    )
    CooperationFactory.create_batch(scale)  # other organizations, for the lists


# url: queries, each count including the one query of the footer's missions selector.
PAGES = {
    # introduction, organizations; the latest events' keys, then their milestones with their
    # organizations
    "/en/": 5,
    "/en/organizations/": 2,  # organizations
    # the organization with its cooperation and coordinating body; focus areas, frameworks,
    # milestones, priority themes, projects with their themes, missions
    "/en/organizations/org/": 8,
    "/en/projects/": 5,  # the filters' organizations and themes; the count; a page of projects
    "/en/projects/?organization=org&stage=ongoing": 5,  # the same, filtered in the database
    "/en/projects/project/": 3,  # project with organization and theme; partners
    "/en/missions/": 2,
    "/en/missions/mission/": 3,  # mission; organizations covered
}


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=PAGES.keys())
def test_page_query_count_is_fixed(
    client, django_assert_num_queries, settings, scale, url, queries
):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself, not the page cache
    build_site(scale)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
