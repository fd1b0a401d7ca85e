"""The admin's history as an editorial log, and restoring an old version through review.

The history page lists an item's editorial events (:mod:`cooperation.editorial_log`) joined
with django-simple-history's records by ``history_id``: each line says what happened
(created, submitted, published, imported from a file…), who did it and whose work it was, and
which words changed. Records older than the log are labelled from the record alone.

Restoring a version makes a working copy submitted for review, for everyone; a publisher may
instead restore and publish at once. Someone else's pending working copy is replaced only
after the restorer has seen whose it is and confirmed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import display_for_field, unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation import editorial_log, notifications, workflow
from cooperation.content_import import HISTORY_REASON
from cooperation.models import EditorialEvent, Status
from cooperation.models.translation import language_label
from cooperation.rich_text import RichTextField
from cooperation.text_diff import has_changes, word_diff

from .translations import language_columns

Kind = EditorialEvent.Kind

# Unchanged words kept either side of a change in the log; the version's page shows it whole.
DIFF_CONTEXT = 12

RESTORE_BUTTON = "_restore"
RESTORE_AND_PUBLISH_BUTTON = "_restore_publish"
REPLACE_FIELD = "replace"


def person(user) -> str:
    """How the log names a member of staff: their full name, else their username."""
    return user.get_full_name() or user.get_username()


def is_import(record) -> bool:
    """Whether a history record was written by a file import (``import_content``)."""
    return (record.history_change_reason or "").startswith(HISTORY_REASON)


def version_date(record) -> str:
    return date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")


def replacement_token(change) -> str:
    """Names one state of a working copy: a confirmation to replace it holds for that state
    only, so a copy saved again after the restorer looked is not replaced unseen."""
    return f"{change.pk}-{round(change.updated_at.timestamp() * 1_000_000)}"  # URL-safe


@dataclass
class FieldChange:
    """One field's change between two versions, as HTML (a word diff for text)."""

    label: str
    diff: str


@dataclass
class HistoryEntry:
    """One line of the log: the events of one step, with the version the step wrote (if any)."""

    when: object
    labels: list[str]
    by: list[str]
    editors: list[str]
    comments: list[str] = field(default_factory=list)
    record: object = None
    previous: object = None
    version_url: str = ""
    changes: list[FieldChange] = field(default_factory=list)


def _event_label(event) -> str:
    if event.kind == Kind.IMPORTED and event.source:
        return gettext("imported from %(file)s") % {"file": event.source}
    return str(event.get_kind_display())


def _record_label(record, previous) -> str:
    """What an old record, written before the editorial log, most likely was."""
    if is_import(record):
        return str(Kind.IMPORTED.label)
    if record.history_type == "+":
        return str(Kind.CREATED.label)
    if record.history_type == "-":
        return gettext("deleted")
    if previous is not None and previous.status != record.status:
        if record.status == Status.PUBLISHED:
            scheduled = record.publish_at and record.publish_at > record.history_date
            return str((Kind.SCHEDULED if scheduled else Kind.PUBLISHED).label)
        if record.status == Status.UNPUBLISHED:
            return str(Kind.UNPUBLISHED.label)
        if record.status == Status.IN_REVIEW:
            return str(Kind.SUBMITTED.label)
    return str(Kind.EDITED.label)


def _unique(names):
    return list(dict.fromkeys(n for n in names if n))


def _entry_for_events(events, record=None, previous=None) -> HistoryEntry:
    """A line for the events of one step (oldest first), paired with ``record`` if it wrote one."""
    by = _unique(person(e.actor) if e.actor else None for e in events)
    if not by:
        imported = any(e.kind == Kind.IMPORTED for e in events)
        by = [gettext("a file import") if imported else gettext("the system")]
    comments = [e.comment for e in events if e.comment]
    return HistoryEntry(
        when=record.history_date if record is not None else events[-1].at,
        labels=_unique(_event_label(e) for e in events),
        by=by,
        editors=_unique(person(e.editor) if e.editor else None for e in events),
        comments=comments,
        record=record,
        previous=previous,
    )


def _entry_for_record(record, previous) -> HistoryEntry:
    """A line for a record the editorial log has no event for: labelled from the record."""
    user = record.history_user
    if user is not None:
        by = [person(user)]
    else:
        by = [gettext("a file import") if is_import(record) else gettext("the system")]
    reason = record.history_change_reason
    return HistoryEntry(
        when=record.history_date,
        labels=[_record_label(record, previous)],
        by=by,
        editors=[person(user)] if user is not None else [],
        comments=[reason] if reason and not is_import(record) else [],
        record=record,
        previous=previous,
    )


def field_label(model, name) -> str:
    """A field's name for the log; a translated column's with its language: "Summary (Russian)"."""
    label = capfirst(model._meta.get_field(name).verbose_name)
    if (translated := language_columns(model).get(name)) is not None:
        return f"{label} ({language_label(translated[1])})"
    return label


