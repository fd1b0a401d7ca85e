"""The SQLite backend: Django's, with each SQL text's placeholders rewritten once."""

import pytest
from django.db import connection, connections

from iomsite.sqlite_backend.base import _qmark_style

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the SQLite backend: runs on SQLite (CI's first pass)"
    ),
]


def test_sqlite_urls_select_this_backend():
    assert type(connections["default"]).__module__ == "iomsite.sqlite_backend.base"


def test_placeholders_and_literal_percent_signs_mean_what_they_mean_in_django():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s, '100%%', %s", [1, "%s"])
        assert cursor.fetchone() == (1, "100%", "%s")


def test_a_text_run_again_is_not_rewritten_again():
    sql = "SELECT %s + 1 AS once_only"
    before = _qmark_style.cache_info()
    with connection.cursor() as cursor:
        cursor.execute(sql, [1])
        cursor.execute(sql, [2])
        assert cursor.fetchone() == (3,)
    after = _qmark_style.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 1


def test_named_parameters_still_work():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %(a)s || %(b)s", {"a": "x", "b": "y"})
        assert cursor.fetchone() == ("xy",)
