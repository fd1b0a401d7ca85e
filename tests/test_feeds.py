"""The Atom feeds: milestones and recent updates, site-wide and per organization, in each
language, holding only what the public may see."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from cooperation.models import Status

from .factories import (
    CooperationFactory,
    DiplomaticMissionFactory,
    FocusAreaFactory,
    FrameworkFactory,
    MilestoneFactory,
    OrganizationFactory,
    PageFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEEDS = ["/{lang}/feeds/milestones/", "/{lang}/feeds/updates/"]
IOM_FEEDS = [
    "/{lang}/organizations/iom/feeds/milestones/",
    "/{lang}/organizations/iom/feeds/updates/",
]


def atom(client, url):
    """The feed at ``url``, parsed."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in entries(feed)]


def link(element, rel="alternate"):
    return next(
        node.get("href")
        for node in element.findall(f"{ATOM}link")
        if node.get("rel", "alternate") == rel
    )


@pytest.mark.parametrize("template", FEEDS + IOM_FEEDS)
@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_every_feed_is_atom_in_its_language_with_absolute_links(
    client, site_content, template, language
):
    url = template.format(lang=language)
    feed = atom(client, url)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == language
    assert link(feed, "self") == f"http://testserver{url}"
    assert link(feed).startswith(f"http://testserver/{language}/")
    assert feed.findtext(f"{ATOM}id") == f"http://testserver{url}"
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert entries(feed)
    for entry in entries(feed):
        assert link(entry).startswith(f"http://testserver/{language}/")
        assert entry.findtext(f"{ATOM}id").startswith("tag:testserver,")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}title")


def test_the_milestones_feed_is_the_public_milestones_latest_first(client, site_content):
    feed = atom(client, "/en/feeds/milestones/")
    assert titles(feed)[0] == "IOM senior officials visit Belarus"
    assert "Belarus begins to participate in the IOM activities" in titles(feed)
    first = entries(feed)[0]
    assert link(first) == "http://testserver/en/organizations/iom/#timeline"


def test_a_milestone_entry_shows_its_date_as_the_site_does_and_its_description(
    client, site_content
):
    feed = atom(client, "/en/feeds/milestones/")
    membership = next(
        entry
        for entry in entries(feed)
        if entry.findtext(f"{ATOM}title").startswith("Belarus becomes a member")
    )
    summary = membership.findtext(f"{ATOM}summary")
    assert '<time datetime="2005-11-29">29 November 2005</time>' in summary
    assert "During the 90th session of the IOM Council." in summary


def test_the_russian_feed_has_russian_titles_and_dates(client, site_content):
    feed = atom(client, "/ru/feeds/milestones/")
    membership = next(
        entry for entry in entries(feed) if "2005-11-29" in (entry.findtext(f"{ATOM}summary") or "")
    )
    assert membership.findtext(f"{ATOM}title").startswith("Беларусь")
    assert "29 ноября 2005" in membership.findtext(f"{ATOM}summary")
    assert membership.get(XML_LANG) is None


def test_an_entry_in_english_for_want_of_a_translation_is_marked_english(client):
    organization = CooperationFactory().organization
    MilestoneFactory(organization=organization, title="Only in English")
    feed = atom(client, "/ru/feeds/milestones/")
    (entry,) = entries(feed)
    assert entry.findtext(f"{ATOM}title") == "Only in English"
    assert entry.get(XML_LANG) == "en"


def test_entry_ids_are_stable_and_differ_between_languages(client, site_content):
    english = [e.findtext(f"{ATOM}id") for e in entries(atom(client, "/en/feeds/updates/"))]
    again = [e.findtext(f"{ATOM}id") for e in entries(atom(client, "/en/feeds/updates/"))]
    russian = [e.findtext(f"{ATOM}id") for e in entries(atom(client, "/ru/feeds/updates/"))]
    assert english == again
    assert len(set(english)) == len(english)
    assert not set(english) & set(russian)


def published_site():
    """An organization with one published item of every kind, and a mission and a page."""
    cooperation = CooperationFactory(organization__slug="org", organization__name="Org")
    organization = cooperation.organization
    organization.frameworks.add(FrameworkFactory(name="A framework"))
    FocusAreaFactory(organization=organization, name="an area")
    MilestoneFactory(organization=organization, title="A milestone")
    ProjectFactory(organization=organization, title="A project")
    DiplomaticMissionFactory(name="A mission")
    PageFactory(title="A page")
    return organization


def test_the_updates_feed_holds_every_public_kind(client):
    published_site()
    found = titles(atom(client, "/en/feeds/updates/"))
    for title in ["Org (ORG", "Belarus and ORG", "A milestone", "an area", "A framework"]:
        assert any(title in found_title for found_title in found), (title, found)
    for title in ["A project", "A mission", "A page"]:
        assert title in found


def test_the_updates_feed_is_the_most_recently_updated_first(client):
    organization = published_site()
    project = organization.projects.get()
    project.save()  # updated now
    feed = atom(client, "/en/feeds/updates/")
    assert titles(feed)[0] == "A project"
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries(feed)]
    assert updated == sorted(updated, reverse=True)


def test_a_scheduled_item_is_news_when_it_goes_live_not_when_it_was_saved(client):
    organization = published_site()
    MilestoneFactory(organization=organization, title="Saved this week, live at once")
    page = PageFactory(title="Scheduled last week, live now")
    type(page).objects.filter(pk=page.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=7), publish_at=timezone.now()
    )
    feed = atom(client, "/en/feeds/updates/")
    assert titles(feed)[0] == "Scheduled last week, live now"
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries(feed)]
    assert updated == sorted(updated, reverse=True)


