"""What the public may see, and what staff see when they preview.

An item is public only when it and everything it belongs to are published: a
published milestone of an unpublished organization stays hidden. A preview (staff
only) shows every item whatever its state, with working copies applied.
"""

from django.utils.cache import patch_cache_control

from .models import Cooperation, Milestone, Organization, Project
from .workflow import apply_working_copy, pending_change_for


def shown(model, preview=False, at=None):
    """The items of ``model`` a request may see. ``at``, for the public: the time to judge
    by, now unless given (a prepared query passes a :class:`~cooperation.prepared.Parameter`)."""
    return model.objects.all() if preview else model.objects.published(at=at)


def public_organizations(preview=False, at=None):
    return shown(Organization, preview, at)


def public_milestones(at=None):
    return Milestone.objects.published(at=at).filter(
        organization__in=public_organizations(at=at),
        organization__cooperation__in=Cooperation.objects.published(at=at),
    )


def public_projects(preview=False, at=None):
    if preview:
        return Project.objects.all()
    return Project.objects.published(at=at).filter(organization__in=public_organizations(at=at))


def is_preview(request) -> bool:
    """``?preview`` from a signed-in staff member; for anyone else the page is as public."""
    user = request.user
    return "preview" in request.GET and user.is_authenticated and user.is_active and user.is_staff


class PreviewMixin:
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
