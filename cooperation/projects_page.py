"""What the projects list shows, for the public: its filters and a page of projects, in two
prepared queries.

One query reads the filters' choices (the published organizations and themes); the other
reads one page of the filtered projects together with how many there are in all (window
functions), so the page needs no separate count. Both are
:class:`~cooperation.prepared.PreparedQuery` objects built from the visibility rules
(``cooperation.visibility``); the projects query is compiled once for each combination of
filters in use (eight at most).

Page numbers behave as Django's ``Paginator.get_page()``: one that is not a whole number
shows the first page, one past the end or below 1 the last.
"""

from dataclasses import dataclass
from functools import cache

from django.db.models import CharField, Count, IntegerField, SlugField, TextField, Value, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from .models import Organization, Project, Theme
from .prepared import Parameter, PreparedQuery, loaded_instance, now_parameter
from .project_filters import ProjectFilters
from .visibility import public_organizations, public_projects

PAGE_SIZE = 20
# Beyond any real list: larger numbers mean "past the end" (and stay within SQL integers).
LAST_POSSIBLE_PAGE = 10**9
# The order of the list; the primary key last, so that equal titles keep their pages.
ORDER = ("title", "id")


def _choices():
    """The filters' choices as (slug, name, acronym, kind) rows: the organizations, then
    the themes, each by name."""
    now, text = now_parameter(), TextField()
    organizations = public_organizations(at=now).values(
        "slug", "name", "acronym", kind=Value("organization", output_field=text)
    )
    themes = Theme.objects.published(at=now).values(
        "slug",
        "name",
        acronym=Value("", output_field=text),
        kind=Value("theme", output_field=text),
    )
    # "organization" sorts before "theme".
    return organizations.order_by().union(themes.order_by(), all=True).order_by("kind", "name")


_CHOICES = PreparedQuery(_choices)

# Each filter: the project's field it compares, and that field's type.
FILTERS = {
    "organization": ("organization__slug", SlugField()),
    "theme": ("theme__slug", SlugField()),
    "stage": ("stage", CharField()),
}
# What a card shows (see cards.html's project_card): the project's fields, its theme's name.
OWN_COLUMNS = ("id", "slug", "title", "summary", "stage")
COLUMNS = (*OWN_COLUMNS, "theme__name")


@cache
def _page_query(filtered_by: tuple[str, ...]) -> PreparedQuery:
    """The query for one page of projects filtered by the fields named in ``filtered_by``."""

    def build():
        projects = public_projects(at=now_parameter())
        for name in filtered_by:
            field, output_field = FILTERS[name]
            projects = projects.filter(**{field: Parameter(name, output_field)})
        return (
            projects.annotate(
                position=Window(RowNumber(), order_by=ORDER),
                total=Window(Count("*")),
            )
            .filter(
                position__gt=Parameter("after", IntegerField()),
                position__lte=Parameter("until", IntegerField()),
            )
            .order_by(*ORDER)
            .values_list(*COLUMNS, "total")
        )

    return PreparedQuery(build)


@dataclass(frozen=True)
class Pagination:
    """Which page of how many: what the template's page links need."""

    number: int
    count: int  # projects in all

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def is_paginated(self) -> bool:
        return self.num_pages > 1


@dataclass
class ProjectsPage:
    filters: ProjectFilters
    projects: list[Project]
    pagination: Pagination


def requested_page(value) -> int | None:
    """The page number ``value`` asks for: 1 if it is not a whole number, None (the last
    page) if it is below 1 or beyond any list."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= LAST_POSSIBLE_PAGE else None


def _read_page(query: PreparedQuery, values: dict, number: int) -> tuple[list[Project], int]:
    """The projects of page ``number`` and how many projects there are in all (0 when the
    page is past the end: the count comes with the rows)."""
    start = (number - 1) * PAGE_SIZE
    rows = query.rows(**values, after=start, until=start + PAGE_SIZE)
    projects = []
    for *fields, theme_name, _total in rows:
        project = loaded_instance(Project, dict(zip(OWN_COLUMNS, fields, strict=True)))
        theme = loaded_instance(Theme, {"name": theme_name})
        Project._meta.get_field("theme").set_cached_value(project, theme)
        projects.append(project)
    return projects, rows[0][-1] if rows else 0


def public_projects_page(query) -> ProjectsPage:
    """The projects list for the request's GET ``query``: filters, page number."""
    now = timezone.now()
    organizations, themes = [], []
    for slug, name, acronym, kind in _CHOICES.rows(now=now):
        if kind == "organization":
            organizations.append((slug, Organization.display_name(name, acronym)))
        else:
            themes.append((slug, name))
    filters = ProjectFilters(query, organizations, themes)

    page_query = _page_query(tuple(sorted(filters.selected)))
    values = {"now": now, **filters.selected}
    number = requested_page(query.get("page"))
    if number is not None:
        projects, count = _read_page(page_query, values, number)
    if number is None or (not projects and number > 1):
        # Past the end, or below 1: the last page, as Django's paginator shows it. The
        # first page says how many there are.
        projects, count = _read_page(page_query, values, 1)
        number = Pagination(1, count).num_pages
        if number > 1:
            projects = _read_page(page_query, values, number)[0]
    return ProjectsPage(filters, projects, Pagination(number, count))
