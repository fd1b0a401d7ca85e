"""The official look: the header and footer name whose site this is from the content, the
header's search form on every page, and recurring milestones shown once with every year."""

import re

import pytest

from cooperation.models import Institution, Milestone, Status
from cooperation.models.dates import machine_precise_date

from .factories import CooperationFactory, MilestoneFactory
from .page_text import main_text, visible_text

pytestmark = pytest.mark.django_db

MINISTRY = "Ministry of Foreign Affairs of the Republic of Belarus"
VISIT = "IOM senior officials visit Belarus"
VISIT_YEARS = ["2004", "2005", "2007", "2008", "2009"]

PAGES = [
    "/en/",
    "/en/organizations/",
    "/en/organizations/iom/",
    "/en/projects/",
    "/en/projects/international-training-centre/",
    "/en/missions/",
    "/en/missions/permanent-mission-geneva/",
    "/en/pages/accessibility/",
    "/en/organizations/no-such-organization/",
]


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0  # each request renders the content as it is now


def part(html, tag, css_class):
    match = re.search(rf'<{tag} class="{css_class}"[^>]*>.*?</{tag}>', html, re.S)
    assert match, f"no <{tag} class={css_class}>"
    return match.group(0)


def header(client, url="/en/"):
    return part(client.get(url).content.decode(), "header", "site-header")


def footer(client, url="/en/"):
    return part(client.get(url).content.decode(), "footer", "site-footer")


def test_the_header_names_the_ministry_linked_to_its_website(client, site_content):
    assert f'<a href="https://mfa.gov.by/" rel="noopener noreferrer">{MINISTRY}</a>' in header(
        client
    )


def test_the_header_takes_the_ministrys_name_from_the_content(client, site_content):
    Institution.objects.filter(publishes_site=True).update(name_en="Ministry of Test Affairs")
    text = visible_text(header(client))
    assert "Ministry of Test Affairs" in text and MINISTRY not in text


def test_the_header_names_the_ministry_in_the_pages_language(client, site_content):
    ministry = Institution.objects.get(publishes_site=True)
    assert ministry.name_ru in visible_text(header(client, "/ru/"))


def test_a_ministry_without_a_website_is_named_without_a_link(client, site_content):
    Institution.objects.filter(publishes_site=True).update(website="", in_missions_selector=False)
    html = header(client)
    assert f"<span>{MINISTRY}</span>" in html and "mfa.gov.by" not in html


def test_the_header_drops_the_ministry_when_it_is_unpublished(client, site_content):
    Institution.objects.filter(publishes_site=True).update(status=Status.UNPUBLISHED)
    text = visible_text(header(client))
    assert MINISTRY not in text
    assert "Republic of Belarus Belarus and International Organizations" in text


def test_the_footer_links_the_ministrys_website(client, site_content):
    html = footer(client)
    assert re.search(r'<a href="https://mfa.gov.by/"[^>]*>' + MINISTRY + "</a>", html)
    assert f"Published by {MINISTRY}" in visible_text(html)


def test_the_footer_links_the_accessibility_statement(client, site_content):
    assert '<a href="/en/pages/accessibility/">Accessibility statement</a>' in footer(client)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_search_form_in_its_header(client, site_content, url):
    html = header(client, url)
    form = re.search(r"<form [^>]*role=\"search\"[^>]*>.*?</form>", html, re.S)
    assert form, "no search form in the header"
    form = form.group(0)
    assert 'action="/en/search/"' in form and 'method="get"' in form
    assert re.search(r'<label [^>]*for="site-search-q"[^>]*>Search the site</label>', form)
    assert re.search(r'<input type="search" id="site-search-q" name="q"', form)
    assert re.search(r'<button type="submit">Search</button>', form)


def test_the_search_form_searches_in_the_pages_language(client, site_content):
    assert 'action="/ru/search/"' in part(header(client, "/ru/"), "form", "site-search")


# Recurring milestones ---------------------------------------------------------------------


def test_the_home_page_shows_a_recurring_milestone_once_with_every_year(client, site_content):
    text = main_text(client.get("/en/").content.decode()).replace(" ,", ",")
    assert text.count(VISIT) == 1
    assert f"{', '.join(VISIT_YEARS)} {VISIT}" in text


def test_the_home_page_still_lists_five_entries_newest_first(client, site_content):
    html = client.get("/en/").content.decode()
    entries = re.findall(r'<li class="timeline__item">.*?</li>', html, re.S)
    firsts = [re.search(r'<time datetime="(\d{4})', entry).group(1) for entry in entries]
    lasts = [re.findall(r'<time datetime="(\d{4})', entry)[-1] for entry in entries]
    assert len(entries) == 5
    assert lasts == sorted(lasts, reverse=True)  # by each entry's latest date
    assert firsts[0] == "2004" and lasts[0] == "2009"


def test_the_timeline_keeps_every_year_of_a_recurring_milestone(iom_page):
    timeline = re.search(r'<section id="timeline".*?</section>', iom_page, re.S).group(0)
    assert visible_text(timeline).count(VISIT) == 1
    entries = re.findall(r'<li class="timeline__item">.*?</li>', timeline, re.S)
    entry = next(entry for entry in entries if VISIT in entry)
    assert re.findall(r'<time datetime="(\d{4})">', entry) == VISIT_YEARS


def test_the_timeline_keeps_every_milestone_and_orders_entries_by_first_date(iom_page):
    timeline = re.search(r'<section id="timeline".*?</section>', iom_page, re.S).group(0)
    milestones = Milestone.objects.published().filter(organization__slug="iom")
    assert sorted(re.findall(r'<time datetime="([\d-]+)">', timeline)) == sorted(
        machine_precise_date(m.date, m.date_precision) for m in milestones
    )
    entries = re.findall(r'<li class="timeline__item">.*?</li>', timeline, re.S)
    firsts = [re.search(r'<time datetime="([\d-]+)">', entry).group(1) for entry in entries]
    assert len(entries) < milestones.count()
    assert firsts == sorted(firsts)


def test_milestones_with_the_same_title_but_other_descriptions_stay_apart(client):
    cooperation = CooperationFactory()
    for description in ("In Minsk.", "In Brest."):
        MilestoneFactory(
            organization=cooperation.organization, title="Working visit", description=description
        )
    html = client.get(cooperation.organization.get_absolute_url()).content.decode()
    assert html.count("Working visit") == 2


def test_a_milestone_untranslated_joins_its_translated_twins_only_by_shown_title(client):
    # In Russian, one visit is translated and one is not: their shown titles differ.
    cooperation = CooperationFactory()
    MilestoneFactory(organization=cooperation.organization, title_en="Visit", title_ru="Визит")
    MilestoneFactory(organization=cooperation.organization, title_en="Visit", title_ru="")
    english = main_text(client.get("/en/").content.decode())
    russian = main_text(client.get("/ru/").content.decode())
    assert english.count("Visit") == 1
    assert russian.count("Визит") == 1 and russian.count("Visit") == 1


# The missions directory -------------------------------------------------------------------


def test_the_missions_directory_does_not_repeat_the_country_its_names_give(client, site_content):
    html = client.get("/en/missions/").content.decode()
    rows = {
        visible_text(name): visible_text(place)
        for name, place in re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td></tr>", html)
    }
    assert rows["Embassy of the Republic of Belarus in Austria"] == "Vienna"
    assert (
        rows[
            "Permanent Mission of the Republic of Belarus to the United Nations Office and other "
            "International Organizations in Geneva"
        ]
        == "Geneva, Switzerland"
    )
