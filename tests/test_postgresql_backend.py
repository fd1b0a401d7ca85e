"""The PostgreSQL backend: Django's, with a health check that costs no round trip while the
connection is quiet, and long statements' placeholders converted once."""

import select
import tempfile

import psycopg
import pytest
from django.db import connection, connections
from psycopg import _queries

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the PostgreSQL backend: runs on PostgreSQL (CI's second pass)",
    ),
]


def as_a_new_request_starts():
    """What Django does when a request starts: a kept connection is due a health check."""
    connection.close_if_unusable_or_obsolete()


def server_side_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int):
    """End the connection's server process from another connection, as an outage would,
    and wait until the server's message has reached the client's socket."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    select.select([connection.connection.fileno()], [], [], 5)


@pytest.fixture
def kept_connection(transactional_db):
    """A persistent, health-checked connection outside a test transaction, as in production."""
    saved = connection.health_check_enabled
    connection.ensure_connection()
    connection.health_check_enabled = True
    yield connection
    connection.health_check_enabled = saved


def test_postgresql_urls_select_this_backend():
    assert type(connections["default"]).__module__ == "iomsite.postgresql_backend.base"


def test_a_quiet_connection_is_reused_without_a_select_1(kept_connection):
    # libpq's trace of the client-server messages shows every statement sent.
    with tempfile.TemporaryFile("w+") as trace:
        kept_connection.connection.pgconn.trace(trace.fileno())
        try:
            as_a_new_request_starts()
            with kept_connection.cursor() as cursor:
                cursor.execute("SELECT 2")
        finally:
            kept_connection.connection.pgconn.untrace()
        trace.seek(0)
        # Lines of messages the client sent ("F", for frontend) and what they carried.
        sent = [line for line in trace.read().splitlines() if "\tF\t" in line]
    assert any('"SELECT 2"' in line for line in sent)
    assert not any('"SELECT 1"' in line for line in sent)


def test_a_connection_the_server_ended_is_replaced_before_the_next_query(kept_connection):
    first = server_side_pid()
    terminate(first)
    as_a_new_request_starts()
    second = server_side_pid()  # no error: the ended connection was noticed and replaced
    assert second != first


def test_a_busy_connection_gets_django_s_check(kept_connection):
    # Inside a transaction the connection is not idle: Django's SELECT 1 decides.
    from iomsite.postgresql_backend.base import quiet

    with kept_connection.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            assert not quiet(kept_connection.connection)
        finally:
            cursor.execute("ROLLBACK")
    assert quiet(kept_connection.connection)


@pytest.mark.django_db
def test_a_long_statement_is_converted_once():
    # Longer than psycopg's own limit of 4,096 bytes, like the organization page's queries.
    padding = ", ".join(f"%s AS c{i}" for i in range(5))
    sql = f"SELECT {padding} /* {'x' * 4200} */"
    before = _queries._query2pg.cache_info()
    with connection.cursor() as cursor:
        for n in range(3):
            cursor.execute(sql, [n] * 5)
        assert cursor.fetchone() == (2,) * 5
    after = _queries._query2pg.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 2
