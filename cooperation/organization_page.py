"""What an organization's page shows: for the public in prepared queries sent together, for a
preview from the ORM.

The organization page is the site's busiest and richest page; its public reads are
:class:`~cooperation.prepared.PreparedQuery` objects — the same querysets the ORM would
run, compiled once per process — so that rendering it uncached stays cheap. A preview
(staff only, never cached) reads through the ORM, drafts and working copies included.
Both give the template the same :class:`OrganizationPage`.
"""

from dataclasses import dataclass, field
from functools import cache

from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    DateField,
    F,
    IntegerField,
    SlugField,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from . import site_chrome
from .models import (
    Cooperation,
    DiplomaticMission,
    FocusArea,
    Framework,
    Institution,
    Milestone,
    Organization,
    Project,
    Theme,
)
from .prepared import (
    Parameter,
    PreparedQuery,
    attnames,
    loaded_instance,
    now_parameter,
    rows_together,
)


@dataclass
class OrganizationPage:
    organization: Organization
    cooperation: Cooperation | None = None
    coordinating_body: Institution | None = None
    focus_areas: list[FocusArea] = field(default_factory=list)
    frameworks: list[Framework] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    priority_themes: list[Theme] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    missions: list[DiplomaticMission] = field(default_factory=list)
    # What every page's footer lists, read with the page (None: read when the footer is).
    chrome: site_chrome.SiteChrome | None = None


# The organization, its cooperation and the cooperation's coordinating body in one row:
# each model's columns in turn, all None for a cooperation or a body there is not.
_ORGANIZATION_PARTS = (
    (Organization, ""),
    (Cooperation, "cooperation__"),
    (Institution, "cooperation__coordinating_body__"),
)

_ORGANIZATION = PreparedQuery(
    lambda: (
        Organization.objects.published(at=now_parameter())
        .filter(slug=Parameter("slug", SlugField()))
        .values_list(
            *(prefix + name for model, prefix in _ORGANIZATION_PARTS for name in attnames(model))
        )
    )
)


# The page's six lists, read as one UNION ALL: each database round trip costs more than the
# rows it brings (about 0.4 ms to PostgreSQL on the benchmark machine). Every branch has the
# same columns, each named ``row_`` and: ``kind``; ``n``, ``d``, ``k1`` and ``k2``, which sort
# the rows as each model's ``Meta.ordering`` does (in the database, so with its collation);
# ``t1``..``t5``, what the page shows. Unused columns are NULL.
COLUMNS = {
    "n": IntegerField(),
    "d": DateField(),
    **dict.fromkeys(("k1", "k2", "t1", "t2", "t3", "t4", "t5"), TextField()),
}
# kind: (model, its path to the organization, {column: field shown}); one table for both
# the query and the instances built from its rows. The rows are found by the organization's
# slug, so that this query need not wait for the organization's.
KINDS = {
    "focus_area": (
        FocusArea,
        "organization",
        {"n": "order", "k1": "name", "t1": "description"},
    ),
    "framework": (
        Framework,
        "organizations",
        {"k1": "name", "t1": "website", "t2": "description"},
    ),
    "milestone": (
        Milestone,
        "organization",
        {"d": "date", "k1": "title", "t1": "date_precision", "t2": "description"},
    ),
    "theme": (Theme, "priority_in__organization", {"k1": "name", "t1": "slug"}),
    "project": (
        Project,
        "organization",
        {
            "k1": "title",
            "t1": "slug",
            "t2": "summary",
            "t3": "stage",
            "t4": "theme__name",
            "t5": "theme__slug",
        },
    ),
    "mission": (DiplomaticMission, "organizations", {"k1": "country", "k2": "name", "t1": "slug"}),
}


def _related_rows():
    now, slug = now_parameter(), Parameter("slug", SlugField())

    def branch(kind, model, link, shown):
        columns = {
            f"row_{column}": F(shown[column])
            if column in shown
            # Typed: PostgreSQL types a UNION's columns branch by branch, and two untyped
            # NULLs would make a column text before a date arrives.
            else Cast(Value(None), output_field=output_field)
            for column, output_field in COLUMNS.items()
        }
        return (
            model.objects.published(at=now)
            .filter(**{f"{link}__slug": slug})
            .order_by()
            .values("id", row_kind=Value(kind, output_field=TextField()), **columns)
        )

    first, *others = (branch(kind, *spec) for kind, spec in KINDS.items())
    return first.union(*others, all=True).order_by("row_kind", "row_n", "row_d", "row_k1", "row_k2")


