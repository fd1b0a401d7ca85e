"""Atom feeds in each of the site's languages: the milestones of Belarus' cooperation, and what
was recently published or updated — site-wide, and for one organization's page.

They hold only what the public may see (``cooperation.visibility``) and are built in a fixed
number of queries, one per kind of content, however much there is. An entry's id is a tag URI
of the site's host, the day the item was created, its kind, its number and the feed's
language: it survives a new title or slug, and each language's version is an entry of its own.
A feed understands no query parameters (``query_parameters``), so a made-up one is redirected
to the feed's own address and the caches keep one copy of each.
"""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.contrib.syndication.views import Feed
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import DiplomaticMission, Organization, Page
from .models.dates import precise_date_html
from .models.translation import SOURCE_LANGUAGE, is_fallback
from .site_chrome import Publisher, site_chrome
from .visibility import (
    VisibleContentMixin,
    public_cooperations,
    public_focus_areas,
    public_frameworks,
    public_milestones,
    public_organizations,
    public_projects,
)

# The same words as every page's title, so that they are translated once.
SITE_NAME = gettext_lazy("Belarus and International Organizations")
MILESTONES_LIMIT = 30
UPDATES_LIMIT = 30


@dataclass(frozen=True)
class Entry:
    """One feed entry, as the feed generator needs it."""

    title: str
    link: str  # a path on the site; the feed makes it absolute
    summary: str | None  # HTML, or None for an entry without one
    updated: datetime.datetime
    guid: str
    category: str
    # "en" where the title is English standing in for a translation, for the entry's xml:lang.
    lang: str = ""


@dataclass(frozen=True)
class Subject:
    """What a feed is of: the request (for the host in entry ids) and the organization, if
    the feed is one organization's."""

    request: HttpRequest
    organization: Organization | None = None
    publisher: Publisher | None = None
    entries: list[Entry] = field(default_factory=list)


