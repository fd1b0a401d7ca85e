"""What the public may see of content that hangs off other content.

An item is public only when it and everything it belongs to are published: a
published milestone of an unpublished organization stays hidden.
"""

from .models import Cooperation, Milestone, Organization, Project


def public_organizations():
    return Organization.objects.published()


def public_milestones():
    return Milestone.objects.published().filter(
        cooperation__in=Cooperation.objects.published(),
        cooperation__organization__in=public_organizations(),
    )


def public_projects():
    return Project.objects.published().filter(organization__in=public_organizations())
