"""The admin dashboard: what needs each person's attention — what they were told, their drafts
and working copies, what waits for their review, what they sent and what came back, scheduled
items, recent changes, items missing a translation."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation import editorial_log, notifications, workflow
from cooperation.models import EditorialEvent, PendingChange, Status
from cooperation.models.natural_keys import key_select_related
from cooperation.models.translation import (
    TRANSLATION_LANGUAGES,
    lacks_translation,
    language_label,
    missing_languages,
)
from cooperation.roles import content_models
from cooperation.workflow import can_publish

register = template.Library()
Kind = EditorialEvent.Kind
RECENT = 10
UNTRANSLATED = 20


@dataclass
class Entry:
    """One line of a dashboard list."""

    label: str
    kind: str
    url: str
    when: datetime | None
    note: str = ""
    comment: str = ""


def _entry(obj, when, note="", comment=""):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return Entry(str(obj), str(opts.verbose_name).capitalize(), url, when, note, comment)


def _submission_note(obj):
    event = editorial_log.last_event(obj, Kind.SUBMITTED)
    if event is None:
        return "", None
    who = event.actor or _("someone")
    return _("submitted by %(who)s") % {"who": who}, event


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    """Everything the signed-in person's dashboard lists: what they were told, their drafts and
    working copies, what waits for their review, what they sent and what came back, what is
    scheduled, what changed lately and what lacks a translation."""
    user = context["request"].user
    now = timezone.now()
    in_review, scheduled, recent, untranslated = [], [], [], []
    mine, sent, came_back = [], [], []
    untranslated_count = 0
    for model in content_models():
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        publisher = can_publish(user, model)
        content_type = ContentType.objects.get_for_model(model)
        worked_on = EditorialEvent.objects.filter(
            content_type=content_type, actor=user, kind__in=[Kind.CREATED, Kind.EDITED]
        ).values("object_id")
        mine += [
            _entry(o, o.updated_at, _standing_note(o))
            for o in listed(model).filter(status=Status.DRAFT, pk__in=worked_on)
        ]
        for o in listed(model).filter(status=Status.IN_REVIEW):
            note, event = _submission_note(o)
            entry = _entry(o, event.at if event else o.updated_at, note)
            if publisher:
                in_review.append(entry)
            if event is not None and event.actor_id == user.pk:
                sent.append(entry)
        scheduled += [
            _entry(o, o.publish_at)
            for o in listed(model).filter(status=Status.PUBLISHED, publish_at__gt=now)
        ]
        recent += [_entry(o, o.updated_at) for o in listed(model).order_by("-updated_at")[:RECENT]]
        lacking = Q()
        for language in TRANSLATION_LANGUAGES:
            lacking |= lacks_translation(model, language)
        items = listed(model).filter(lacking).order_by("-updated_at")
        untranslated_count += items.count()
        untranslated += [_entry(o, o.updated_at, _missing_note(o)) for o in items[:UNTRANSLATED]]
    for change in PendingChange.objects.select_related("author", "content_type"):
        item = change.content_object
        if item is None or not user.has_perm(
            f"{item._meta.app_label}.view_{item._meta.model_name}"
        ):
            continue
        if change.in_review:
            note, event = _submission_note(item)
            entry = _entry(item, event.at if event else change.updated_at, _("working copy"))
            entry.note = ", ".join(filter(None, [str(entry.note), str(note)]))
            if can_publish(user, type(item)):
                in_review.append(entry)
            if (event.actor_id if event else change.author_id) == user.pk:
                sent.append(entry)
        elif change.author_id == user.pk:
            mine.append(_entry(item, change.updated_at, _standing_note(item, copy=True)))
    for event in (
        EditorialEvent.objects.filter(editor=user, kind=Kind.SENT_BACK)
        .select_related("actor", "content_type")
        .order_by("-at")[:RECENT]
    ):
        item = event.content_object
        latest = item and editorial_log.last_event(item, *workflow.REVIEW_KINDS)
        if latest is not None and latest.pk == event.pk:  # not resubmitted or published since
            who = event.actor or _("a publisher")
            came_back.append(
                _entry(item, event.at, _("sent back by %(who)s") % {"who": who}, event.comment)
            )
    told = [
        Entry(
            notifications.message(note.event),
            note.event.get_kind_display(),
            notifications.item_admin_url(note.event),
            note.event.at,
        )
        for note in notifications.unread_for(user)[:RECENT]
        if note.event.content_object is not None
    ]
    return {
        "told": told,
        "mine": sorted(mine, key=lambda e: e.when, reverse=True),
        "in_review": sorted(in_review, key=lambda e: e.when, reverse=True),
        "sent": sorted(sent, key=lambda e: e.when, reverse=True),
        "came_back": came_back,
        "scheduled": sorted(scheduled, key=lambda e: e.when),
        "recent": sorted(recent, key=lambda e: e.when, reverse=True)[:RECENT],
        "untranslated": sorted(untranslated, key=lambda e: e.when, reverse=True)[:UNTRANSLATED],
        "untranslated_count": untranslated_count,
    }


@register.simple_tag(takes_context=True)
def my_recent_events(context, limit=RECENT):
    """The signed-in person's latest editorial steps, labelled (for the dashboard's sidebar,
    in place of Django's "Recent actions", which cannot tell a working copy from a publication)."""
    user = context["request"].user
    entries = []
    for event in EditorialEvent.objects.filter(actor=user).select_related("content_type")[:limit]:
        item = event.content_object
        if item is None:
            continue
        entries.append(_entry(item, event.at, event.get_kind_display()))
    return entries


def _standing_note(obj, *, copy=False) -> str:
    """A draft's or working copy's note: sent back, with the comment, if it was."""
    base = _("working copy, not yet submitted") if copy else _("draft")
    latest = editorial_log.last_event(obj, *workflow.REVIEW_KINDS)
    if latest is not None and latest.kind == Kind.SENT_BACK:
        return _("%(base)s — sent back: %(comment)s") % {"base": base, "comment": latest.comment}
    return base


def listed(model):
    """The model's items with what their names read (a cooperation is named by its
    organization): one query per list, not one per item."""
    related = key_select_related(model)
    return model.objects.select_related(*related) if related else model.objects.all()


def _missing_note(obj) -> str:
    names = [language_label(code) for code in missing_languages(obj)]
    return _("no translation: %(languages)s") % {"languages": ", ".join(names)}