class LanguageTaggedAtomFeed(Atom1Feed):
    """Atom, with ``xml:lang="en"`` on an entry whose text is English standing in for the
    feed's language (as the pages mark it ``lang="en"``, WCAG 3.1.2)."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("lang"):
            attributes["xml:lang"] = item["lang"]
        return attributes


def paragraph(value) -> str:
    """Plain text as an HTML paragraph (Atom's summary is HTML), or "" for no text."""
    return format_html("<p>{}</p>", value) if value else ""


def html_summary(*parts) -> str | None:
    """The paragraphs as one summary; None, for no <summary> at all, if they are all empty."""
    summary = "".join(parts)
    return summary or None


def fallback_language(item, name: str | None) -> str:
    """ "en" if ``item.<name>`` is English standing in for the active language, else ""."""
    if name and is_fallback(item, name, get_language()):
        return SOURCE_LANGUAGE
    return ""


def last_change(item):
    """When the public saw ``item`` change: its last save, or its scheduled time if later (a
    page scheduled last week and live since this morning is this morning's news)."""
    return max(item.updated_at, item.publish_at or item.updated_at)


# The same, in SQL, to find the newest of each kind.
LAST_CHANGE = Greatest(F("updated_at"), Coalesce(F("publish_at"), F("updated_at")))


class EntryBuilder:
    """Turns items into entries with ids under the request's host, in the active language."""

    def __init__(self, request):
        self.host = split_domain_port(request.get_host())[0] or "localhost"
        self.language = get_language()

    def guid(self, item) -> str:
        created = item.created_at.astimezone(datetime.UTC).date().isoformat()
        kind = item._meta.model_name
        return f"tag:{self.host},{created}:{kind}/{item.pk}/{self.language}"

    def entry(self, item, title, link, summary=None, title_field=None) -> Entry:
        return Entry(
            title=str(title),
            link=link,
            summary=summary,
            updated=last_change(item),
            guid=self.guid(item),
            category=str(capfirst(item._meta.verbose_name)),
            lang=fallback_language(item, title_field),
        )

    def milestone(self, milestone) -> Entry:
        """The milestone's title; its date as the site shows it and its description."""
        return self.entry(
            milestone,
            milestone.title,
            milestone.get_absolute_url(),
            html_summary(
                paragraph(precise_date_html(milestone.date, milestone.date_precision)),
                paragraph(milestone.description),
            ),
            "title",
        )

    def organization(self, organization) -> Entry:
        return self.entry(
            organization,
            str(organization),
            organization.get_absolute_url(),
            html_summary(paragraph(organization.summary)),
            "name",
        )

    def cooperation(self, cooperation) -> Entry:
        return self.entry(
            cooperation,
            str(cooperation),
            cooperation.get_absolute_url(),
            html_summary(paragraph(cooperation.summary or cooperation.policy_priority)),
        )

    def focus_area(self, area, site_wide=True) -> Entry:
        """An area of work, named with its organization where the feed is not the
        organization's own: "migration control" alone says little."""
        title = area.name
        if site_wide:
            title = _("%(organization)s: %(area)s") % {
                "organization": area.organization.short_name,
                "area": area.name,
            }
        return self.entry(
            area,
            title,
            area.organization.get_absolute_url() + "#areas",
            html_summary(paragraph(area.description)),
            "name",
        )

    def framework(self, framework, organization_slug) -> Entry:
        """A framework, on the page of an organization that works under it."""
        page = reverse("cooperation:organization-detail", kwargs={"slug": organization_slug})
        return self.entry(
            framework,
            framework.name,
            page + "#frameworks",
            html_summary(paragraph(framework.description)),
            "name",
        )

    def project(self, project) -> Entry:
        return self.entry(
            project,
            project.title,
            project.get_absolute_url(),
            html_summary(paragraph(project.summary)),
            "title",
        )

    def mission(self, mission) -> Entry:
        place = ", ".join(text for text in (mission.city, mission.country) if text)
        return self.entry(
            mission,
            mission.name,
            mission.get_absolute_url(),
            html_summary(paragraph(place)),
            "name",
        )

    def page(self, page) -> Entry:
        return self.entry(
            page,
            page.title,
            page.get_absolute_url(),
            html_summary(paragraph(page.summary)),
            "title",
        )


class SiteFeed(VisibleContentMixin, Feed):
    """What every feed of the site shares: Atom, the publisher as its author, entries built
    once per request in :meth:`entries`."""

    feed_type = LanguageTaggedAtomFeed
    query_parameters = ()

    def get_object(self, request, slug=None):
        organization = None
        if slug is not None:
            organization = get_object_or_404(self.visible(public_organizations()), slug=slug)
        subject = Subject(request, organization, site_chrome().publisher)
        subject.entries.extend(self.entries(EntryBuilder(request), organization))
        return subject

    def entries(self, build: EntryBuilder, organization) -> list[Entry]:
        raise NotImplementedError

    def items(self, subject):
        return subject.entries

    def link(self, subject):
        if subject.organization is not None:
            return subject.organization.get_absolute_url()
        return reverse("cooperation:home")

    def feed_guid(self, subject):
        return subject.request.build_absolute_uri(subject.request.path)

    # Atom asks for an author: the institution that publishes the site, else the site.
    def author_name(self, subject):
        return subject.publisher.name if subject.publisher else str(SITE_NAME)

    def author_link(self, subject):
        return (subject.publisher.website or None) if subject.publisher else None

    def description(self, subject):
        return self.subtitle(subject)

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.summary

    def item_updateddate(self, entry):
        return entry.updated

    def item_guid(self, entry):
        return entry.guid

    def item_guid_is_permalink(self, entry):
        return False

    def item_categories(self, entry):
        return [entry.category]

    def item_extra_kwargs(self, entry):
        return {"lang": entry.lang}


class MilestoneFeed(SiteFeed):
    """Public milestones, the latest events first: site-wide, or one organization's."""

    def title(self, subject):
        if subject.organization is not None:
            return _("Milestones of cooperation with %(organization)s") % {
                "organization": subject.organization.short_name
            }
        return f"{_('Milestones of cooperation')} — {SITE_NAME}"

    def subtitle(self, subject):
        if subject.organization is not None:
            return _(
                "Dated events of Belarus' cooperation with %(organization)s, latest first."
            ) % {"organization": subject.organization.short_name}
        return _(
            "Dated events of Belarus' cooperation with international organizations, latest first."
        )

    def entries(self, build, organization):
        milestones = public_milestones().select_related("organization")
        if organization is not None:
            milestones = milestones.filter(organization=organization)
        milestones = self.visible(milestones.order_by("-date", "title_en", "pk"))
        return [build.milestone(m) for m in milestones[:MILESTONES_LIMIT]]


class UpdatesFeed(SiteFeed):
    """Every kind of public content, the most recently published or updated first: the whole
    site, or one organization's page (the organization, its cooperation, focus areas,
    frameworks and milestones, and its projects)."""

    def title(self, subject):
        if subject.organization is not None:
            return _("Recently published and updated: %(organization)s") % {
                "organization": subject.organization.short_name
            }
        return f"{_('Recently published and updated')} — {SITE_NAME}"

    def subtitle(self, subject):
        if subject.organization is not None:
            return _(
                "The page of %(organization)s and what it shows, the most recently published "
                "or updated first."
            ) % {"organization": subject.organization.short_name}
        return _(
            "The site's pages and what they show, the most recently published or updated first."
        )

    def entries(self, build, organization):
        # The newest of each kind (one query each), then the newest of them all.
        entries = [
            to_entry(item)
            for queryset, to_entry in self.kinds(build, organization)
            for item in self.visible(
                queryset.annotate(last_change=LAST_CHANGE).order_by("-last_change", "-pk")
            )[:UPDATES_LIMIT]
        ]
        entries.sort(key=lambda entry: entry.updated, reverse=True)
        return entries[:UPDATES_LIMIT]

    def kinds(self, build, organization):
        """(the public items of a kind, how one becomes an entry) for each kind the feed holds:
        an organization's page, or every page of the site."""
        site_wide = organization is None
        if site_wide:
            # A framework appears on the page of every organization that works under it: its
            # entry links to the first of them.
            first_page = (
                public_organizations()
                .filter(frameworks=OuterRef("pk"))
                .order_by("name_en")
                .values("slug")[:1]
            )
            frameworks = public_frameworks().annotate(organization_slug=Subquery(first_page))
        else:
            frameworks = public_frameworks().annotate(organization_slug=Value(organization.slug))
        on_organization_pages = [
            (public_organizations(), "pk", build.organization),
            (
                public_cooperations().select_related("organization"),
                "organization",
                build.cooperation,
            ),
            (public_milestones().select_related("organization"), "organization", build.milestone),
            (
                public_focus_areas().select_related("organization"),
                "organization",
                partial(build.focus_area, site_wide=site_wide),
            ),
            (
                frameworks,
                "organizations",
                lambda framework: build.framework(framework, framework.organization_slug),
            ),
            (public_projects(), "organization", build.project),
        ]
        if not site_wide:
            return [
                (queryset.filter(**{lookup: organization.pk}), to_entry)
                for queryset, lookup, to_entry in on_organization_pages
            ]
        return [
            *((queryset, to_entry) for queryset, _lookup, to_entry in on_organization_pages),
            (DiplomaticMission.objects.published(), build.mission),
            (Page.objects.published(), build.page),
        ]
