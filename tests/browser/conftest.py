"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium the tests are skipped and the run says so; with
IOMSITE_REQUIRE_BROWSER=1 (set by CI) a missing Chromium fails the run instead.
On failure each test leaves a screenshot and the page's HTML under test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest

from cooperation.content_import import import_content

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("IOMSITE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this use — one thread, one request at a time — is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if not browser_items or CHROMIUM.exists():
        return
    if os.environ.get("IOMSITE_REQUIRE_BROWSER"):
        raise pytest.UsageError(
            f"Chromium is required (IOMSITE_REQUIRE_BROWSER is set) but {CHROMIUM} is missing."
        )
    skip = pytest.mark.skip(
        reason=f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM.exists():
        terminalreporter.write_line(
            f"NOTE: the browser suite was skipped: Chromium is not installed at {CHROMIUM}.",
            yellow=True,
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the site's own content loaded."""
    import_content([ROOT / "fixtures"])
    return live_server.url


def _open_page(browser, request, **context_options):
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    page = context.new_page()
    return context, page


def _save_artifacts(request, page):
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
    (folder / "page.html").write_text(page.content(), encoding="utf-8")


@pytest.fixture
def new_page(browser, request):
    """Opens pages with given context options (viewport, JavaScript); saves artifacts on failure."""
    opened = []

    def open_page(**context_options):
        context, page = _open_page(browser, request, **context_options)
        opened.append((context, page))
        return page

    yield open_page
    for context, page in opened:
        _save_artifacts(request, page)
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
