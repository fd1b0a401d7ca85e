"""The public pages. Each starts from published content and fetches related rows in bulk."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from . import home_page, missions_selector, organization_page, projects_page
from .links import link
from .models import (
    DiplomaticMission,
    Institution,
    Organization,
    Page,
    Project,
)
from .visibility import (
    PreviewMixin,
    public_organizations,
    public_projects,
    shown,
)


class BreadcrumbsMixin:
    """Adds ``breadcrumbs``: (label, url) pairs from the home page down to this page."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [(_("Home"), link("cooperation:home")), *self.get_breadcrumbs()]
        return context


class HomeView(BreadcrumbsMixin, TemplateView):
    """Introduction, the organizations and the latest milestones."""

    template_name = "cooperation/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(vars(home_page.public_home()))  # three prepared queries
        return context


class PageDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    template_name = "cooperation/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return shown(Page, self.preview).exclude(slug=Page.HOME)

    def get_breadcrumbs(self):
        return [(self.object.title, None)]


class OrganizationListView(BreadcrumbsMixin, ListView):
    template_name = "cooperation/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return public_organizations()

    def get_breadcrumbs(self):
        return [(_("International organizations"), None)]


class OrganizationDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    """An organization: overview, focus areas, frameworks, cooperation, timeline, projects.

    The public page reads through prepared queries (``organization_page.public_page``); a
    staff preview reads everything through the ORM.
    """

    template_name = "cooperation/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        # The preview's queryset; the public page does not use it.
        return (
            shown(Organization, preview=True)
            .select_related("cooperation__coordinating_body")
            .prefetch_related(
                "focus_areas",
                "frameworks",
                "milestones",
                "cooperation__priority_themes",
                Prefetch("projects", queryset=Project.objects.select_related("theme")),
                "missions",
            )
        )

    def get_object(self, queryset=None):
        if self.preview:
            organization = super().get_object(queryset)
            self.page = organization_page.preview_page(organization)
            return organization
        self.page = organization_page.public_page(self.kwargs["slug"])
        if self.page is None:
            raise Http404(_("No organization is published at this address."))
        # The footer's options came with the page (see iomsite.context_processors.chrome).
        self.request.site_chrome = self.page.chrome
        return self.page.organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(vars(self.page))
        del context["chrome"]  # the template's is ``site_chrome``, from the request
        return context

    def get_breadcrumbs(self):
        return [
            (_("International organizations"), link("cooperation:organization-list")),
            (self.object.short_name, None),
        ]


class ProjectListView(BreadcrumbsMixin, TemplateView):
    """Projects, filterable by organization, theme and stage, a page at a time."""

    template_name = "cooperation/project_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = projects_page.public_projects_page(self.request.GET)  # two prepared queries
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=page.filters,
            projects=page.projects,
            pagination=page.pagination,
            filter_query=query.urlencode(),
        )
        return context

    def get_breadcrumbs(self):
        return [(_("Projects"), None)]


class ProjectDetailView(PreviewMixin, BreadcrumbsMixin, DetailView):
    template_name = "cooperation/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            public_projects(self.preview)
            .select_related("organization", "theme")
            .prefetch_related(Prefetch("partners", queryset=shown(Institution, self.preview)))
        )

    def get_breadcrumbs(self):
        return [
            (_("Projects"), link("cooperation:project-list")),
            (self.object.title, None),
        ]


class MissionListView(BreadcrumbsMixin, ListView):
    """The directory of Belarus' diplomatic missions, grouped by kind."""

    template_name = "cooperation/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return DiplomaticMission.objects.published()

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
        return shown(DiplomaticMission, self.preview).prefetch_related(
            Prefetch("organizations", queryset=public_organizations())
        )

    def get_breadcrumbs(self):
        return [
            (_("Diplomatic missions"), link("cooperation:mission-list")),
            (self.object.name, None),
        ]


def mission_go(request):
    """The "Go to" selector's target: works without JavaScript, redirects only to known places."""
    return HttpResponseRedirect(missions_selector.destination_for(request.GET.get("to")))
