"""axe-core on every public page type and on the admin pages an editor uses: no WCAG 2.0, 2.1
or 2.2 A/AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import PAGE_TYPES, in_language

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


# Best practices beyond WCAG's letter that screen-reader users rely on.
STRUCTURE_OPTIONS = {
    "runOnly": {
        "type": "rule",
        "values": [
            "heading-order",
            "page-has-heading-one",
            "landmark-one-main",
            "landmark-unique",
            "region",
            "skip-link",
        ],
    },
    "resultTypes": ["violations"],
}


def violations(page, options=AXE_OPTIONS):
    results = Axe().run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_public_page_has_no_wcag_violations(site, new_page, path, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(site + path)
    assert violations(page) == []


@pytest.mark.parametrize("language", ["ru", "be"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_russian_and_belarusian_pages_have_no_wcag_violations(site, page, path, language):
    # The same pages in the other languages: longer words, the language marks (lang="en"
    # on English standing in for a translation) and the translated labels.
    page.goto(site + in_language(path, language))
    assert page.locator("html").get_attribute("lang") == language
    if "q=" in path and "nothing" not in path:
        assert page.locator(".search-result").count() > 0  # the results, not "nothing matched"
    assert violations(page) == []


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_public_page_has_headings_in_order_and_landmarks(site, page, path):
    page.goto(site + path)
    assert violations(page, STRUCTURE_OPTIONS) == []


@pytest.fixture
def editor_session(site, page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-passphrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")
    return page


ADMIN_PAGES = {
    "dashboard": "/admin/",
    "organizations": "/admin/cooperation/organization/",
    "organization": None,  # the IOM's change page, found by the test
    "milestones": "/admin/cooperation/milestone/",
    "content import": "/admin/cooperation/contentimport/add/",
}


def test_admin_login_page_has_no_wcag_violations(site, page):
    page.goto(site + "/admin/login/")
    assert violations(page) == []


@pytest.mark.parametrize("name", ADMIN_PAGES, ids=ADMIN_PAGES.keys())
def test_admin_page_an_editor_uses_has_no_wcag_violations(site, editor_session, name):
    page = editor_session
    if ADMIN_PAGES[name]:
        page.goto(site + ADMIN_PAGES[name])
    else:
        page.goto(site + "/admin/cooperation/organization/")
        page.get_by_role("link", name="International Organization for Migration").click()
        page.wait_for_url("**/change/")
    assert violations(page) == []
