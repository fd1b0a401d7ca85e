"""Every page type, in every language, shows exactly the text it showed when the snapshot
was taken: a refactoring of how pages read or render changes nothing a visitor reads.

The snapshot (``tests/snapshots/pages.json``) holds each page's title, description and
visible text, rendered from the site's own fixtures with every "last updated" stamp set
to one fixed time. A change that is meant to alter what pages say updates it on purpose:

    IOMSITE_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_page_snapshots.py

and the diff of ``pages.json`` shows, page by page, what a visitor will read differently.
"""

import datetime
import json
import os
import re
from pathlib import Path

import pytest

from cooperation.roles import content_models

from .page_text import visible_text

SNAPSHOT = Path(__file__).parent / "snapshots" / "pages.json"
LANGUAGES = ("en", "ru", "be")
PATHS = (
    "",
    "organizations/",
    "organizations/iom/",
    "projects/",
    "projects/?theme=combating-human-trafficking",
    "projects/?stage=nonsense",
    "projects/technical-assistance-human-trafficking/",
    "missions/",
    "missions/permanent-mission-geneva/",
    "pages/accessibility/",
    "nowhere/",
)
FIXED_TIME = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)


def page_reading(html: str) -> dict:
    """What a visitor (or a search engine) reads of a page."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    return {
        "title": visible_text(title.group(1)) if title else None,
        "description": visible_text(description.group(1)) if description else None,
        "text": visible_text(html),
    }


def read_every_page(client) -> dict:
    for model in content_models():
        model.objects.update(created_at=FIXED_TIME, updated_at=FIXED_TIME)
    readings = {}
    for language in LANGUAGES:
        for path in PATHS:
            url = f"/{language}/{path}"
            response = client.get(url)
            readings[url] = {"status": response.status_code, **page_reading(response.text)}
    return readings


@pytest.mark.django_db
def test_every_page_reads_as_in_the_snapshot(client, settings, site_content):
    settings.PAGE_CACHE_SECONDS = 0
    readings = read_every_page(client)
    if os.environ.get("IOMSITE_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(readings, ensure_ascii=False, indent=1) + "\n")
    expected = json.loads(SNAPSHOT.read_text())
    assert readings.keys() == expected.keys()
    for url, reading in readings.items():
        assert reading == expected[url], url
