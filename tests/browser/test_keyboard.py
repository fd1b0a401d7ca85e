"""Keyboard only: the skip link comes first and works; every control is reached in order, with
a visible focus indicator."""

import pytest

from .pages import PAGE_TYPES

FOCUSABLE = ", ".join(
    [
        "a[href]",
        "button:not([disabled])",
        "select:not([disabled])",
        "input:not([disabled]):not([type=hidden])",
    ]
)

FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return outline || shadow;
}"""


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(site, page):
    page.goto(site + PAGE_TYPES["organization"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    [PAGE_TYPES[name] for name in ("home", "organization", "project list", "mission")],
    ids=["home", "organization", "project list", "mission"],
)
def test_tab_reaches_every_control_in_document_order_with_visible_focus(site, page, path):
    page.goto(site + path)
    expected = page.evaluate(
        f"""() => [...document.querySelectorAll('{FOCUSABLE}')]
            .filter(el => el.getClientRects().length > 0 || el.classList.contains('skip-link'))
            .map((el, i) => {{ el.dataset.tabIndexCheck = i; return String(i); }})"""
    )
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.dataset.tabIndexCheck || null"))
        assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on control {reached[-1]}"
    assert reached == expected
