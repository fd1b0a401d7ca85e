"""The footer's "Belarusian Diplomatic Missions — Go to" selector: its options and where each leads.

A choice is a token such as ``mission:embassy-germany``; the redirect target is
always looked up from published content, never taken from the request.
"""

from dataclasses import dataclass

from django.db.models import CharField, Value
from django.urls import reverse

from .models import DiplomaticMission, Institution

ALL_MISSIONS = "all"
MISSION_PREFIX = "mission:"
INSTITUTION_PREFIX = "institution:"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: tuple[Option, ...]


def selector_groups() -> list[OptionGroup]:
    """Published missions grouped by kind, after the linked institutions — in one query."""
    text = CharField()
    missions = (
        DiplomaticMission.objects.published()
        .order_by()
        .values_list(Value(MISSION_PREFIX, output_field=text), "slug", "name", "kind")
    )
    institutions = (
        Institution.objects.published()
        .filter(in_missions_selector=True)
        .order_by()
        .values_list(
            Value(INSTITUTION_PREFIX, output_field=text),
            "slug",
            "name",
            Value("", output_field=text),
        )
    )
    rows = sorted(missions.union(institutions, all=True).order_by(), key=lambda r: (r[3], r[2]))

    kind_labels = DiplomaticMission.KIND_PLURALS
    groups: dict[str, list[Option]] = {}
    for prefix, slug, name, kind in rows:
        groups.setdefault(kind, []).append(Option(f"{prefix}{slug}", name))
    ordered_kinds = [""] + list(kind_labels)
    return [
        OptionGroup(str(kind_labels.get(kind, "")), tuple(groups[kind]))
        for kind in ordered_kinds
        if kind in groups
    ]


def destination_for(choice: str | None) -> str:
    """The URL a selector choice leads to; the directory for anything unknown."""
    directory = reverse("cooperation:mission-list")
    if not choice:
        return directory
    if choice.startswith(MISSION_PREFIX):
        slug = choice.removeprefix(MISSION_PREFIX)
        mission = DiplomaticMission.objects.published().filter(slug=slug).first()
        if mission is not None:
            return mission.get_absolute_url()
    elif choice.startswith(INSTITUTION_PREFIX):
        slug = choice.removeprefix(INSTITUTION_PREFIX)
        website = (
            Institution.objects.published()
            .filter(slug=slug, in_missions_selector=True)
            .exclude(website="")
            .values_list("website", flat=True)
            .first()
        )
        if website:
            return website
    return directory
