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

:meth:`PreparedQuery.rows` reads a ``values()`` or ``values_list()`` query's rows as
tuples, without a queryset, for code that builds its own objects (with
:func:`loaded_instance`): the ORM's iterables cost more than the query on a busy page.
:func:`rows_together` reads several such queries in one round trip to PostgreSQL.

Only for querysets without ``prefetch_related()``, and whose SQL depends on nothing but
their parameters (no ``timezone.now()`` or other value computed when the queryset is
built: such a value would be frozen into the compiled SQL).
"""

import copy
import threading
from collections.abc import Callable
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DEFERRED, DateTimeField, Expression, Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.db.models.sql.compiler import SQLCompiler


class Parameter(Expression):
    """A value given when a prepared query runs: ``filter(slug=Parameter("slug", SlugField()))``."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name, self.output_field)]


def now_parameter() -> Parameter:
    """The time a request judges publication by: ``published(at=now_parameter())``."""
    return Parameter("now", DateTimeField())


class _Slot:
    """Where a parameter's value goes in the compiled SQL's parameter list."""

    __slots__ = ("name", "field")

    def __init__(self, name, field):
        self.name, self.field = name, field


class _Compiled:
    """One database's compiled form of a prepared query."""

    def __init__(self, queryset: QuerySet, using: str):
        self.queryset = queryset
        self.compiler: SQLCompiler = queryset.query.get_compiler(using=using)
        # as_sql() also computes what reading the rows needs: select, klass_info, col_count.
        self.sql, self.params = self.compiler.as_sql()
        # Each parameter's field, to bind its value once however often the SQL uses it.
        self.fields = {p.name: p.field for p in self.params if isinstance(p, _Slot)}
        # How each column's values are read (dates from SQLite's text, and so on): fixed by
        # the columns and the database, so worked out once too.
        columns = [column for column, _sql, _alias in self.compiler.select]
        self.converters = self.compiler.get_converters(columns[: self.compiler.col_count])
        # A values() or values_list() query's column names, in the order of its rows.
        query = queryset.query
        self.columns = (*query.extra_select, *query.values_select, *query.annotation_select)

    def bind(self, values: dict, connection) -> tuple:
        """The SQL's parameters, with this run's values in the parameters' places."""
        if missing := self.fields.keys() - values.keys():
            raise TypeError(f"Missing values for parameters: {', '.join(sorted(missing))}")
        bound = {
            name: field.get_db_prep_value(values[name], connection, prepared=False)
            for name, field in self.fields.items()
        }
        return tuple(bound[p.name] if isinstance(p, _Slot) else p for p in self.params)

    def convert(self, rows: list[tuple], connection) -> list[tuple]:
        """Rows with each column's value as the ORM gives it (what results_iter() does)."""
        if self.compiler.has_extra_select:
            rows = [row[: self.compiler.col_count] for row in rows]
        if not self.converters:
            return rows
        converters = [(pos, fns, expression) for pos, (fns, expression) in self.converters.items()]
        converted = []
        for row in rows:
            row = list(row)
            for pos, fns, expression in converters:
                value = row[pos]
                for fn in fns:
                    value = fn(value, expression, connection)
                row[pos] = value
            converted.append(tuple(row))
        return converted


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
        connection = connections[using]
        params = compiled.bind(values, connection)
        template = compiled.queryset
        query = _BoundQuery(compiled, connection, params)
        queryset = QuerySet(template.model, query=query, using=using)
        queryset._iterable_class = template._iterable_class
        queryset._fields = template._fields
        queryset._fetch_mode = template._fetch_mode
        return list(queryset)

    def rows(self, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        """The rows of a ``values()`` or ``values_list()`` query for these parameter values,
        each a tuple of the ORM's values in the order of :meth:`columns`, read straight
        from the cursor: no queryset, no iterable, no dicts."""
        compiled = self.compiled(using)
        connection = connections[using]
        params = compiled.bind(values, connection)
        return compiled.convert(fetch_all(connection, compiled.sql, params), connection)

    def columns(self, using: str = DEFAULT_DB_ALIAS) -> tuple[str, ...]:
        """The names of a ``values()`` or ``values_list()`` query's columns, in row order."""
        return self.compiled(using).columns


def rows_together(
    *runs: tuple[PreparedQuery, dict], using: str = DEFAULT_DB_ALIAS
) -> list[list[tuple]]:
    """What :meth:`PreparedQuery.rows` gives for each ``(query, values)``, the queries sent
    together (see :func:`fetch_together`): a page's reads in one round trip."""
    connection = connections[using]
    compiled = [query.compiled(using) for query, _values in runs]
    statements = [
        (each.sql, each.bind(values, connection))
        for each, (_query, values) in zip(compiled, runs, strict=True)
    ]
    results = fetch_together(connection, statements)
    return [each.convert(rows, connection) for each, rows in zip(compiled, results, strict=True)]


def fetch_all(connection, sql: str, params) -> list[tuple]:
    """Run ``sql`` on ``connection`` (a Django connection) and fetch every row, through a
    database cursor kept for the open connection.

    Django's ``connection.cursor()`` makes a new database cursor, and a wrapper for it,
    each time; a psycopg cursor copies its connection's adapters as it is made. That costs
    more of the app server's work than the query's round trip to PostgreSQL (measured
    with callgrind: 170,000 instructions a query through Django's cursor, 64,000 through a
    kept one). What Django's wrapper does around a query is done here too: the health
    check, the thread check, the broken-transaction check, and wrapping the driver's
    errors in Django's (which also marks the connection for checking when the request
    ends). When queries are being logged (DEBUG, tests that count queries) or an execute
    wrapper is installed, Django's own cursor runs the query, so that they see it.
    """
    return fetch_together(connection, [(sql, params)])[0]


def fetch_together(connection, statements: list[tuple[str, tuple]]) -> list[list[tuple]]:
    """Run each ``(sql, params)`` on ``connection`` and fetch every row of each, as
    :func:`fetch_all` does; on PostgreSQL, all of them in one round trip.

    psycopg's pipeline mode sends the statements together and reads their results
    together. Each round trip costs both processes a wake-up and the kernel's loopback
    work, more than a short statement itself: for the organization page's three
    statements, measured on the benchmark machine, 206 µs of the app server's CPU and
    177 µs of PostgreSQL's one after another, 130 µs and 130 µs in a pipeline. SQLite
    runs in the app server's process and has no round trip to save: there, as when
    queries are logged, they run one after another.
    """
    if connection.queries_logged or connection.execute_wrappers:
        return [_through_django_cursor(connection, sql, params) for sql, params in statements]
    _check(connection)
    with connection.wrap_database_errors:
        if len(statements) > 1 and _pipelines(connection):
            cursors = _kept_cursors(connection, len(statements))
            with connection.connection.pipeline():
                for cursor, (sql, params) in zip(cursors, statements, strict=True):
                    cursor.execute(sql, params)
            return [cursor.fetchall() for cursor in cursors]
        cursor = _kept_cursors(connection, 1)[0]
        results = []
        for sql, params in statements:
            cursor.execute(sql, params)
            results.append(cursor.fetchall())
        return results


def _through_django_cursor(connection, sql, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _check(connection):
    """What Django's cursor wrapper checks before a query."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()


def _pipelines(connection) -> bool:
    """Whether ``connection`` can send statements in a pipeline (psycopg with a libpq that
    has pipeline mode)."""
    return connection.vendor == "postgresql" and _libpq_pipelines()


@cache
def _libpq_pipelines() -> bool:
    from psycopg import Pipeline

    return Pipeline.is_supported()


def _kept_cursors(connection, count: int) -> list:
    """``count`` database cursors kept for ``connection``'s open database connection (a
    pipeline needs one for each statement's result). A new connection — after an outage,
    or once CONN_MAX_AGE has passed — gets new ones; the old ones go with it."""
    database_connection = connection.connection
    kept = getattr(connection, "_prepared_cursors", None)
    if kept is None or kept[0] is not database_connection:
        kept = (database_connection, [])
        connection._prepared_cursors = kept
    cursors = kept[1]
    while len(cursors) < count:
        cursors.append(connection.create_cursor())
    return cursors[:count]


@cache
def attnames(model: type[Model]) -> tuple[str, ...]:
    """The model's columns' attribute names, in the order the ORM loads them."""
    return tuple(field.attname for field in model._meta.concrete_fields)


def loaded_instance(model: type[Model], values: dict, using: str = DEFAULT_DB_ALIAS) -> Model:
    """An instance of ``model`` as the ORM loads it from ``using`` with these fields (by
    attname), the others deferred. Unlike ``model(**values)``, it computes no defaults for
    the fields not read (the timestamps' ``timezone.now()`` once cost a third of the
    organization page's reading time)."""
    if not _plain(model):
        names = attnames(model)
        return model.from_db(using, names, [values.get(name, DEFERRED) for name in names])
    # What from_db() leaves behind, without Model.__init__ visiting every field: the
    # organization page builds some thirty instances a request, and __init__ was a tenth
    # of its cost. A field not in __dict__ is deferred, as with from_db().
    instance = model.__new__(model)
    instance._state = state = ModelState()
    state.adding = False
    state.db = using
    instance.__dict__.update(values)
    return instance


@cache
def _plain(model: type[Model]) -> bool:
    """Whether nothing but Django's own Model.__init__ acts on a new instance of ``model``:
    no __init__ of its own, nothing listening for pre_init or post_init (as an ImageField
    with dimension fields does). Decided once per model: such receivers connect when the
    models and apps load, before the first request."""
    return (
        model.__init__ is Model.__init__
        and not pre_init.has_listeners(model)
        and not post_init.has_listeners(model)
    )