def _display(value, model_field) -> str:
    empty = gettext("(empty)")
    if value in (None, ""):
        return empty
    if isinstance(model_field, models.FileField):
        return str(value)  # a stored name; the record holds no file object to link to
    return display_for_field(value, model_field, empty)


def field_changes(model, record, previous) -> list[FieldChange]:
    """What changed from ``previous`` to ``record``, field by field, in the form's order."""
    if previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        model_field = model._meta.get_field(change.field)
        if not model_field.editable:
            continue  # timestamps and derived sizes: every save changes them
        text = isinstance(model_field, (models.CharField, models.TextField))
        rich = isinstance(model_field, RichTextField)
        if rich and not has_changes(change.old, change.new, html=True):
            diff = gettext("Formatting only; the text is the same.")
        elif text and not model_field.choices:
            diff = word_diff(
                change.old,
                change.new,
                html=rich,
                context=DIFF_CONTEXT,
            )
        else:
            diff = format_html(
                "<del>{}</del> → <ins>{}</ins>",
                _display(change.old, model_field),
                _display(change.new, model_field),
            )
        changes.append(FieldChange(field_label(model, change.field), diff))
    return changes


def history_entries(obj, records) -> list[HistoryEntry]:
    """``obj``'s log, newest first: each history record with the events that wrote it, and the
    events that wrote no record (a working copy submitted, a copy sent back) on lines of their
    own. ``records``: its history records, newest first."""
    records = list(records)
    known = {record.history_id for record in records}
    by_record, loose = defaultdict(list), []
    for event in reversed(list(editorial_log.events_for(obj))):  # oldest first
        if event.history_id in known:
            by_record[event.history_id].append(event)
        else:
            loose.append(event)
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        events = by_record.get(record.history_id)
        if events:
            entries.append(_entry_for_events(events, record, previous))
        else:
            entries.append(_entry_for_record(record, previous))
    entries.extend(_entry_for_events([event]) for event in loose)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


