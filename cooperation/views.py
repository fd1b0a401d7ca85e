"""The public pages. Each starts from what the request may see — published content, or for a
staff preview everything — and fetches related rows in bulk."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from iomsite.canonical_urls import query_text, redirect_to

from . import missions_selector
from .models import (
    DiplomaticMission,
    FocusArea,
    Framework,
    Institution,
    Milestone,
    Organization,
    Page,
    Project,
    Theme,
)
from .project_filters import ProjectFilterForm
from .visibility import (
    PreviewMixin,
    VisibleContentMixin,
    is_shown,
    public_milestones,
    public_organizations,
    public_projects,
)

LATEST_MILESTONES = 5
PROJECTS_PER_PAGE = 20


class BreadcrumbsMixin:
    """Adds ``breadcrumbs``: (label, url) pairs from the home page down to this page.

    Every public page has breadcrumbs, so this is also where a page says which query
    parameters it understands (``iomsite.canonical_urls``): none, unless it says otherwise.
    """

    query_parameters = ()

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        home = (_("Home"), reverse("cooperation:home"))
        context["breadcrumbs"] = [home, *self.get_breadcrumbs()]
        return context


class HomeView(VisibleContentMixin, BreadcrumbsMixin, TemplateView):
    """Introduction, the organizations and the latest milestones."""

    template_name = "cooperation/home.html"

    def get_context_data(self, **kwargs):
        milestones = public_milestones().select_related("organization").order_by("-date", "title")
        return super().get_context_data(
            introduction=self.shown(Page).filter(slug=Page.HOME).first(),
            organizations=self.shown(Organization),
            latest_milestones=self.visible(milestones)[:LATEST_MILESTONES],
            **kwargs,
        )


class PageDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    """A page of text, such as the accessibility statement."""

    template_name = "cooperation/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return self.shown(Page).exclude(slug=Page.HOME)

    def get_breadcrumbs(self):
        return [(self.object.title, None)]


class OrganizationListView(VisibleContentMixin, BreadcrumbsMixin, ListView):
    template_name = "cooperation/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return self.shown(Organization)

    def get_breadcrumbs(self):
        return [(_("International organizations"), None)]


class OrganizationDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    """An organization: overview, focus areas, frameworks, cooperation, timeline, projects and
    the missions that cover it. The public and a staff preview differ only in what
    ``shown()`` lets through."""

    template_name = "cooperation/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return (
            self.shown(Organization)
            .select_related("cooperation__coordinating_body")
            .prefetch_related(
                Prefetch("focus_areas", queryset=self.shown(FocusArea)),
                Prefetch("frameworks", queryset=self.shown(Framework)),
                Prefetch("milestones", queryset=self.shown(Milestone)),
                Prefetch("cooperation__priority_themes", queryset=self.shown(Theme)),
                Prefetch("projects", queryset=self.shown(Project).select_related("theme")),
                Prefetch("missions", queryset=self.shown(DiplomaticMission)),
            )
        )

    def get_context_data(self, **kwargs):
        organization = self.object
        cooperation = getattr(organization, "cooperation", None)
        if not is_shown(cooperation, self.preview):
            cooperation = None
        body = cooperation.coordinating_body if cooperation else None
        return super().get_context_data(
            cooperation=cooperation,
            coordinating_body=body if is_shown(body, self.preview) else None,
            focus_areas=organization.focus_areas.all(),
            frameworks=organization.frameworks.all(),
            # The timeline and the priority themes belong to the cooperation: hidden with it.
            milestones=organization.milestones.all() if cooperation else [],
            priority_themes=cooperation.priority_themes.all() if cooperation else [],
            projects=organization.projects.all(),
            missions=organization.missions.all(),
            **kwargs,
        )

    def get_breadcrumbs(self):
        return [
            (_("International organizations"), reverse("cooperation:organization-list")),
            (self.object.short_name, None),
        ]


class ProjectListView(VisibleContentMixin, BreadcrumbsMixin, ListView):
    """Projects, filterable by organization, theme and stage, a page at a time."""

    template_name = "cooperation/project_list.html"
    context_object_name = "projects"
    paginate_by = PROJECTS_PER_PAGE
    query_parameters = (*ProjectFilterForm.LOOKUPS, "page")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # A filter value that is not offered, or a page number that is not the page shown,
        # is redirected to the address of what is shown: one address per list.
        page = response.context_data["page_obj"].number
        canonical = [
            *self.filters.selected.items(),
            *([(self.page_kwarg, str(page))] if page > 1 else []),
        ]
        if request.META.get("QUERY_STRING", "") != query_text(canonical):
            return redirect_to(request, canonical)
        return response

    def get_queryset(self):
        self.filters = ProjectFilterForm(self.request.GET)
        projects = self.visible(public_projects().select_related("theme"))
        return self.filters.filter(projects)

    def paginate_queryset(self, queryset, page_size):
        # A page number that is not a whole number shows the first page, one out of range
        # the last: a visitor following an old link gets a list, not an error page.
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        return super().get_context_data(
            filters=self.filters, filter_query=query.urlencode(), **kwargs
        )

    def get_breadcrumbs(self):
        return [(_("Projects"), None)]


class ProjectDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    template_name = "cooperation/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            self.visible(public_projects(self.preview))
            .select_related("organization", "theme")
            .prefetch_related(Prefetch("partners", queryset=self.shown(Institution)))
        )

    def get_context_data(self, **kwargs):
        # A theme is shown only while it is itself published (or in a preview).
        theme = self.object.theme
        return super().get_context_data(theme=theme if is_shown(theme, self.preview) else None)

    def get_breadcrumbs(self):
        return [
            (_("Projects"), reverse("cooperation:project-list")),
            (self.object.title, None),
        ]


class MissionListView(VisibleContentMixin, BreadcrumbsMixin, ListView):
    """The directory of Belarus' diplomatic missions, grouped by kind."""

    template_name = "cooperation/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return self.shown(DiplomaticMission)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_kind = {}
        for mission in context["missions"]:
            by_kind.setdefault(mission.kind, []).append(mission)
        context["mission_groups"] = [
            (label, by_kind[kind])
            for kind, label in DiplomaticMission.KIND_PLURALS.items()
            if kind in by_kind
        ]
        return context

    def get_breadcrumbs(self):
        return [(_("Diplomatic missions"), None)]


class MissionDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    template_name = "cooperation/mission_detail.html"
    context_object_name = "mission"

    def get_queryset(self):
        # Only published organizations are linked, even in a preview: their pages are public.
        return self.shown(DiplomaticMission).prefetch_related(
            Prefetch("organizations", queryset=self.visible(public_organizations()))
        )

    def get_breadcrumbs(self):
        return [
            (_("Diplomatic missions"), reverse("cooperation:mission-list")),
            (self.object.name, None),
        ]


def mission_go(request):
    """The "Go to" selector's target: works without JavaScript, redirects only to known places."""
    return HttpResponseRedirect(missions_selector.destination_for(request.GET.get("to")))