def test_the_updates_feed_is_limited(client):
    organization = published_site()
    MilestoneFactory.create_batch(40, organization=organization)
    assert len(entries(atom(client, "/en/feeds/updates/"))) == 30


def test_unpublished_items_and_the_items_of_unpublished_organizations_stay_out(client):
    published_site()
    hidden = CooperationFactory(
        organization__slug="hidden", organization__status=Status.DRAFT
    ).organization
    MilestoneFactory(organization=hidden, title="Milestone of a hidden organization")
    ProjectFactory(organization=hidden, title="Project of a hidden organization")
    FocusAreaFactory(organization=hidden, name="area of a hidden organization")
    hidden.frameworks.add(FrameworkFactory(name="Framework only a hidden one works under"))
    MilestoneFactory(
        organization=CooperationFactory().organization,
        title="Draft milestone",
        status=Status.DRAFT,
    )
    ProjectFactory(title="Scheduled project", publish_at=timezone.now() + datetime.timedelta(1))
    DiplomaticMissionFactory(name="Unpublished mission", status=Status.UNPUBLISHED)
    shown = " ".join(
        titles(atom(client, "/en/feeds/updates/")) + titles(atom(client, "/en/feeds/milestones/"))
    )
    assert "A milestone" in shown
    for title in [
        "hidden",
        "Draft milestone",
        "Scheduled project",
        "Unpublished mission",
        "Framework only a hidden one",
    ]:
        assert title not in shown


def test_milestones_of_an_unpublished_cooperation_stay_out(client):
    cooperation = CooperationFactory(status=Status.IN_REVIEW)
    MilestoneFactory(organization=cooperation.organization, title="Behind the cooperation")
    assert "Behind the cooperation" not in titles(atom(client, "/en/feeds/milestones/"))
    assert "Behind the cooperation" not in titles(atom(client, "/en/feeds/updates/"))


def test_an_organizations_updates_feed_holds_its_own_items_only(client):
    organization = published_site()
    other = CooperationFactory(organization__slug="other").organization
    MilestoneFactory(organization=other, title="Another organization's milestone")
    feed = atom(client, "/en/organizations/org/feeds/updates/")
    found = titles(feed)
    assert any(title.startswith("Org (ORG") for title in found)
    for title in ["A milestone", "an area", "A framework", "A project"]:
        assert title in found
    for title in ["Another organization's milestone", "A mission", "A page"]:
        assert title not in found
    assert link(feed) == "http://testserver" + organization.get_absolute_url()


def test_an_organizations_milestone_feed_holds_its_milestones_only(client):
    published_site()
    other = CooperationFactory(organization__slug="other").organization
    MilestoneFactory(organization=other, title="Another organization's milestone")
    assert titles(atom(client, "/en/organizations/org/feeds/milestones/")) == ["A milestone"]


@pytest.mark.parametrize("kind", ["milestones", "updates"])
def test_the_feed_of_an_unknown_or_unpublished_organization_is_a_404(client, kind):
    OrganizationFactory(slug="draft", status=Status.DRAFT)
    assert client.get(f"/en/organizations/nowhere/feeds/{kind}/").status_code == 404
    assert client.get(f"/en/organizations/draft/feeds/{kind}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # milestones; the publisher
        ("/en/feeds/milestones/", 2),
        # organizations, cooperation, milestones, focus areas, frameworks, projects, missions,
        # pages; the publisher
        ("/en/feeds/updates/", 9),
        # the organization; then as above without missions and pages
        ("/en/organizations/org/feeds/milestones/", 3),
        ("/en/organizations/org/feeds/updates/", 8),
    ],
)
@pytest.mark.parametrize("scale", [1, 5])
def test_a_feed_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, settings, url, queries, scale
):
    settings.PAGE_CACHE_SECONDS = 0  # the feed itself, not the page cache
    organization = published_site()
    MilestoneFactory.create_batch(3 * scale, organization=organization)
    ProjectFactory.create_batch(3 * scale, organization=organization)
    FocusAreaFactory.create_batch(3 * scale, organization=organization)
    organization.frameworks.add(*FrameworkFactory.create_batch(3 * scale))
    for other in CooperationFactory.create_batch(scale):
        other.organization.frameworks.add(*organization.frameworks.all())
    DiplomaticMissionFactory.create_batch(3 * scale)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_a_made_up_query_on_a_feed_is_redirected_to_the_feed(client, db):
    response = client.get("/en/feeds/updates/?utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == "/en/feeds/updates/"


def test_every_page_links_the_site_wide_feeds_in_its_language(client, site_content):
    page = client.get("/ru/missions/").content.decode()
    assert 'type="application/atom+xml"' in page
    assert 'href="/ru/feeds/milestones/"' in page
    assert 'href="/ru/feeds/updates/"' in page


def test_an_organizations_page_links_its_own_feeds(client, site_content):
    page = client.get("/en/organizations/iom/").content.decode()
    assert 'href="/en/organizations/iom/feeds/milestones/"' in page
    assert 'href="/en/organizations/iom/feeds/updates/"' in page
    assert 'title="Milestones of cooperation with IOM"' in page
    assert "/organizations/iom/feeds/" not in client.get("/en/missions/").content.decode()
