"""The admin dashboard: what needs attention — items in review, scheduled items, recent changes,
items missing a translation."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import PendingChange, Status
from cooperation.models.natural_keys import key_select_related
from cooperation.models.translation import (
    TRANSLATION_LANGUAGES,
    lacks_translation,
    language_label,
    missing_languages,
)
from cooperation.roles import content_models

register = template.Library()
RECENT = 10
UNTRANSLATED = 20


@dataclass
class Entry:
    label: str
    kind: str
    url: str
    when: datetime | None
    note: str = ""


def _entry(obj, when, note=""):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return Entry(str(obj), str(opts.verbose_name).capitalize(), url, when, note)


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    user = context["request"].user
    now = timezone.now()
    in_review, scheduled, recent, untranslated = [], [], [], []
    untranslated_count = 0
    for model in content_models():
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        in_review += [
            _entry(o, o.updated_at) for o in listed(model).filter(status=Status.IN_REVIEW)
        ]
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
    for change in PendingChange.objects.filter(in_review=True).select_related("author"):
        if change.content_object is not None:
            in_review.append(
                _entry(change.content_object, change.updated_at, _("working copy of a public item"))
            )
    return {
        "in_review": sorted(in_review, key=lambda e: e.when, reverse=True),
        "scheduled": sorted(scheduled, key=lambda e: e.when),
        "recent": sorted(recent, key=lambda e: e.when, reverse=True)[:RECENT],
        "untranslated": sorted(untranslated, key=lambda e: e.when, reverse=True)[:UNTRANSLATED],
        "untranslated_count": untranslated_count,
    }


def listed(model):
    """The model's items with what their names read (a cooperation is named by its
    organization): one query per list, not one per item."""
    return model.objects.select_related(*key_select_related(model))


def _missing_note(obj) -> str:
    names = [language_label(code) for code in missing_languages(obj)]
    return _("no translation: %(languages)s") % {"languages": ", ".join(names)}
