"""The admin dashboard: what needs attention — items in review, scheduled items, recent changes."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.urls import reverse
from django.utils import timezone

from cooperation.models import PendingChange, Status
from cooperation.roles import content_models

register = template.Library()
RECENT = 10


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
    in_review, scheduled, recent = [], [], []
    for model in content_models():
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        in_review += [
            _entry(o, o.updated_at) for o in model.objects.filter(status=Status.IN_REVIEW)
        ]
        scheduled += [
            _entry(o, o.publish_at)
            for o in model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
        ]
        recent += [_entry(o, o.updated_at) for o in model.objects.order_by("-updated_at")[:RECENT]]
    for change in PendingChange.objects.filter(in_review=True).select_related("author"):
        if change.content_object is not None:
            in_review.append(
                _entry(change.content_object, change.updated_at, "working copy of a public item")
            )
    return {
        "in_review": sorted(in_review, key=lambda e: e.when, reverse=True),
        "scheduled": sorted(scheduled, key=lambda e: e.when),
        "recent": sorted(recent, key=lambda e: e.when, reverse=True)[:RECENT],
    }
