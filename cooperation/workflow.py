"""The editorial workflow: who may move content between draft, review, published and unpublished,
and the working copies that keep an editor's changes to published content off the public site.

Editors write and submit for review. Publishers (the ``publish_<model>`` permission) publish,
unpublish and schedule. An editor who changes something already public changes a working copy
(a PendingChange); the public sees the published version until a publisher publishes the copy.

:func:`needs_working_copy` is the one place that decides whether a change goes live or into a
working copy; every write path of the admin asks it (see ``cooperation.admin.content``).
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from .models import PendingChange, Status
from .roles import content_models

logger = logging.getLogger("cooperation.workflow")

EDITOR_STATUSES = (Status.DRAFT, Status.IN_REVIEW)
PUBLIC_STATUSES = (Status.PUBLISHED, Status.UNPUBLISHED)


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


IMPORT_PERMISSION = "cooperation.import_content"


def can_import(user) -> bool:
    """An import writes content live, so it takes a publisher of every kind of content."""
    return user.has_perm(IMPORT_PERMISSION) and all(
        can_publish(user, model) for model in content_models()
    )


def needs_working_copy(user, obj) -> bool:
    """Whether ``user``'s change to ``obj`` goes into a working copy rather than live: an
    editor's change to an item that has been made public must not reach the public. A
    publisher's change goes live (their plain Save of a published item publishes it)."""
    if obj.pk is None or can_publish(user, type(obj)):
        return False
    # Public as loaded, or public now (a publisher may have changed it since the form was
    # read): either way the editor's values must not be written live.
    return (
        obj.status in PUBLIC_STATUSES
        or type(obj)._default_manager.filter(pk=obj.pk, status__in=PUBLIC_STATUSES).exists()
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


def _file_fields(model):
    return [f for f in _editable_fields(model) if isinstance(f, models.FileField)]


def _copy_files(change: PendingChange | None, model) -> dict[str, str]:
    """The stored names of the files a working copy refers to, by field."""
    if change is None:
        return {}
    return {f.name: name for f in _file_fields(model) if (name := change.data.get(f.name))}


def _remove_unused_files(obj, files: dict[str, str], keep: dict[str, str] | None = None):
    """Delete the stored files a working copy no longer needs: not the live item's, not kept."""
    live = type(obj)._default_manager.filter(pk=obj.pk).values(*files).first() or {}
    for name, stored in files.items():
        if stored and stored != live.get(name) and stored != (keep or {}).get(name):
            type(obj)._meta.get_field(name).storage.delete(stored)


def save_working_copy(obj, m2m: dict, user, *, submit: bool, files=None) -> PendingChange:
    """Keep ``obj``'s unsaved values (and many-to-many choices) as its working copy.

    ``files``: the uploads of this save, by field; each is stored now (under the field's
    ``upload_to``, as publishing would store it), so the copy refers to a file that exists.
    """
    for name, upload in (files or {}).items():
        if isinstance(upload, UploadedFile):
            getattr(obj, name).save(upload.name, upload, save=False)
    data = {
        f.name: None if f.value_from_object(obj) is None else f.value_to_string(obj)
        for f in _editable_fields(type(obj))
    }
    data["__m2m__"] = {name: sorted(o.pk for o in objs) for name, objs in m2m.items()}
    earlier = pending_change_for(obj)
    change, _created = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": data, "author": user, "in_review": submit},
    )
    # A file an earlier version of the copy uploaded, and this one replaced, is not needed —
    # once this save is committed (a rolled-back save still needs it).
    model = type(obj)
    unused, kept = _copy_files(earlier, model), _copy_files(change, model)
    transaction.on_commit(lambda: _remove_unused_files(obj, unused, keep=kept))
    return change


def apply_working_copy(obj, change: PendingChange):
    """Set the copy's values on ``obj`` in memory (for the form, or a preview).

    A value that cannot be applied — a file the copy names that storage no longer has, say —
    is left as it is live and logged: a broken copy never breaks the item's pages.
    """
    for field in _editable_fields(type(obj)):
        if field.name not in change.data:
            continue
        value = change.data[field.name]
        try:
            if isinstance(field, models.FileField) and value and not field.storage.exists(value):
                raise FileNotFoundError(value)
            setattr(obj, field.attname, None if value is None else field.to_python(value))
        except (OSError, ValueError, ValidationError) as error:
            logger.warning(
                "Working copy %s of %s: %s not applied (%s)", change.pk, obj, field.name, error
            )
    return obj


@transaction.atomic
def discard_working_copy(obj) -> bool:
    """Throw away ``obj``'s working copy and the files only it used; whether there was one."""
    change = pending_change_for(obj)
    if change is None:
        return False
    files = _copy_files(change, type(obj))
    change.delete()
    transaction.on_commit(lambda: _remove_unused_files(obj, files))
    return True


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