class EditorialHistoryMixin:
    """For a SimpleHistoryAdmin of content: the history as an editorial log, and restoring a
    version through review (``history_form_view``) instead of writing it live."""

    object_history_template = "admin/cooperation/history/object_history.html"
    object_history_form_template = "admin/cooperation/history/restore_form.html"
    confirm_replace_template = "admin/cooperation/history/confirm_replace.html"
    history_list_per_page = 50

    def _url(self, name, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def _in_restore_view(self, request) -> bool:
        match = request.resolver_match
        return match is not None and match.url_name.endswith("_simple_history")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # A restore decides the status itself (for review, or published): the version's
        # status is shown, not offered for editing.
        if self._in_restore_view(request) and "status" not in readonly:
            readonly.append("status")
        return readonly

    # The log -------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        """The item's editorial log, newest first, paginated."""
        request.current_app = self.admin_site.name
        object_id = unquote(object_id)
        records = self.get_history_queryset(
            request, self.model.history, self.opts.pk.attname, object_id
        )
        try:
            obj = self.get_queryset(request).filter(pk=object_id).first()
            latest = records.first()
        except (ValueError, ValidationError):
            raise Http404 from None
        if obj is None:
            if latest is None:
                raise Http404
            obj = latest.instance  # a deleted item: its history is all there is
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        revert_disabled = self.revert_disabled(request, obj)
        paginator = Paginator(history_entries(obj, records), self.history_list_per_page)
        page_obj = paginator.get_page(request.GET.get(PAGE_VAR))
        for entry in page_obj:
            # Diffs only for the lines shown: a long history is not diffed whole per page.
            if entry.record is None:
                continue
            entry.changes = field_changes(self.model, entry.record, entry.previous)
            if not revert_disabled and entry.record.history_type != "-":
                entry.version_url = self._url("simple_history", obj.pk, entry.record.history_id)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %(item)s") % {"item": obj},
            "opts": self.opts,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "object": obj,
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.num_pages > 1,
            "revert_disabled": revert_disabled,
            "pending_change": workflow.pending_change_for(obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    # Restoring -----------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One old version as a form; posting it restores it (see :meth:`restore`)."""
        request.current_app = self.admin_site.name
        live = self.get_object(request, unquote(object_id))
        if live is None:
            # Re-creating a deleted item would skip review; it is not offered here.
            raise Http404
        try:
            version = live.history.filter(history_id=version_id).first()
        except (ValueError, ValidationError):
            raise Http404 from None
        if version is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, live):
            raise PermissionDenied
        revert_disabled = self.revert_disabled(request, live)
        if request.method == "POST" and revert_disabled:
            raise PermissionDenied
        copy = workflow.pending_change_for(live)
        token = replacement_token(copy) if copy is not None else ""
        someone_elses = copy is not None and copy.author_id != request.user.pk
        given = request.POST.get(REPLACE_FIELD) or request.GET.get(REPLACE_FIELD)
        if someone_elses and not revert_disabled and given != token:
            return self.confirm_replace_view(request, live, version, copy, token)
        can_publish = self.has_publish_permission(request)
        if request.method == "POST":
            publish = RESTORE_AND_PUBLISH_BUTTON in request.POST
            if publish and not can_publish:
                raise PermissionDenied
            restored = self._version_on(live, version)
            form = self.get_form(request, restored)(request.POST, request.FILES, instance=restored)
            if form.is_valid():
                return self.restore(request, live, version, form, publish=publish)
            # An invalid form: django-simple-history shows it again with its errors.
        context = {
            "version_date": version_date(version),
            "pending_change": copy,
            "replace_token": token if someone_elses else "",
            "can_publish": can_publish,
            "live_is_public": live.status in workflow.PUBLIC_STATUSES,
            "restore_button": RESTORE_BUTTON,
            "restore_and_publish_button": RESTORE_AND_PUBLISH_BUTTON,
            "original_opts": self.opts,
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, context)

    def history_form_view_title(self, request, obj):
        return gettext("Version of %(item)s") % {"item": obj}

    def _version_on(self, live, version):
        """The live item, loaded afresh, with ``version``'s values: saving it updates the item
        (its stored state says it exists) rather than inserting a copy."""
        obj = type(live)._default_manager.get(pk=live.pk)
        for model_field in obj._meta.concrete_fields:
            if not model_field.primary_key:
                setattr(obj, model_field.attname, getattr(version, model_field.attname))
        return obj

    def confirm_replace_view(self, request, live, version, copy, token):
        """Asks before a restore replaces someone else's working copy (nothing is written)."""
        url = self._url("simple_history", live.pk, version.history_id)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Replace the working copy by %(author)s?")
            % {"author": person(copy.author) if copy.author else gettext("someone")},
            "opts": self.opts,
            "object": live,
            "change": copy,
            "author": person(copy.author) if copy.author else gettext("someone"),
            "version_date": version_date(version),
            "continue_url": f"{url}?{REPLACE_FIELD}={token}",
            "history_url": self._url("history", live.pk),
            "change_url": self._url("change", live.pk),
        }
        return TemplateResponse(request, self.confirm_replace_template, context)

    @transaction.atomic
    def restore(self, request, live, version, form, *, publish=False):
        """Make ``form``'s values (``version``, perhaps edited) the item's next version.

        Published or unpublished items get a working copy submitted for review; an item never
        made public is itself submitted for review; ``publish`` (publishers only) puts the
        version live at once. Each way records a "restored" event naming the version's date.
        """
        obj = form.save(commit=False)
        when = version_date(version)
        comment = gettext("Restored the version of %(when)s.") % {"when": when}
        user = request.user
        replaced = workflow.pending_change_for(live)
        if replaced is not None and replaced.author_id != user.pk:
            # The restorer confirmed replacing this copy; its author is told it is gone.
            workflow.discard_working_copy(live, user)
            notifications.tell_editor(editorial_log.last_event(live, Kind.DISCARDED))
        if publish:
            obj.status = Status.PUBLISHED
            obj._history_user = user  # django-simple-history's documented way to name the author
            obj.save()
            form.save_m2m()
            workflow.discard_working_copy(obj, user)  # the restorer's own copy, superseded
            editorial_log.record(obj, Kind.RESTORED, user, comment=comment)
            scheduled = obj.publish_at is not None and obj.publish_at > timezone.now()
            editorial_log.record(obj, Kind.SCHEDULED if scheduled else Kind.PUBLISHED, user)
            text = (
                _("The version of %(when)s was restored and scheduled to go live.")
                if scheduled
                else _("The version of %(when)s was restored and published.")
            )
            message = [{"changed": {"fields": form.changed_data}}]
        elif live.status in workflow.PUBLIC_STATUSES:
            # Submitting the copy tells the publishers (once per submission: not again here).
            workflow.save_form_as_working_copy(form, user, submit=True)
            editorial_log.record(obj, Kind.RESTORED, user, comment=comment, history=False)
            text = _(
                "The version of %(when)s was restored as a working copy and submitted for "
                "review. The public still sees the published version."
            )
            message = [
                {
                    "changed": {
                        "name": str(_("working copy")),
                        "object": str(obj),
                        "fields": form.changed_data,
                    }
                }
            ]
        else:
            # Never made public: the item itself is the draft, and goes to review.
            # Submitted as any draft is (the submission names the restorer, and tells the
            # publishers once), whatever state the old version was in.
            obj.status = Status.DRAFT
            obj.publish_at = live.publish_at  # scheduling is a publisher's step, not a restore's

            def save():
                obj._history_user = user  # django-simple-history's documented way
                obj.save()
                form.save_m2m()

            workflow.submit(obj, user, save=save)
            editorial_log.record(obj, Kind.RESTORED, user, comment=comment)
            text = _("The version of %(when)s was restored and submitted for review.")
            message = [{"changed": {"fields": form.changed_data}}]
        self.log_change(request, obj, message)
        self.message_user(request, text % {"when": when}, messages.SUCCESS)
        return HttpResponseRedirect(self._url("change", obj.pk))
