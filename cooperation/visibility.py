"""What the public may see, and what staff see when they preview.

An item is public only when it and everything it belongs to are published: a
published milestone of an unpublished organization stays hidden. A preview (staff
only) shows every item whatever its state, with the previewed item's working copy applied
(its own fields; its many-to-many choices show as published until the copy is). Views call
these functions with their ``preview`` flag, so that the public page and the preview
run the same code over a wider or narrower queryset.
"""

from django.db.models import FETCH_PEERS
from django.utils.cache import patch_cache_control

from .models import Cooperation, FocusArea, Framework, Milestone, Organization, Project
from .workflow import apply_working_copy, pending_change_for


def shown(model, preview=False):
    """The items of ``model`` a request may see: everything in a preview, else the published."""
    return model.objects.all() if preview else model.objects.published()


def is_shown(item, preview=False) -> bool:
    """Whether an item already loaded (a related object) may be shown to this request."""
    return item is not None and (preview or item.is_published)


def public_organizations(preview=False):
    return shown(Organization, preview)


def public_cooperations():
    """Cooperation whose organization is shown too."""
    return Cooperation.objects.published().filter(organization__in=public_organizations())


def public_focus_areas():
    """Focus areas whose organization is shown too."""
    return FocusArea.objects.published().filter(organization__in=public_organizations())


def public_frameworks():
    """Frameworks some shown organization works under (they appear only on its page), each once."""
    listed = Organization.frameworks.through.objects.filter(organization__in=public_organizations())
    return Framework.objects.published().filter(pk__in=listed.values("framework"))


def public_milestones(preview=False):
    """Milestones whose organization and cooperation are shown too."""
    if preview:
        return Milestone.objects.all()
    return Milestone.objects.published().filter(
        organization__in=public_organizations(),
        organization__cooperation__in=Cooperation.objects.published(),
    )


def public_projects(preview=False):
    """Projects whose organization is shown too."""
    if preview:
        return Project.objects.all()
    return Project.objects.published().filter(organization__in=public_organizations())


def is_preview(request) -> bool:
    """``?preview`` from a signed-in staff member; for anyone else the page is as public."""
    user = request.user
    return "preview" in request.GET and user.is_authenticated and user.is_active and user.is_staff


class VisibleContentMixin:
    """Public views read every queryset through :meth:`visible`, with the view's fetch mode.

    ``FETCH_PEERS``: should a template reach a relation no queryset fetched, Django fetches
    it for every instance the query loaded at once, not one query per item. The tests set
    ``FETCH_RAISE``, so that such a template fails instead (see tests/conftest.py).
    """

    preview = False
    fetch_mode = FETCH_PEERS

    def visible(self, queryset):
        return queryset.fetch_mode(self.fetch_mode)

    def shown(self, model):
        """What this request may see of ``model`` (see :func:`shown`), with the fetch mode."""
        return self.visible(shown(model, self.preview))


class PreviewMixin(VisibleContentMixin):
    """Detail views: staff preview drafts and working copies; the response is never cached."""

    def dispatch(self, request, *args, **kwargs):
        self.preview = is_preview(request)
        response = super().dispatch(request, *args, **kwargs)
        if self.preview:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.preview and (change := pending_change_for(obj)) is not None:
            apply_working_copy(obj, change)
        return obj

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)
