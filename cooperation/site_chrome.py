"""What every page's footer lists — the missions selector's options and the footer's pages —
read in one query.

The options come from published content: missions grouped by kind, institutions flagged
for the selector (the Foreign Ministry), and pages flagged for the footer (the
accessibility statement). One UNION keeps the chrome's cost fixed however much there is.
"""

from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from django.db.models import CharField, Value

from .missions_selector import INSTITUTION_PREFIX, MISSION_PREFIX, Option, OptionGroup
from .models import DiplomaticMission, Institution, Page

PAGE_PREFIX = "page:"


class FooterLink(NamedTuple):
    title: str
    url: str


@dataclass
class SiteChrome:
    selector_groups: list[OptionGroup] = field(default_factory=list)
    footer_pages: list[FooterLink] = field(default_factory=list)


def option_rows():
    """Every option of the selector and every footer page, as (prefix, slug, label, group)."""
    text = CharField()

    def rows(queryset, prefix, group):
        return queryset.order_by().values_list(Value(prefix, output_field=text), "slug", *group)

    missions = rows(DiplomaticMission.objects.published(), MISSION_PREFIX, ("name", "kind"))
    no_group = ("name", Value("", output_field=text))
    institutions = rows(
        Institution.objects.published().filter(in_missions_selector=True),
        INSTITUTION_PREFIX,
        no_group,
    )
    pages = rows(
        Page.objects.published().filter(in_footer=True),
        PAGE_PREFIX,
        ("title", Value("", output_field=text)),
    )
    return missions.union(institutions, pages, all=True).order_by()


def site_chrome() -> SiteChrome:
    """The footer's options, grouped and labelled in the active language, and its pages."""
    chrome = SiteChrome()
    groups: dict[str, list[Option]] = {}
    for prefix, slug, label, group in sorted(option_rows(), key=itemgetter(3, 2)):
        if prefix == PAGE_PREFIX:
            url = Page(slug=slug).get_absolute_url()
            chrome.footer_pages.append(FooterLink(label, url))
        else:
            groups.setdefault(group, []).append(Option(prefix + slug, label))
    kind_labels = DiplomaticMission.KIND_PLURALS
    chrome.selector_groups = [
        OptionGroup(str(kind_labels.get(kind, "")), tuple(groups[kind]))
        for kind in ["", *kind_labels]
        if kind in groups
    ]
    return chrome
