"""Django's SQLite backend, with each distinct SQL text's placeholders rewritten once.

Django writes SQL with ``%s`` placeholders, and its SQLite backend rewrites them to
SQLite's ``?`` with a regular expression on every execution: for the organization page's
UNION that took as long as SQLite took to run the query. The rewrite depends on the text
alone, and the public pages run the same few texts on every request, so it is remembered,
in a bounded cache. Everything else is Django's backend, unchanged; ``settings.py``
selects this one for every SQLite ``DATABASE_URL``.
"""

from functools import lru_cache

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=1024)
def _qmark_style(query: str) -> str:
    # What base.SQLiteCursorWrapper.convert_query does for "format" style parameters.
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark_style(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