_RELATED = PreparedQuery(_related_rows)


def _organization_parts(row) -> list:
    """The organization, cooperation and coordinating body of an _ORGANIZATION row, each
    as the ORM loads it (or None), related to each other as select_related() relates them."""
    parts, start = [], 0
    for model, _prefix in _ORGANIZATION_PARTS:
        names = attnames(model)
        values = row[start : start + len(names)]
        start += len(names)
        pk = values[names.index(model._meta.pk.attname)]
        parts.append(None if pk is None else model.from_db(DEFAULT_DB_ALIAS, names, values))
    organization, cooperation, body = parts
    Organization._meta.get_field("cooperation").set_cached_value(organization, cooperation)
    if cooperation is not None:
        Cooperation._meta.get_field("organization").set_cached_value(cooperation, organization)
        Cooperation._meta.get_field("coordinating_body").set_cached_value(cooperation, body)
    return parts


@cache
def _row_reader(columns: tuple[str, ...]):
    """For each kind, (model, {attname: position in a row}, {relation: {attname: position}})."""
    position = {name: i for i, name in enumerate(columns)}
    readers = {}
    for kind, (model, _link, shown) in KINDS.items():
        own, related = {"id": position["id"]}, {}
        for column, name in shown.items():
            relation, _, field_name = name.rpartition("__")
            target = related.setdefault(relation, {}) if relation else own
            target[field_name] = position[f"row_{column}"]
        readers[kind] = (model, own, related)
    return position["row_kind"], readers


def _items(rows, columns) -> dict[str, list]:
    """The items the UNION's rows stand for, by kind, with their related item (a project's
    theme) attached."""
    kind_at, readers = _row_reader(columns)
    lists = {kind: [] for kind in KINDS}
    for row in rows:
        kind = row[kind_at]
        model, own, related = readers[kind]
        item = loaded_instance(model, {name: row[i] for name, i in own.items()})
        for relation, positions in related.items():
            field = model._meta.get_field(relation)
            values = {name: row[i] for name, i in positions.items()}
            field.set_cached_value(item, loaded_instance(field.related_model, values))
        lists[kind].append(item)
    return lists


def public_page(slug: str) -> OrganizationPage | None:
    """The published organization ``slug`` and what of it is published; None if there is none.

    The cooperation, the coordinating body and every list hold published items only, so a
    published milestone of an unpublished cooperation is not shown. Three queries — the
    organization, its lists, and the footer's options (``chrome``) — sent together: one
    round trip to PostgreSQL.
    """
    now = timezone.now()
    found, related, options = rows_together(
        (_ORGANIZATION, {"now": now, "slug": slug}),
        (_RELATED, {"now": now, "slug": slug}),
        (site_chrome.OPTIONS, {"now": now}),
    )
    if not found:
        return None
    organization, cooperation, body = _organization_parts(found[0])
    lists = _items(related, _RELATED.columns())
    page = OrganizationPage(
        organization,
        focus_areas=lists["focus_area"],
        frameworks=lists["framework"],
        projects=lists["project"],
        missions=lists["mission"],
        chrome=site_chrome.from_options(options),
    )
    if cooperation is not None and cooperation.is_published:
        page.cooperation = cooperation
        page.coordinating_body = body if body is not None and body.is_published else None
        page.milestones = lists["milestone"]
        page.priority_themes = lists["theme"]
    return page


def preview_page(organization: Organization) -> OrganizationPage:
    """Everything of ``organization``, whatever its state: it comes from the preview's
    queryset (see ``OrganizationDetailView``), related rows prefetched."""
    cooperation = getattr(organization, "cooperation", None)
    return OrganizationPage(
        organization,
        cooperation=cooperation,
        coordinating_body=cooperation.coordinating_body if cooperation is not None else None,
        focus_areas=list(organization.focus_areas.all()),
        frameworks=list(organization.frameworks.all()),
        milestones=list(organization.milestones.all()),
        priority_themes=(
            list(cooperation.priority_themes.all()) if cooperation is not None else []
        ),
        projects=list(organization.projects.all()),
        missions=list(organization.missions.all()),
    )
