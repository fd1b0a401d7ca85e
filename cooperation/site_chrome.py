"""What every page's footer lists — the missions selector and the footer's pages — in one query.

The options come from published content: missions grouped by kind, institutions
flagged for the selector (the Foreign Ministry), and pages flagged for the footer
(the accessibility statement). One UNION query keeps the chrome's cost fixed.
"""

from dataclasses import dataclass, field
from operator import itemgetter

from django.db.models import CharField, Value
from django.utils import timezone

from .missions_selector import INSTITUTION_PREFIX, MISSION_PREFIX, Option, OptionGroup
from .models import DiplomaticMission, Institution, Page
from .prepared import PreparedQuery, loaded_instance, now_parameter

PAGE_PREFIX = "page:"


@dataclass
class SiteChrome:
    selector_groups: list[OptionGroup] = field(default_factory=list)
    footer_pages: list[Page] = field(default_factory=list)


def _options():
    """Every option of the selector and every footer page, as (prefix, slug, label, group)."""
    text = CharField()
    now = now_parameter()

    def rows(queryset, prefix, label, group):
        return queryset.order_by().values_list(
            Value(prefix, output_field=text), "slug", label, group
        )

    missions = rows(DiplomaticMission.objects.published(at=now), MISSION_PREFIX, "name", "kind")
    institutions = rows(
        Institution.objects.published(at=now).filter(in_missions_selector=True),
        INSTITUTION_PREFIX,
        "name",
        Value("", output_field=text),
    )
    pages = rows(
        Page.objects.published(at=now).filter(in_footer=True),
        PAGE_PREFIX,
        "title",
        Value("", output_field=text),
    )
    return missions.union(institutions, pages, all=True).order_by()


# Every page prints the chrome: its query is compiled once (see cooperation.prepared).
OPTIONS = PreparedQuery(_options)


def site_chrome() -> SiteChrome:
    """The footer's options and pages, read now (one query)."""
    return from_options(OPTIONS.rows(now=timezone.now()))


def from_options(rows) -> SiteChrome:
    """The chrome from the rows of :data:`OPTIONS` (a page may read them with its own)."""
    chrome = SiteChrome()
    groups: dict[str, list[Option]] = {}
    for prefix, slug, label, group in sorted(rows, key=itemgetter(3, 2)):
        if prefix == PAGE_PREFIX:
            chrome.footer_pages.append(loaded_instance(Page, {"slug": slug, "title": label}))
        else:
            groups.setdefault(group, []).append(Option(prefix + slug, label))
    kind_labels = DiplomaticMission.KIND_PLURALS
    chrome.selector_groups = [
        OptionGroup(str(kind_labels.get(kind, "")), tuple(groups[kind]))
        for kind in ["", *kind_labels]
        if kind in groups
    ]
    return chrome
