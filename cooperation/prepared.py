"""Querysets compiled to SQL once per process, then run with each request's values.

On the machines this site runs on, building a queryset and compiling it to SQL costs the
ORM 0.3 to 1 ms of Python per query, while SQLite or PostgreSQL answer the query itself in
tens of microseconds. The public pages run the same few queries on every request,
differing only in a slug, an id and the current time. So each such query is written once
with the ORM — the ``published()`` rule, joins, ordering, ``select_related`` — with
:class:`Parameter` where a request's value goes, compiled once per database, and run as
that SQL with the request's values. Rows come back exactly as the queryset would return
them (model instances, dicts or tuples), through Django's own iterables.

    milestones = PreparedQuery(
        lambda: Milestone.objects.published(at=Parameter("now", DateTimeField()))
        .filter(organization_id=Parameter("organization", IntegerField()))
    )
    milestones.run(now=timezone.now(), organization=org.pk)

Only for querysets without ``prefetch_related()``, and whose SQL depends on nothing but
their parameters (no ``timezone.now()`` or other value computed when the queryset is
built: such a value would be frozen into the compiled SQL).
"""

import copy
import threading
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression, QuerySet
from django.db.models.sql.compiler import SQLCompiler


class Parameter(Expression):
    """A value given when a prepared query runs: ``filter(slug=Parameter("slug", SlugField()))``."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name, self.output_field)]


class _Slot:
    """Where a parameter's value goes in the compiled SQL's parameter list."""

    __slots__ = ("name", "field")

    def __init__(self, name, field):
        self.name, self.field = name, field

    def bind(self, values, connection):
        return self.field.get_db_prep_value(values[self.name], connection, prepared=False)


class _Compiled:
    """One database's compiled form of a prepared query."""

    def __init__(self, queryset: QuerySet, using: str):
        self.queryset = queryset
        self.compiler: SQLCompiler = queryset.query.get_compiler(using=using)
        # as_sql() also computes what reading the rows needs: select, klass_info, col_count.
        self.sql, self.params = self.compiler.as_sql()
        self.names = {p.name for p in self.params if isinstance(p, _Slot)}
        # How each column's values are read (dates from SQLite's text, and so on): fixed by
        # the columns and the database, so worked out once too.
        columns = [column for column, _sql, _alias in self.compiler.select]
        self.converters = self.compiler.get_converters(columns[: self.compiler.col_count])


class _BoundQuery:
    """The compiled query with one run's values: what Django's iterables ask of a query."""

    def __init__(self, compiled: _Compiled, connection, params):
        self._query = compiled.queryset.query
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        compiler.get_converters = lambda expressions: compiled.converters
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class PreparedQuery:
    """A queryset (from ``build``) compiled on first use for each database, then reused."""

    def __init__(self, build: Callable[[], QuerySet]):
        self.build = build
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def compiled(self, using: str) -> _Compiled:
        try:
            return self._compiled[using]
        except KeyError:
            with self._lock:
                if using not in self._compiled:
                    self._compiled[using] = _Compiled(self.build(), using)
                return self._compiled[using]

    def run(self, using: str = DEFAULT_DB_ALIAS, **values) -> list:
        """The rows for these parameter values, as the queryset would return them."""
        compiled = self.compiled(using)
        if missing := compiled.names - values.keys():
            raise TypeError(f"Missing values for parameters: {', '.join(sorted(missing))}")
        connection = connections[using]
        params = tuple(
            p.bind(values, connection) if isinstance(p, _Slot) else p for p in compiled.params
        )
        template = compiled.queryset
        query = _BoundQuery(compiled, connection, params)
        queryset = QuerySet(template.model, query=query, using=using)
        queryset._iterable_class = template._iterable_class
        queryset._fields = template._fields
        queryset._fetch_mode = template._fetch_mode
        return list(queryset)
