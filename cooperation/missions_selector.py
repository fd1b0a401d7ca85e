"""The footer's "Belarusian Diplomatic Missions — Go to" selector: its options and where each leads.

A choice is a token such as ``mission:embassy-germany``; the redirect target is
always looked up from published content, never taken from the request.
"""

from typing import NamedTuple

from django.urls import reverse

from .models import DiplomaticMission, Institution

MISSION_PREFIX = "mission:"
INSTITUTION_PREFIX = "institution:"


# Named tuples: every page's footer builds a few dozen of them.
class Option(NamedTuple):
    value: str
    label: str
    lang: str = ""  # "en" where the label is English standing in for a translation


class OptionGroup(NamedTuple):
    label: str
    options: tuple[Option, ...]


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
