"""The editorial workflow: who may move content between draft, review, published and unpublished,
and the working copies that keep an editor's changes to published content off the public site.

Editors write and submit for review. Publishers (the ``publish_<model>`` permission) publish,
unpublish and schedule. An editor who changes something already public changes a working copy
(a PendingChange); the public sees the published version until a publisher publishes the copy.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import PendingChange, Status

EDITOR_STATUSES = (Status.DRAFT, Status.IN_REVIEW)
PUBLIC_STATUSES = (Status.PUBLISHED, Status.UNPUBLISHED)


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def needs_working_copy(user, obj) -> bool:
    """An editor's change to an item that has been made public must not reach the public."""
    return (
        obj.pk is not None
        and not can_publish(user, type(obj))
        and type(obj)._default_manager.filter(pk=obj.pk, status__in=PUBLIC_STATUSES).exists()
    )


# Working copies ---------------------------------------------------------------------------


def _editable_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in ("status", "publish_at")
    ]


def pending_change_for(obj) -> PendingChange | None:
    if obj.pk is None:
        return None
    return PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


def save_working_copy(obj, m2m: dict, user, *, submit: bool) -> PendingChange:
    """Keep ``obj``'s unsaved values (and many-to-many choices) as its working copy."""
    data = {
        f.name: None if f.value_from_object(obj) is None else f.value_to_string(obj)
        for f in _editable_fields(type(obj))
    }
    data["__m2m__"] = {name: sorted(o.pk for o in objs) for name, objs in m2m.items()}
    change, _created = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": data, "author": user, "in_review": submit},
    )
    return change


def apply_working_copy(obj, change: PendingChange):
    """Set the copy's values on ``obj`` in memory (for the form, or a preview)."""
    for field in _editable_fields(type(obj)):
        if field.name in change.data:
            value = change.data[field.name]
            setattr(obj, field.attname, None if value is None else field.to_python(value))
    return obj


def form_with_working_copy_relations(form_class, change: PendingChange):
    """``form_class`` with the working copy's many-to-many choices as its initial values
    (the copy's own fields are set on the instance by :func:`apply_working_copy`)."""
    relations = change.data.get("__m2m__", {})

    class WorkingCopyForm(form_class):
        def __init__(self, *args, initial=None, **kwargs):
            super().__init__(*args, initial={**relations, **(initial or {})}, **kwargs)

    return WorkingCopyForm


@transaction.atomic
def publish(obj, user=None):
    """Publish ``obj``, with its working copy if it has one."""
    change = pending_change_for(obj)
    if change is not None:
        apply_working_copy(obj, change)
    obj.status = Status.PUBLISHED
    if user is not None:
        obj._history_user = user  # django-simple-history's documented way to name the author
    obj.save()
    if change is not None:
        for name, pks in change.data.get("__m2m__", {}).items():
            getattr(obj, name).set(pks)
        change.delete()


def unpublish(obj, user=None):
    obj.status = Status.UNPUBLISHED
    if user is not None:
        obj._history_user = user
    obj.save()
