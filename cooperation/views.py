"""The public pages. Each starts from what the request may see — published content, or for a
staff preview everything — and fetches related rows in bulk."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
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
from .models.translation import (
    LANGUAGE_CODES,
    SOURCE_LANGUAGE,
    alphabetical,
    is_translated,
    is_wholly_translated,
)
from .project_filters import ProjectFilterForm
from .recurring_events import group_recurring, latest_events
from .translated_text import text
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


class PageLanguagesMixin:
    """Which languages this page is translated into, and whether English stands in on it.

    ``page_languages``, for the ``hreflang`` alternates: every language for a page of lists,
    and for a page about one item (:meth:`page_subjects`) the languages its page's texts are
    translated into (``is_translated``). ``translation_notice``: some text on the page
    (:meth:`shown_items`) is English standing in for the page's language.
    """

    def page_subjects(self, context) -> list:
        subject = getattr(self, "object", None)
        return [subject] if subject is not None else []

    def shown_items(self, context) -> list:
        return [*self.page_subjects(context), *context.get("object_list", ())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subjects = self.page_subjects(context)
        language = get_language()
        context["page_languages"] = [
            code
            for code in LANGUAGE_CODES
            if code == SOURCE_LANGUAGE or all(is_translated(item, code) for item in subjects)
        ]
        context["translation_notice"] = language != SOURCE_LANGUAGE and not all(
            is_wholly_translated(item, language) for item in self.shown_items(context) if item
        )
        return context


class HomeView(VisibleContentMixin, PageLanguagesMixin, BreadcrumbsMixin, TemplateView):
    """Introduction, the organizations and the latest milestones, a recurring event (the
    same title in several years) once with all its dates."""

    template_name = "cooperation/home.html"

    def get_context_data(self, **kwargs):
        events = latest_events(self.visible(public_milestones()), get_language(), LATEST_MILESTONES)
        return super().get_context_data(
            introduction=self.shown(Page).filter(slug=Page.HOME).first(),
            organizations=self.shown(Organization),
            latest_events=events,
            **kwargs,
        )

    # A page of lists, in every language (as the sitemap lists it): no page_subjects.
    def shown_items(self, context):
        return [
            *([context["introduction"]] if context["introduction"] else []),
            *context["organizations"],
            *(milestone for event in context["latest_events"] for milestone in event.milestones),
        ]


class PageDetailView(PreviewMixin, PageLanguagesMixin, BreadcrumbsMixin, DetailView):
    """A page of text, such as the accessibility statement."""

    template_name = "cooperation/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return self.shown(Page).exclude(slug=Page.HOME)

    def get_breadcrumbs(self):
        return [(text(self.object, "title"), None)]


class OrganizationListView(VisibleContentMixin, PageLanguagesMixin, BreadcrumbsMixin, ListView):
    template_name = "cooperation/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return self.shown(Organization)

    def get_breadcrumbs(self):
        return [(_("International organizations"), None)]


class OrganizationDetailView(PreviewMixin, PageLanguagesMixin, BreadcrumbsMixin, DetailView):
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
        # The timeline and the priority themes belong to the cooperation: hidden with it.
        milestones = organization.milestones.all() if cooperation else []
        return super().get_context_data(
            cooperation=cooperation,
            coordinating_body=body if is_shown(body, self.preview) else None,
            focus_areas=organization.focus_areas.all(),
            frameworks=organization.frameworks.all(),
            milestones=milestones,
            # A recurring event once, with every year, where its first occurrence falls.
            timeline=group_recurring(milestones, with_description=True),
            priority_themes=cooperation.priority_themes.all() if cooperation else [],
            projects=organization.projects.all(),
            missions=organization.missions.all(),
            **kwargs,
        )

    def shown_items(self, context):
        return [
            self.object,
            context["cooperation"],
            context["coordinating_body"],
            *(
                item
                for name in ("focus_areas", "frameworks", "milestones", "priority_themes")
                for item in context[name]
            ),
            *context["projects"],
            *context["missions"],
        ]

    def get_breadcrumbs(self):
        return [
            (_("International organizations"), reverse("cooperation:organization-list")),
            (text(self.object, "acronym" if self.object.acronym else "name"), None),
        ]


class ProjectListView(VisibleContentMixin, PageLanguagesMixin, BreadcrumbsMixin, ListView):
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


class ProjectDetailView(PreviewMixin, PageLanguagesMixin, BreadcrumbsMixin, DetailView):
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

    def shown_items(self, context):
        project = self.object
        return [project, project.organization, context["theme"], *project.partners.all()]

    def get_breadcrumbs(self):
        return [
            (_("Projects"), reverse("cooperation:project-list")),
            (text(self.object, "title"), None),
        ]


class MissionListView(VisibleContentMixin, PageLanguagesMixin, BreadcrumbsMixin, ListView):
    """The directory of Belarus' diplomatic missions, grouped by kind."""

    template_name = "cooperation/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return self.shown(DiplomaticMission)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_kind = {}
        # By country and name as the page's language spells them, not as English does.
        ordered = sorted(
            context["missions"], key=lambda m: (alphabetical(m.country), alphabetical(m.name))
        )
        for mission in ordered:
            by_kind.setdefault(mission.kind, []).append(mission)
        context["mission_groups"] = [
            (label, by_kind[kind])
            for kind, label in DiplomaticMission.KIND_PLURALS.items()
            if kind in by_kind
        ]
        return context

    def get_breadcrumbs(self):
        return [(_("Diplomatic missions"), None)]


class MissionDetailView(PreviewMixin, PageLanguagesMixin, BreadcrumbsMixin, DetailView):
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
            (text(self.object, "name"), None),
        ]


def mission_go(request):
    """The "Go to" selector's target: works without JavaScript, redirects only to known places."""
    return HttpResponseRedirect(missions_selector.destination_for(request.GET.get("to")))
