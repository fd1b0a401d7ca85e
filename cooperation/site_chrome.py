"""What every page's footer lists — the missions selector's options and the footer's pages —
read in one query.

The options come from published content: missions grouped by kind, institutions flagged
for the selector (the Foreign Ministry), and pages flagged for the footer (the
accessibility statement). One UNION keeps the chrome's cost fixed however much there is.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import CharField, Value
from django.utils.translation import get_language

from .missions_selector import INSTITUTION_PREFIX, MISSION_PREFIX, Option, OptionGroup
from .models import DiplomaticMission, Institution, Page
from .models.translation import LANGUAGE_CODES, SOURCE_LANGUAGE, alphabetical, column

PAGE_PREFIX = "page:"


class FooterLink(NamedTuple):
    title: str
    url: str
    lang: str = ""


@dataclass
class SiteChrome:
    selector_groups: list[OptionGroup] = field(default_factory=list)
    footer_pages: list[FooterLink] = field(default_factory=list)


def option_rows(language):
    """Every option of the selector and every footer page, as (prefix, slug, label in
    ``language``, label in English, group)."""
    text = CharField()

    def rows(queryset, prefix, label, group):
        labels = (column(label, language), column(label, SOURCE_LANGUAGE))
        return queryset.order_by().values_list(
            Value(prefix, output_field=text), "slug", *labels, group
        )

    no_group = Value("", output_field=text)
    missions = rows(DiplomaticMission.objects.published(), MISSION_PREFIX, "name", "kind")
    institutions = rows(
        Institution.objects.published().filter(in_missions_selector=True),
        INSTITUTION_PREFIX,
        "name",
        no_group,
    )
    pages = rows(Page.objects.published().filter(in_footer=True), PAGE_PREFIX, "title", no_group)
    return missions.union(institutions, pages, all=True).order_by()


def site_chrome() -> SiteChrome:
    """The footer's options, grouped and labelled in the active language (English where a
    label has no translation, marked as such), and its pages."""
    language = get_language()
    if language not in LANGUAGE_CODES:
        language = SOURCE_LANGUAGE
    chrome = SiteChrome()
    groups: dict[str, list[Option]] = {}
    rows = [
        (prefix, slug, label or english, "" if label else SOURCE_LANGUAGE, group)
        for prefix, slug, label, english, group in option_rows(language)
    ]
    for prefix, slug, label, lang, group in sorted(
        rows, key=lambda row: (row[4], alphabetical(row[2], language))
    ):
        if prefix == PAGE_PREFIX:
            url = Page(slug=slug).get_absolute_url()
            chrome.footer_pages.append(FooterLink(label, url, lang))
        else:
            groups.setdefault(group, []).append(Option(prefix + slug, label, lang))
    kind_labels = DiplomaticMission.KIND_PLURALS
    chrome.selector_groups = [
        OptionGroup(str(kind_labels.get(kind, "")), tuple(groups[kind]))
        for kind in ["", *kind_labels]
        if kind in groups
    ]
    return chrome
