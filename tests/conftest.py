"""Shared fixtures: the site's own content, loaded the way ``make run`` loads it."""

from pathlib import Path

import pytest
from django.db import connection
from django.db.models import FETCH_RAISE

from cooperation.content_import import import_content
from cooperation.visibility import VisibleContentMixin

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"


def pytest_report_header(config):
    """Say, first thing, which local services the run uses and what it empties."""
    from django.conf import settings

    from .servers import POSTGRES_URL, REDIS_URL

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        where = "SQLite, a test database of its own"
    else:
        where = (
            f"PostgreSQL at {database.get('HOST') or 'the local socket'}:"
            f"{database.get('PORT') or 5432}, database test_{database['NAME']} "
            "(created and dropped by the run)"
        )
    return [
        f"database: {where}",
        f"Redis: {REDIS_URL} (the caching tests empty this database only; "
        "IOMSITE_TEST_REDIS names another)",
        f"PostgreSQL for the scale-out test: {POSTGRES_URL}, in databases iomsite_scratch_* "
        "that it creates and drops (IOMSITE_TEST_POSTGRES names another server)",
    ]


@pytest.fixture
def site_content(db):
    """Everything in fixtures/, imported through the import pipeline."""
    return import_content([FIXTURES_DIR])


@pytest.fixture
def iom_page(client, site_content):
    """The IOM page's HTML as a visitor receives it."""
    response = client.get("/en/organizations/iom/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads stored in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def strict_fetching(monkeypatch):
    """A template that reaches a relation its view did not fetch fails the test, rather than
    running a query of its own (in production Django fetches it for all peers at once)."""
    monkeypatch.setattr(VisibleContentMixin, "fetch_mode", FETCH_RAISE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests log users in constantly; a deliberately slow hasher only slows them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def database_down(transactional_db):
    """Point the connection at nothing; restore it afterwards."""
    if connection.vendor == "sqlite":
        pytest.skip("needs a database server to take down: runs on PostgreSQL (CI's second pass)")
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", "1"

    def restore():
        connection.close()
        settings_dict.clear()
        settings_dict.update(saved)

    yield restore
    restore()


@pytest.fixture
def staff(django_user_model):
    """Clients signed in as ``staff(EDITORS)`` or ``staff(PUBLISHERS)``."""
    from django.contrib.auth.models import Group
    from django.test import Client

    def make(role):
        user = django_user_model.objects.create_user(role.lower(), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        signed_in = Client()
        signed_in.force_login(user)
        return signed_in

    return make
