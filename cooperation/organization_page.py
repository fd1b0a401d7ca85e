"""What an organization's page shows: for the public in seven prepared queries, for a preview
from the ORM.

The organization page is the site's busiest and richest page; its public reads are
:class:`~cooperation.prepared.PreparedQuery` objects — the same querysets the ORM would
run, compiled once per process — so that rendering it uncached stays cheap. A preview
(staff only, never cached) reads through the ORM, drafts and working copies included.
Both give the template the same :class:`OrganizationPage`.
"""

from dataclasses import dataclass, field

from django.db.models import DateTimeField, IntegerField, SlugField
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


def _shown(model, *fields, **filters):
    """Published rows of ``model`` matching ``filters``, with only the columns the page
    shows (fewer values to convert and to hold)."""
    return PreparedQuery(lambda: model.objects.published(at=_now()).filter(**filters).only(*fields))


_ORGANIZATION = PreparedQuery(
    lambda: (
        Organization.objects.published(at=_now())
        .filter(slug=Parameter("slug", SlugField()))
        .select_related("cooperation__coordinating_body")
    )
)
_FOCUS_AREAS = _shown(FocusArea, "name", "description", organization_id=_organization())
_FRAMEWORKS = _shown(Framework, "name", "website", "description", organizations=_organization())
_MILESTONES = _shown(
    Milestone, "date", "date_precision", "title", "description", organization_id=_organization()
)
_PRIORITY_THEMES = _shown(
    Theme, "name", "slug", priority_in=Parameter("cooperation", IntegerField())
)
_PROJECTS = PreparedQuery(
    lambda: (
        Project.objects.published(at=_now())
        .filter(organization_id=_organization())
        .select_related("theme")
        .only("title", "slug", "summary", "stage", "theme__name", "theme__slug")
    )
)
_MISSIONS = _shown(DiplomaticMission, "name", "slug", organizations=_organization())
PREPARED_QUERIES = (
    _ORGANIZATION,
    _FOCUS_AREAS,
    _FRAMEWORKS,
    _MILESTONES,
    _PRIORITY_THEMES,
    _PROJECTS,
    _MISSIONS,
)


def public_page(slug: str) -> OrganizationPage | None:
    """The published organization ``slug`` and what of it is published; None if there is none.

    The cooperation, the coordinating body and every list hold published items only, so a
    published milestone of an unpublished cooperation is not shown.
    """
    now = timezone.now()
    found = _ORGANIZATION.run(now=now, slug=slug)
    if not found:
        return None
    organization = found[0]
    page = OrganizationPage(organization)
    values = {"now": now, "organization": organization.pk}
    page.focus_areas = _FOCUS_AREAS.run(**values)
    page.frameworks = _FRAMEWORKS.run(**values)
    page.projects = _PROJECTS.run(**values)
    page.missions = _MISSIONS.run(**values)
    cooperation = getattr(organization, "cooperation", None)
    if cooperation is not None and cooperation.is_published:
        page.cooperation = cooperation
        body = cooperation.coordinating_body
        page.coordinating_body = body if body is not None and body.is_published else None
        page.milestones = _MILESTONES.run(**values)
        page.priority_themes = _PRIORITY_THEMES.run(now=now, cooperation=cooperation.pk)
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
