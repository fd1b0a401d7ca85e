"""What an organization's page shows: for the public in two prepared queries, for a preview
from the ORM.

The organization page is the site's busiest and richest page; its public reads are
:class:`~cooperation.prepared.PreparedQuery` objects — the same querysets the ORM would
run, compiled once per process — so that rendering it uncached stays cheap. A preview
(staff only, never cached) reads through the ORM, drafts and working copies included.
Both give the template the same :class:`OrganizationPage`.
"""

from dataclasses import dataclass, field

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


def _related_rows():
    """Every published item the page lists, of six kinds, in one UNION ALL.

    Each database round trip costs more than the rows it brings (about 0.4 ms to PostgreSQL
    on the benchmark machine), so the six lists are one query. Every branch has the same
    columns (each named ``row_`` and): ``kind``; ``n``, ``d``, ``k1`` and ``k2``, which sort
    the rows as each model's ``Meta.ordering`` does (in the database, so with its
    collation); ``t1``..``t5``, what the page shows. Unused columns are NULL.
    """
    now, organization = _now(), _organization()

    def branch(model, kind, filters, **columns):
        null = {"n": IntegerField(), "d": DateField(), **dict.fromkeys(TEXT_COLUMNS, TextField())}
        for name, output_field in null.items():
            # Typed: PostgreSQL types a UNION's columns branch by branch, and two untyped
            # NULLs would make a column text before a date arrives.
            columns.setdefault(name, Cast(Value(None), output_field=output_field))
        return (
            model.objects.published(at=now)
            .filter(**filters)
            .order_by()
            .values(
                "id",
                row_kind=Value(kind, output_field=TextField()),
                **{f"row_{name}": columns[name] for name in ("n", "d", *TEXT_COLUMNS)},
            )
        )

    own = {"organization_id": organization}
    return (
        branch(FocusArea, "focus_area", own, n=F("order"), k1=F("name"), t1=F("description"))
        .union(
            branch(
                Framework,
                "framework",
                {"organizations": organization},
                k1=F("name"),
                t1=F("website"),
                t2=F("description"),
            ),
            branch(
                Milestone,
                "milestone",
                own,
                d=F("date"),
                k1=F("title"),
                t1=F("date_precision"),
                t2=F("description"),
            ),
            branch(
                Theme,
                "theme",
                {"priority_in__organization": organization},
                k1=F("name"),
                t1=F("slug"),
            ),
            branch(
                Project,
                "project",
                own,
                k1=F("title"),
                t1=F("slug"),
                t2=F("summary"),
                t3=F("stage"),
                t4=F("theme__name"),
                t5=F("theme__slug"),
            ),
            branch(
                DiplomaticMission,
                "mission",
                {"organizations": organization},
                k1=F("country"),
                k2=F("name"),
                t1=F("slug"),
            ),
            all=True,
        )
        .order_by("row_kind", "row_n", "row_d", "row_k1", "row_k2")
    )


TEXT_COLUMNS = ("k1", "k2", "t1", "t2", "t3", "t4", "t5")
_RELATED = PreparedQuery(_related_rows)
PREPARED_QUERIES = (_ORGANIZATION, _RELATED)


def _loaded(model, **values):
    """An instance of ``model`` as loaded from the database with only these fields, the
    rest deferred: unlike ``model(**values)``, it computes no defaults for the others (a
    third of the page's reading time went to ``timezone.now()`` for timestamps never shown)."""
    fields = model._meta.concrete_fields
    row = [values.get(field.attname, DEFERRED) for field in fields]
    return model.from_db(None, [field.attname for field in fields], row)


# Each kind's row as the instance the template shows.
_BUILD = {
    "focus_area": lambda r: _loaded(
        FocusArea, id=r["id"], order=r["row_n"], name=r["row_k1"], description=r["row_t1"]
    ),
    "framework": lambda r: _loaded(
        Framework, id=r["id"], name=r["row_k1"], website=r["row_t1"], description=r["row_t2"]
    ),
    "milestone": lambda r: _loaded(
        Milestone,
        id=r["id"],
        date=r["row_d"],
        title=r["row_k1"],
        date_precision=r["row_t1"],
        description=r["row_t2"],
    ),
    "theme": lambda r: _loaded(Theme, id=r["id"], name=r["row_k1"], slug=r["row_t1"]),
    "project": lambda r: _with_theme(
        _loaded(
            Project,
            id=r["id"],
            title=r["row_k1"],
            slug=r["row_t1"],
            summary=r["row_t2"],
            stage=r["row_t3"],
        ),
        _loaded(Theme, name=r["row_t4"], slug=r["row_t5"]),
    ),
    "mission": lambda r: _loaded(
        DiplomaticMission, id=r["id"], country=r["row_k1"], name=r["row_k2"], slug=r["row_t1"]
    ),
}


def _with_theme(project, theme):
    Project.theme.field.set_cached_value(project, theme)
    return project


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
    lists = {kind: [] for kind in _BUILD}
    for row in _RELATED.run(now=now, organization=organization.pk):
        lists[row["row_kind"]].append(_BUILD[row["row_kind"]](row))
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
