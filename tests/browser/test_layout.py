"""Every page type at a small phone's, a phone's and a desktop's width: no sideways scrolling,
nothing cut off."""

import pytest

from .pages import PAGE_TYPES

WIDTHS = {"small phone": 320, "phone": 375, "desktop": 1280}

# Elements whose right edge passes the viewport, ignoring ones hidden on purpose.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      if (el.closest('.visually-hidden, .skip-link')) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && (box.right > width + 1 || box.left < -1);
    })
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_fits_the_width_without_sideways_scrolling(site, new_page, path, width):
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OVERFLOWING) == []


def test_text_reflows_at_400_percent_zoom(site, new_page):
    # 1280 px at 400% zoom is a 320 px wide viewport (WCAG 1.4.10 Reflow).
    page = new_page(viewport={"width": 320, "height": 256})
    page.goto(site + PAGE_TYPES["organization"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate(OVERFLOWING) == []


def test_the_not_found_page_is_a_real_404(site, page):
    response = page.goto(site + PAGE_TYPES["not found"])
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"


def test_print_hides_navigation_and_keeps_the_content(site, page):
    page.goto(site + PAGE_TYPES["organization"])
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("main h1").is_visible()
