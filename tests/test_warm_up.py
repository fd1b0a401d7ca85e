"""The master's warm-up: every kind of public page rendered once before workers fork."""

import logging

import pytest
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.template import engines
from jinja2 import Environment

from iomsite.warm_up import LISTINGS, warm_up

# warm_up() closes the database connections, which a test transaction cannot survive.
pytestmark = pytest.mark.django_db(transaction=True)

CONTENT_KINDS = 4  # organizations, projects, missions, text pages


@pytest.fixture
def application():
    """Django's WSGI application. Made before the test runs: making it sets up logging
    again, which would take pytest's log capture away."""
    return get_wsgi_application()


@pytest.fixture
def cold_templates():
    """No compiled public-page template in this process, as in a new master."""
    engines["jinja2"]._environments.clear()


def test_each_kind_of_page_is_rendered_in_each_language(application, site_content):
    statuses = warm_up(application)

    assert set(statuses.values()) == {"200 OK"}
    assert len(statuses) == len(settings.LANGUAGES) * (len(LISTINGS) + CONTENT_KINDS)
    for code, _name in settings.LANGUAGES:
        assert f"/{code}/" in statuses
        assert any(
            path.startswith(f"/{code}/organizations/") and path.count("/") == 4 for path in statuses
        )


def test_after_it_a_page_compiles_no_template(
    application, client, site_content, cold_templates, monkeypatch
):
    warm_up(application)
    compiled = []
    compile_template = Environment.compile
    monkeypatch.setattr(
        Environment,
        "compile",
        lambda self, *args, **kwargs: (
            compiled.append(args) or compile_template(self, *args, **kwargs)
        ),
    )

    for code, _name in settings.LANGUAGES:
        assert client.get(f"/{code}/organizations/iom/").status_code == 200
        assert client.get(f"/{code}/projects/").status_code == 200

    assert compiled == []


def test_it_neither_reads_nor_fills_the_page_cache(application, client, site_content, settings):
    settings.PAGE_CACHE_SECONDS = 600

    warm_up(application)

    assert settings.PAGE_CACHE_SECONDS == 600
    assert client.get("/en/organizations/iom/")["X-Cache"] == "miss"
    assert client.get("/en/organizations/iom/")["X-Cache"] == "hit"


def test_it_leaves_no_database_connection_open(application, site_content):
    if connection.vendor == "sqlite":
        pytest.skip("Django never closes an in-memory SQLite database: runs on PostgreSQL")
    warm_up(application)

    assert connection.connection is None


def test_with_the_database_down_it_logs_and_lets_the_server_start(
    application, database_down, caplog
):
    with caplog.at_level(logging.INFO, "iomsite.warm_up"):
        statuses = warm_up(application)

    assert statuses == {}
    assert "Warm-up stopped" in caplog.text
    assert "0 of 0 pages rendered" in caplog.text
