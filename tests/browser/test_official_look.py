"""The finished layout: the footer at the foot of a short page, a compact header on phones,
breadcrumbs that wrap cleanly, the header's search form, wide screens used, and print."""

import pytest

from .pages import PAGE_TYPES

JAVASCRIPT = {"with JavaScript": True, "without JavaScript": False}
WITH_BREADCRUMBS = {name: path for name, path in PAGE_TYPES.items() if path != "/en/"}

# Breadcrumb items that start a line of their own, and whether each begins with its text
# (its first child's left edge at the item's left edge) rather than with a separator.
BREADCRUMB_LINES = """() => {
  const items = [...document.querySelectorAll('.breadcrumbs li')];
  const lineStart = Math.min(...items.map(li => li.getBoundingClientRect().left));
  return items
    .filter(li => Math.abs(li.getBoundingClientRect().left - lineStart) < 1)
    .map(li => ({
      text: li.innerText,
      startsWithText:
        Math.abs(li.firstElementChild.getBoundingClientRect().left
                 - li.getBoundingClientRect().left) < 1,
    }));
}"""


def top(page, selector):
    return page.evaluate(
        "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
    )


# The footer --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["organization list", "not found"])
def test_the_footer_sits_at_the_bottom_of_a_short_page(site, new_page, name):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(site + PAGE_TYPES[name])
    bottom = page.evaluate("document.querySelector('.site-footer').getBoundingClientRect().bottom")
    assert page.evaluate("document.documentElement.scrollHeight") == 800  # a short page
    assert bottom == pytest.approx(800, abs=1)


# Phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_on_a_phone_the_heading_starts_within_260_px_of_the_top(site, new_page, path):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(site + path)
    assert top(page, "h1") <= 260


def test_on_a_phone_the_languages_and_the_search_share_a_row(site, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(site + PAGE_TYPES["home"])
    assert top(page, ".site-search") == pytest.approx(top(page, ".languages"), abs=8)


def test_no_breadcrumb_line_starts_with_a_separator(site, new_page):
    page = new_page(viewport={"width": 320, "height": 800})
    wrapped = []
    for name, path in WITH_BREADCRUMBS.items():
        page.goto(site + path)
        lines = page.evaluate(BREADCRUMB_LINES)
        assert all(line["startsWithText"] for line in lines), (name, lines)
        wrapped += lines[1:]
    assert wrapped, "no page's breadcrumbs wrapped at 320 px: nothing was checked"


# The search form ---------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", JAVASCRIPT.values(), ids=JAVASCRIPT.keys())
def test_the_header_search_form_leads_to_the_search_page(site, new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(site + PAGE_TYPES["mission"])
    search = page.get_by_role("search")
    search.get_by_label("Search the site").fill("migration")
    search.get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/search/?q=migration")


# Wide screens ------------------------------------------------------------------------------


def test_on_a_wide_screen_on_this_page_is_a_sticky_column_beside_the_text(site, new_page):
    page = new_page(viewport={"width": 1024, "height": 800})
    page.goto(site + PAGE_TYPES["organization"])
    contents = page.locator("nav.contents").bounding_box()
    facts = page.locator("#facts").bounding_box()
    assert contents["x"] >= facts["x"] + facts["width"]
    page.locator("#projects").scroll_into_view_if_needed()
    assert 0 <= page.locator("nav.contents").bounding_box()["y"] <= 32


def test_on_a_phone_on_this_page_comes_before_the_text(site, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(site + PAGE_TYPES["organization"])
    contents = page.locator("nav.contents").bounding_box()
    facts = page.locator("#facts").bounding_box()
    assert contents["y"] + contents["height"] <= facts["y"]


def test_on_a_wide_screen_cards_stand_side_by_side(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(site + PAGE_TYPES["project list"])
    cards = [box["y"] for box in (c.bounding_box() for c in page.locator(".card").all())]
    assert len(cards) >= 2 and len(set(cards)) < len(cards)


# Print -------------------------------------------------------------------------------------

STYLE = "([s, pseudo, property]) => getComputedStyle(document.querySelector(s), pseudo)[property]"


def printed(site, page):
    page.goto(site + PAGE_TYPES["organization"])
    page.emulate_media(media="print")
    return lambda selector, property, pseudo=None: page.evaluate(
        STYLE, [selector, pseudo, property]
    )


def test_printed_headings_stay_with_the_text_that_follows(site, page):
    style = printed(site, page)
    assert style("main h2", "breakAfter") == "avoid"
    assert style(".timeline__item", "breakInside") == "avoid"
    assert style(".card", "breakInside") == "avoid"


def test_printed_links_show_their_addresses_but_anchors_do_not(site, page):
    style = printed(site, page)
    assert style(".site-publisher a", "content", "::after") == '" (https://mfa.gov.by/)"'
    address = style(".card__title a", "content", "::after")
    assert address == '" (/en/projects/international-training-centre/)"'
    assert style("nav.contents a[href^='#']", "content", "::after") == "none"
    assert style(".skip-link", "content", "::after") == "none"
    assert style(".site-title", "content", "::after") == "none"  # the site's name is enough


def test_the_printout_names_the_site_and_the_ministry_without_navigation(site, page):
    printed(site, page)
    assert page.locator(".site-title__name").is_visible()
    assert page.locator(".site-publisher").inner_text() == (
        "Ministry of Foreign Affairs of the Republic of Belarus"
    )
    assert page.locator(".site-publisher").is_visible()
    for hidden in (".main-nav", ".site-search", ".languages", ".missions-selector"):
        assert not page.locator(hidden).is_visible(), hidden
