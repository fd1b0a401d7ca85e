"""What the home page shows, for the public, in three prepared queries.

The site's front door is its most visited page. Its three reads — the introduction, the
published organizations and the latest milestones — are the querysets the ORM would run
(``cooperation.visibility`` says what is public), compiled once per process
(:class:`~cooperation.prepared.PreparedQuery`) and run with the request's time.
"""

from dataclasses import dataclass

from django.utils import timezone

from .models import Milestone, Organization, Page
from .prepared import PreparedQuery, now_parameter
from .visibility import public_milestones, public_organizations

LATEST_MILESTONES = 5


@dataclass
class HomePage:
    introduction: Page | None
    organizations: list[Organization]
    latest_milestones: list[Milestone]


_INTRODUCTION = PreparedQuery(
    lambda: Page.objects.published(at=now_parameter()).filter(slug=Page.HOME)[:1]
)

_ORGANIZATIONS = PreparedQuery(lambda: public_organizations(at=now_parameter()))

_LATEST_MILESTONES = PreparedQuery(
    lambda: (
        public_milestones(at=now_parameter())
        .select_related("organization")
        .order_by("-date", "title")[:LATEST_MILESTONES]
    )
)


def public_home() -> HomePage:
    now = timezone.now()
    introduction = _INTRODUCTION.run(now=now)
    return HomePage(
        introduction=introduction[0] if introduction else None,
        organizations=_ORGANIZATIONS.run(now=now),
        latest_milestones=_LATEST_MILESTONES.run(now=now),
    )
