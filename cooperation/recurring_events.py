"""Milestones that recur — the same event in several years, such as the IOM's senior officials
visiting Belarus — shown as one entry that lists every date, instead of the same title again
and again.

Milestones recur when an organization has them under the same title as the page's language
shows it (English standing in for a missing translation), and on a page that shows
descriptions, the same description too: no text is lost by grouping.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import F, Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from .models import Milestone
from .models.translation import LANGUAGE_CODES, SOURCE_LANGUAGE, column


@dataclass
class RecurringEvent:
    """One entry of a timeline: milestones of one organization under one title, oldest first.
    The first stands for them all (title, description, link); each gives a date."""

    milestones: list[Milestone] = field(default_factory=list)

    @property
    def first(self) -> Milestone:
        return self.milestones[0]

    @property
    def latest(self) -> Milestone:
        return self.milestones[-1]


def group_recurring(milestones, with_description=False) -> list[RecurringEvent]:
    """``milestones`` as entries, one per organization and title (and description, if
    ``with_description``), ordered by each entry's first milestone in the given order; each
    entry's milestones by date."""
    events: dict[tuple, RecurringEvent] = {}
    for milestone in milestones:
        key = (milestone.organization_id, milestone.title)
        if with_description:
            key += (milestone.description,)
        events.setdefault(key, RecurringEvent()).milestones.append(milestone)
    for event in events.values():
        event.milestones.sort(key=lambda m: (m.date, m.title_en))
    return list(events.values())


def shown_title(language: str):
    """A milestone's title as a page in ``language`` shows it, as a database expression."""
    if language not in LANGUAGE_CODES or language == SOURCE_LANGUAGE:
        return F(column("title", SOURCE_LANGUAGE))
    return Coalesce(
        NullIf(column("title", language), Value("")), F(column("title", SOURCE_LANGUAGE))
    )


def latest_events(milestones: QuerySet, language: str, count: int) -> list[RecurringEvent]:
    """The ``count`` entries with the most recent milestones, newest first, each with all its
    milestones (their organizations fetched): two queries, however many milestones there are
    — the entries' keys, grouped in the database, then their milestones."""
    milestones = milestones.annotate(shown_title=shown_title(language))
    keys = list(
        milestones.values_list("organization_id", "shown_title")
        .annotate(latest=Max("date"))
        .order_by("-latest", "shown_title")[:count]
    )
    if not keys:
        return []
    chosen = milestones.filter(
        reduce(or_, (Q(organization_id=org, shown_title=title) for org, title, _ in keys))
    ).select_related("organization")
    events = {
        (event.first.organization_id, event.first.title): event for event in group_recurring(chosen)
    }
    return [events[org, title] for org, title, _ in keys if (org, title) in events]
