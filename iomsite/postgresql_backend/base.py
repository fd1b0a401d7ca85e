"""Django's PostgreSQL backend, with two costs of every request taken out.

**The health check.** With ``CONN_HEALTH_CHECKS``, Django sends ``SELECT 1`` before a kept
connection's first query in each request: a round trip per page. A server that ends a
connection — restarted, or the backend terminated — first sends the client a message or
closes the socket, so an idle connection whose socket has nothing to read has not been
ended by the server. Only when something is waiting on the socket (or the connection is not
idle) is Django's ``SELECT 1`` check run. A server that vanishes without a word is not
detected by ``SELECT 1`` either, short of a timeout; the request's error then closes the
connection (Django's ``close_if_unusable_or_obsolete``).

**Parsing long statements.** psycopg converts a statement's ``%s`` placeholders once and
remembers it — but only for statements up to 4,096 bytes, and the organization page's two
queries are a little longer. The limit is raised so that they are converted once per
process, like every other statement; psycopg's cache stays bounded (128 statements).

Everything else is Django's backend; ``settings.py`` selects this one for every PostgreSQL
``DATABASE_URL``.
"""

import select

from django.db.backends.postgresql import base
from psycopg import _queries
from psycopg.pq import ConnStatus, TransactionStatus

# The longest statement whose conversion psycopg remembers (its default: 4,096 bytes).
_queries.MAX_CACHED_STATEMENT_LENGTH = max(_queries.MAX_CACHED_STATEMENT_LENGTH, 16_384)


def quiet(connection) -> bool:
    """True if the psycopg ``connection`` is open, idle, and nothing waits on its socket."""
    if connection.closed or connection.broken:
        return False
    if connection.info.status != ConnStatus.OK:
        return False
    if connection.info.transaction_status != TransactionStatus.IDLE:
        return False
    try:
        readable, _, _ = select.select([connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and quiet(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
