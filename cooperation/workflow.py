"""The editorial workflow: who may move content between draft, review, published and unpublished,
and the working copies that keep an editor's changes to published content off the public site.

Editors write and submit for review. Publishers (the ``publish_<model>`` permission) publish,
unpublish and schedule. An editor who changes something already public changes a working copy
(a PendingChange); the public sees the published version until a publisher publishes the copy.

:func:`needs_working_copy` is the one place that decides whether a change goes live or into a
working copy; every write path of the admin asks it (see ``cooperation.admin.content``).
"""

import dataclasses
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import editorial_log, notifications
from .models import EditorialEvent, PendingChange, Status
from .roles import content_models

logger = logging.getLogger("cooperation.workflow")
Kind = EditorialEvent.Kind

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


@transaction.atomic
def save_working_copy(obj, m2m: dict, user, *, submit: bool, files=None) -> PendingChange:
    """Keep ``obj``'s unsaved values (and many-to-many choices) as its working copy, logged as
    edited — and as submitted, with the publishers told, when ``submit`` first sends it to
    review. A copy already in review stays in review.

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
    # A copy already in review stays there when saved again: a plain Save never withdraws it.
    in_review = submit or (earlier is not None and earlier.in_review)
    change, _created = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": data, "author": user, "in_review": in_review},
    )
    # Saving a copy writes no history record: its events stand alone.
    editorial_log.record(obj, Kind.EDITED, user, history=False)
    if in_review and not (earlier is not None and earlier.in_review):
        event = editorial_log.record(obj, Kind.SUBMITTED, user, history=False)
        notifications.tell_publishers(event, type(obj))
    # A file an earlier version of the copy uploaded, and this one replaced, is not needed —
    # once this save is committed (a rolled-back save still needs it).
    model = type(obj)
    unused, kept = _copy_files(earlier, model), _copy_files(change, model)
    transaction.on_commit(lambda: _remove_unused_files(obj, unused, keep=kept))
    return change


def save_form_as_working_copy(form, user, *, submit: bool) -> PendingChange:
    """Keep a valid model form's values as its instance's working copy: the fields, the
    many-to-many choices and the files uploaded with it (the admin's change form, an inline
    child's form, a restore)."""
    obj = form.instance
    m2m = {
        f.name: form.cleaned_data[f.name]
        for f in obj._meta.many_to_many
        if f.name in form.cleaned_data
    }
    uploads = {
        name: form.cleaned_data[name]
        for name in form.changed_data
        if form.add_prefix(name) in form.files
    }
    return save_working_copy(obj, m2m, user, submit=submit, files=uploads)


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
def discard_working_copy(obj, user=None) -> bool:
    """Throw away ``obj``'s working copy and the files only it used; whether there was one.
    Logged as discarded, the copy's author named as the editor whose work it was."""
    change = pending_change_for(obj)
    if change is None:
        return False
    files = _copy_files(change, type(obj))
    author = change.author
    change.delete()
    editorial_log.record(obj, Kind.DISCARDED, user, editor=author, history=False)
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


# Workflow steps ---------------------------------------------------------------------------
#
# Each step saves the item, logs its event and tells whoever should know, in one transaction.
# ``save``: how to write the item — the admin passes its own save (so the admin's history
# hooks run); by default the item is saved with ``user`` named as the author of the change.


def _saver(obj, user, save):
    if save is not None:
        return save

    def default_save():
        if user is not None:
            obj._history_user = user  # django-simple-history's documented way to name the author
        obj.save()

    return default_save


def submitted_by(obj):
    """The user who last submitted ``obj`` for review (None if nobody has, or not since)."""
    event = editorial_log.last_event(obj, Kind.SUBMITTED)
    return event.actor if event is not None else None


def _editor_of(obj, change, user):
    """Whose work a publication publishes: the working copy's author, else the submitter."""
    if change is not None and change.author is not None:
        return change.author
    return submitted_by(obj) or user


@transaction.atomic
def save_draft(obj, user, *, save=None):
    """Save an editor's change that the public does not see (a new item, a draft, an item in
    review): logged as created or edited."""
    created = obj.pk is None
    _saver(obj, user, save)()
    return editorial_log.record(obj, Kind.CREATED if created else Kind.EDITED, user)


@transaction.atomic
def submit(obj, user, *, save=None):
    """Send a draft for review (saving it), and tell the publishers of its kind — once per
    submission: saving an item already in review is an edit, not a new submission."""
    created = obj.pk is None
    newly = obj.status == Status.DRAFT
    if newly:
        obj.status = Status.IN_REVIEW
    _saver(obj, user, save)()
    if created:
        editorial_log.record(obj, Kind.CREATED, user)
    if not newly:
        return editorial_log.record(obj, Kind.EDITED, user)
    event = editorial_log.record(obj, Kind.SUBMITTED, user)
    notifications.tell_publishers(event, type(obj))
    return event


@transaction.atomic
def submit_working_copy(obj, user):
    """Send an item's existing working copy for review (the list's "submit" action)."""
    change = pending_change_for(obj)
    if change is None or change.in_review:
        return None
    change.in_review = True
    change.save(update_fields=["in_review", "updated_at"])
    event = editorial_log.record(obj, Kind.SUBMITTED, user, editor=change.author, history=False)
    notifications.tell_publishers(event, type(obj))
    return event


def is_in_review(obj) -> bool:
    """Whether ``obj``, or its working copy, waits for a publisher."""
    change = pending_change_for(obj)
    return obj.status == Status.IN_REVIEW or (change is not None and change.in_review)


@transaction.atomic
def send_back(obj, user, comment: str):
    """A publisher returns an item in review to its editor with ``comment``: a draft becomes a
    draft again, a working copy stays, no longer in review. The editor is told."""
    change = pending_change_for(obj)
    editor = submitted_by(obj) or (change.author if change is not None else None)
    if change is not None and change.in_review:
        change.in_review = False
        change.save(update_fields=["in_review", "updated_at"])
        history = False
    else:
        obj.status = Status.DRAFT
        _saver(obj, user, None)()
        history = True
    event = editorial_log.record(
        obj, Kind.SENT_BACK, user, editor=editor, comment=comment, history=history
    )
    notifications.tell_editor(event)
    return event


KEEP = object()  # publish(): leave the item's "publish from" as it is


@transaction.atomic
def publish(obj, user=None, *, save=None, at=KEEP):
    """Publish ``obj`` — with its working copy, if it has one. ``at``: None publishes now, a
    time schedules it; by default its "publish from" stays. Logged as published or scheduled,
    naming the copy's author (or the submitter) as the editor, who is told.

    ``save`` given: ``obj`` already holds the values to publish (the publisher's form showed
    the working copy and may have amended it), so the copy is not applied again.
    """
    change = pending_change_for(obj)
    editor = _editor_of(obj, change, user)
    created = obj.pk is None
    if change is not None and save is None:
        apply_working_copy(obj, change)
    if at is not KEEP:
        obj.publish_at = at
    obj.status = Status.PUBLISHED
    _saver(obj, user, save)()
    if change is not None:
        if save is None:
            for name, pks in change.data.get("__m2m__", {}).items():
                getattr(obj, name).set(pks)
        change.delete()
    if created:
        editorial_log.record(obj, Kind.CREATED, user)
    scheduled = obj.publish_at is not None and obj.publish_at > timezone.now()
    event = editorial_log.record(
        obj, Kind.SCHEDULED if scheduled else Kind.PUBLISHED, user, editor=editor
    )
    notifications.tell_editor(event)
    return event


@transaction.atomic
def unpublish(obj, user=None, *, save=None):
    """Withdraw ``obj`` from the public site (its working copy, if any, stays)."""
    obj.status = Status.UNPUBLISHED
    _saver(obj, user, save)()
    return editorial_log.record(obj, Kind.UNPUBLISHED, user)


# What the change page shows --------------------------------------------------------------

SAVE, SUBMIT, PUBLISH, SCHEDULE, SEND_BACK, DISCARD, UNPUBLISH = (
    "save",
    "submit",
    "publish",
    "schedule",
    "send_back",
    "discard",
    "unpublish",
)
REVIEW_KINDS = (Kind.SUBMITTED, Kind.SENT_BACK, Kind.PUBLISHED, Kind.SCHEDULED)


@dataclasses.dataclass
class EditorialState:
    """Where an item stands, as the change page and the dashboard say it."""

    key: str  # draft, in_review, published, scheduled, unpublished, new
    label: str
    copy: PendingChange | None = None
    submitted: EditorialEvent | None = None  # the submission now waiting, if one is
    sent_back: EditorialEvent | None = None  # the send-back still standing, if one is

    @property
    def in_review(self) -> bool:
        return self.key == Status.IN_REVIEW or (self.copy is not None and self.copy.in_review)


def editorial_state(obj) -> EditorialState:
    """``obj``'s state: its status, scheduled or not, its working copy, who submitted it and
    when, and the comment it was sent back with if that is the latest word on it."""
    if obj is None or obj.pk is None:
        return EditorialState("new", str(_("New item")))
    stored = type(obj)._default_manager.filter(pk=obj.pk).values("status", "publish_at").first()
    status, publish_at = stored["status"], stored["publish_at"]
    if status == Status.PUBLISHED and publish_at is not None and publish_at > timezone.now():
        key, label = (
            "scheduled",
            _("Scheduled for %(when)s")
            % {"when": date_format(timezone.localtime(publish_at), "DATETIME_FORMAT")},
        )
    else:
        key, label = status, Status(status).label
    state = EditorialState(key, str(label), copy=pending_change_for(obj))
    latest = editorial_log.last_event(obj, *REVIEW_KINDS)
    if latest is not None and latest.kind == Kind.SENT_BACK:
        state.sent_back = latest
    if state.in_review and latest is not None and latest.kind == Kind.SUBMITTED:
        state.submitted = latest
    return state


def available_actions(user, obj, state: EditorialState | None = None) -> list[str]:
    """The workflow buttons ``user`` gets on ``obj``'s change page, the primary one first.
    What each does is decided again on the server when it is pressed."""
    state = state or editorial_state(obj)
    model = type(obj)
    publisher = can_publish(user, model)
    if not publisher:
        if state.key in (Status.DRAFT, "new") or (
            state.key in PUBLIC_STATUSES + ("scheduled",) and not state.in_review
        ):
            return [SUBMIT, SAVE]
        return [SAVE]  # in review: saving keeps it there
    if state.key in (Status.DRAFT, Status.IN_REVIEW, "new"):
        actions = [PUBLISH, SCHEDULE, SAVE]
    elif state.key == Status.UNPUBLISHED:
        actions = [PUBLISH, SCHEDULE]
    elif state.key == "scheduled":
        actions = [PUBLISH, SCHEDULE, UNPUBLISH]
    else:
        # Live: the publisher's change goes live at once. (A working copy cannot wait for a
        # time of its own: scheduling a live item would take it off the site until then.)
        actions = [PUBLISH, UNPUBLISH]
    if state.in_review:
        actions.append(SEND_BACK)
    if state.copy is not None:
        actions.append(DISCARD)
    return actions
