"""What an organization's page shows: for the public in two prepared queries, for a preview
from the ORM.

The organization page is the site's busiest and richest page; its public reads are
:class:`~cooperation.prepared.PreparedQuery` objects — the same querysets the ORM would
run, compiled once per process — so that rendering it uncached stays cheap. A preview
(staff only, never cached) reads through the ORM, drafts and working copies included.
Both give the template the same :class:`OrganizationPage`.
"""

from dataclasses import dataclass, field
from functools import cache

from django.db.models import (
    DEFERRED,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    SlugField,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

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
from .prepared import Parameter, PreparedQuery


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


def _now():
    return Parameter("now", DateTimeField())


def _organization():
    return Parameter("organization", IntegerField())


_ORGANIZATION = PreparedQuery(
    lambda: (
        Organization.objects.published(at=_now())
        .filter(slug=Parameter("slug", SlugField()))
        .select_related("cooperation__coordinating_body")
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
# kind: (model, its link to the organization, {column: field shown}); one table for both
# the query and the instances built from its rows.
KINDS = {
    "focus_area": (
        FocusArea,
        "organization_id",
        {"n": "order", "k1": "name", "t1": "description"},
    ),
    "framework": (
        Framework,
        "organizations",
        {"k1": "name", "t1": "website", "t2": "description"},
    ),
    "milestone": (
        Milestone,
        "organization_id",
        {"d": "date", "k1": "title", "t1": "date_precision", "t2": "description"},
    ),
    "theme": (Theme, "priority_in__organization", {"k1": "name", "t1": "slug"}),
    "project": (
        Project,
        "organization_id",
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
    now, organization = _now(), _organization()

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
            .filter(**{link: organization})
            .order_by()
            .values("id", row_kind=Value(kind, output_field=TextField()), **columns)
        )

    first, *others = (branch(kind, *spec) for kind, spec in KINDS.items())
    return first.union(*others, all=True).order_by("row_kind", "row_n", "row_d", "row_k1", "row_k2")


_RELATED = PreparedQuery(_related_rows)


@cache
def _attnames(model):
    return [field.attname for field in model._meta.concrete_fields]


def _loaded(model, values):
    """An instance of ``model`` as loaded from the database with only these fields, the
    rest deferred: unlike ``model(**values)``, it computes no defaults for the others (a
    third of the page's reading time went to ``timezone.now()`` for timestamps never shown)."""
    attnames = _attnames(model)
    return model.from_db(None, attnames, [values.get(name, DEFERRED) for name in attnames])


def _instance(row):
    """The item a row of the UNION stands for, with a related item (a project's theme)."""
    model, _link, shown = KINDS[row["row_kind"]]
    own, related = {"id": row["id"]}, {}
    for column, name in shown.items():
        relation, _, field_name = name.rpartition("__")
        (related.setdefault(relation, {}) if relation else own)[field_name] = row[f"row_{column}"]
    item = _loaded(model, own)
    for relation, values in related.items():
        field = model._meta.get_field(relation)
        field.set_cached_value(item, _loaded(field.related_model, values))
    return item


def public_page(slug: str) -> OrganizationPage | None:
    """The published organization ``slug`` and what of it is published; None if there is none.

    The cooperation, the coordinating body and every list hold published items only, so a
    published milestone of an unpublished cooperation is not shown. Two queries.
    """
    now = timezone.now()
    found = _ORGANIZATION.run(now=now, slug=slug)
    if not found:
        return None
    organization = found[0]
    lists = {kind: [] for kind in KINDS}
    for row in _RELATED.run(now=now, organization=organization.pk):
        lists[row["row_kind"]].append(_instance(row))
    page = OrganizationPage(
        organization,
        focus_areas=lists["focus_area"],
        frameworks=lists["framework"],
        projects=lists["project"],
        missions=lists["mission"],
    )
    cooperation = getattr(organization, "cooperation", None)
    if cooperation is not None and cooperation.is_published:
        page.cooperation = cooperation
        body = cooperation.coordinating_body
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
