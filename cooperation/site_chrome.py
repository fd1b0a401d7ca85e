"""What every page's footer lists — the missions selector's options and the footer's pages —
read in one query.

The options come from published content: missions grouped by kind, institutions flagged
for the selector (the Foreign Ministry), pages flagged for the footer (the accessibility
statement), and the institution that publishes the site, which the header and footer name.
One UNION keeps the chrome's cost fixed however much there is.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import CharField, Value
from django.utils.translation import get_language

from .missions_selector import INSTITUTION_PREFIX, MISSION_PREFIX, Option, OptionGroup
from .models import DiplomaticMission, Institution, Page
from .models.translation import LANGUAGE_CODES, SOURCE_LANGUAGE, alphabetical, column

PAGE_PREFIX = "page:"
PUBLISHER_PREFIX = "publisher:"


class FooterLink(NamedTuple):
    title: str
    url: str
    lang: str = ""


class Publisher(NamedTuple):
    """The body whose site this is, named in the page's language (``lang`` set where its
    English name stands in), with its website ("" where the content has none)."""

    name: str
    website: str
    lang: str = ""


@dataclass
class SiteChrome:
    selector_groups: list[OptionGroup] = field(default_factory=list)
    footer_pages: list[FooterLink] = field(default_factory=list)
    publisher: Publisher | None = None


def option_rows(language):
    """Every option of the selector, every footer page and the publisher, as (prefix, slug,
    label in ``language``, label in English, group, website)."""
    text = CharField()
    blank = Value("", output_field=text)

    def rows(queryset, prefix, label, group=blank, website=blank):
        labels = (column(label, language), column(label, SOURCE_LANGUAGE))
        return queryset.order_by().values_list(
            Value(prefix, output_field=text), "slug", *labels, group, website
        )

    institutions = Institution.objects.published()
    missions = rows(DiplomaticMission.objects.published(), MISSION_PREFIX, "name", "kind")
    selectable = rows(institutions.filter(in_missions_selector=True), INSTITUTION_PREFIX, "name")
    pages = rows(Page.objects.published().filter(in_footer=True), PAGE_PREFIX, "title")
    publisher = rows(
        institutions.filter(publishes_site=True), PUBLISHER_PREFIX, "name", website="website"
    )
    return missions.union(selectable, pages, publisher, all=True).order_by()


def site_chrome() -> SiteChrome:
    """The footer's options, grouped and labelled in the active language (English where a
    label has no translation, marked as such), its pages, and the site's publisher."""
    language = get_language()
    if language not in LANGUAGE_CODES:
        language = SOURCE_LANGUAGE
    chrome = SiteChrome()
    groups: dict[str, list[Option]] = {}
    rows = [
        (prefix, slug, label or english, "" if label else SOURCE_LANGUAGE, group, website)
        for prefix, slug, label, english, group, website in option_rows(language)
    ]
    for prefix, slug, label, lang, group, website in sorted(
        rows, key=lambda row: (row[4], alphabetical(row[2], language))
    ):
        if prefix == PUBLISHER_PREFIX:
            chrome.publisher = Publisher(label, website, lang)
        elif prefix == PAGE_PREFIX:
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
