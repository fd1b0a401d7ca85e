"""Keeping the search index (``SearchEntry``) equal to what the public may see.

An item is indexed under the page that shows it — an organization's page shows the
organization, its cooperation, timeline, areas of work, frameworks and projects (a project
has a page of its own too) — in every language, with the text that page shows in that
language. It is indexed once it and everything its page depends on are *published*, the
rules of ``cooperation.visibility``; ``visible_from`` holds the latest scheduled time among
them, so that a scheduled item is found from the moment it goes live and not before.

The index is brought up to date a page (a *scope*) at a time: every save, deletion and
many-to-many change of a content model re-indexes the scopes it touches, in the same
transaction, so a withdrawn item leaves the results with the commit that withdraws it and a
change rolled back leaves the index as it was. An import, whose bulk writes send no model
signals, re-indexes everything (:func:`rebuild`) inside its own transaction. Re-indexing
compares what is stored with what should be and writes only the difference.
"""

import re
import threading
from dataclasses import astuple, dataclass
from datetime import datetime
from html.parser import HTMLParser

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from ..models import (
    Cooperation,
    DiplomaticMission,
    FocusArea,
    Framework,
    Milestone,
    Organization,
    Page,
    Project,
    SearchEntry,
    Status,
)
from ..models.translation import LANGUAGE_CODES, SOURCE_LANGUAGE, column, is_fallback
from ..rich_text import RichTextField

Kind = SearchEntry.Kind
PUBLISHED = Status.PUBLISHED
# Private-use characters: the search marks matches with them (``cooperation.search.query``),
# so they must never come from the content itself.
NOT_INDEXED = re.compile("[\ue000-\uf8ff\\s]+")


class TextOfHTML(HTMLParser):
    """The words of a piece of rich text, blocks kept apart by spaces, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def plain_text(value: str, rich: bool = False) -> str:
    """A text on one line, without the characters the search uses as markers; ``rich``
    text (HTML) without its markup, as a reader sees it."""
    if rich and ("<" in value or "&" in value):
        parser = TextOfHTML()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    return NOT_INDEXED.sub(" ", value).strip()


@dataclass(frozen=True)
class Document:
    """What one ``SearchEntry`` row should hold."""

    scope: str
    kind: str
    object_id: int
    language: str
    url: str
    title: str
    body: str
    title_language: str
    body_language: str
    visible_from: datetime | None
    updated_at: datetime

    @property
    def key(self):
        return (self.scope, self.kind, self.object_id, self.language)

    def stored(self) -> dict:
        """The row's fields besides its key."""
        return {
            "url": self.url,
            "title": self.title,
            "body": self.body,
            "title_language": self.title_language,
            "body_language": self.body_language,
            "folded_title": self.title.casefold(),
            "folded_body": self.body.casefold(),
            "visible_from": self.visible_from,
            "updated_at": self.updated_at,
        }


def latest(*times):
    """The latest of the scheduled times given (None: no schedule)."""
    scheduled = [when for when in times if when is not None]
    return max(scheduled) if scheduled else None


def documents_for(scope, kind, item, title, body_fields, url, visible_from, title_field=None):
    """``item``'s document in every language: ``title`` and the texts of ``body_fields`` as
    its page shows them in that language.

    Where the page shows English for want of a translation, so does the index, marked as
    English. The body keeps the texts translated into the language; only when none is does
    it fall back to the English ones (marked), so a result's snippet is in one language.
    Plain texts are indexed as they are (the page escapes them); rich text loses its HTML.
    """
    rich_fields = {
        name
        for name in body_fields
        if isinstance(item._meta.get_field(column(name, SOURCE_LANGUAGE)), RichTextField)
    }
    for language in LANGUAGE_CODES:
        with translation.override(language):
            shown_title = plain_text(str(title(item)))
            texts = [
                (
                    plain_text(getattr(item, name) or "", rich=name in rich_fields),
                    is_fallback(item, name, language),
                )
                for name in body_fields
            ]
            texts = [(words, english) for words, english in texts if words]
            translated = [words for words, english in texts if not english]
            yield Document(
                scope=scope,
                kind=kind,
                object_id=item.pk,
                language=language,
                url=url(item),
                title=shown_title,
                body=" ".join(translated or [words for words, _english in texts]),
                title_language=(
                    SOURCE_LANGUAGE
                    if title_field and is_fallback(item, title_field, language)
                    else ""
                ),
                body_language=SOURCE_LANGUAGE if texts and not translated else "",
                visible_from=visible_from,
                updated_at=item.updated_at,
            )


ORGANIZATION_TEXTS = (
    "summary",
    "body",
    "headquarters",
    "observers",
    "offices",
    "head_title",
    "head_name",
    "frameworks_summary",
)
COOPERATION_TEXTS = ("policy_priority", "membership_note", "summary", "body")


def organization_documents(ids=None):
    """The documents of organizations' pages (all published ones, or those of ``ids``)."""
    organizations = Organization.objects.filter(status=PUBLISHED)
    if ids is not None:
        organizations = organizations.filter(pk__in=ids)
    organizations = {org.pk: org for org in organizations}
    if not organizations:
        return
    of_these = {"organization__in": list(organizations)}
    cooperations = {
        coop.organization_id: coop
        for coop in Cooperation.objects.filter(status=PUBLISHED, **of_these)
    }

    def scope(org):
        return f"organization:{org.pk}"

    for org in organizations.values():
        yield from documents_for(
            scope(org),
            Kind.ORGANIZATION,
            org,
            str,
            ORGANIZATION_TEXTS,
            Organization.get_absolute_url,
            org.publish_at,
            title_field="name",
        )
        if coop := cooperations.get(org.pk):
            coop.organization = org
            yield from documents_for(
                scope(org),
                Kind.COOPERATION,
                coop,
                str,
                COOPERATION_TEXTS,
                lambda coop: coop.organization.get_absolute_url() + "#cooperation",
                latest(org.publish_at, coop.publish_at),
            )

    def children(model, kind, title_field, body_fields, anchor, needs_cooperation=False):
        for child in model.objects.filter(status=PUBLISHED, **of_these):
            org = organizations[child.organization_id]
            coop = cooperations.get(org.pk)
            if needs_cooperation and coop is None:
                continue
            yield from documents_for(
                scope(org),
                kind,
                child,
                lambda child: getattr(child, title_field),
                body_fields,
                lambda child, org=org: org.get_absolute_url() + anchor,
                latest(
                    org.publish_at,
                    child.publish_at,
                    coop.publish_at if needs_cooperation else None,
                ),
                title_field=title_field,
            )

    # The timeline is part of the cooperation's section: shown only with it.
    yield from children(
        Milestone, Kind.MILESTONE, "title", ("description",), "#timeline", needs_cooperation=True
    )
    yield from children(FocusArea, Kind.FOCUS_AREA, "name", ("description",), "#areas")

    listed = Organization.frameworks.through.objects.filter(
        framework__status=PUBLISHED, **of_these
    ).select_related("framework")
    for link in listed:
        org = organizations[link.organization_id]
        yield from documents_for(
            scope(org),
            Kind.FRAMEWORK,
            link.framework,
            lambda framework: framework.name,
            ("description",),
            lambda framework, org=org: org.get_absolute_url() + "#frameworks",
            latest(org.publish_at, link.framework.publish_at),
            title_field="name",
        )

    for project in Project.objects.filter(status=PUBLISHED, **of_these):
        org = organizations[project.organization_id]
        yield from documents_for(
            scope(org),
            Kind.PROJECT,
            project,
            lambda project: project.title,
            ("summary", "body"),
            Project.get_absolute_url,
            latest(org.publish_at, project.publish_at),
            title_field="title",
        )


MISSION_TEXTS = ("country", "city", "address", "head_title", "head_name")


def standalone_documents(model, prefix, kind, title_field, texts):
    """The documents builder of a kind of item that is a page of its own (a mission, a text
    page): each published item one scope, ``"<prefix>:<pk>"``."""

    def build(ids=None):
        items = model.objects.filter(status=PUBLISHED)
        if ids is not None:
            items = items.filter(pk__in=ids)
        for item in items:
            yield from documents_for(
                f"{prefix}:{item.pk}",
                kind,
                item,
                lambda item: getattr(item, title_field),
                texts,
                model.get_absolute_url,
                item.publish_at,
                title_field=title_field,
            )

    return build


mission_documents = standalone_documents(
    DiplomaticMission, "mission", Kind.MISSION, "name", MISSION_TEXTS
)
page_documents = standalone_documents(Page, "page", Kind.PAGE, "title", ("summary", "body"))


DOCUMENT_FIELDS = tuple(Document.__dataclass_fields__)
KEY_FIELDS = ("scope", "kind", "object_id", "language")
STORED_FIELDS = (
    *(f for f in DOCUMENT_FIELDS if f not in KEY_FIELDS),
    "folded_title",
    "folded_body",
)
# Rows per statement: a whole import of a few hundred items in one (every language a row).
BATCH_SIZE = 2000

BUILDERS = {
    "organization": organization_documents,
    "mission": mission_documents,
    "page": page_documents,
}


def scopes_of(instance) -> set[str]:
    """The scopes (pages) whose documents a change to ``instance`` may alter."""
    if isinstance(instance, Organization):
        return {f"organization:{instance.pk}"}
    if isinstance(instance, (Cooperation, Milestone, FocusArea, Project)):
        return {f"organization:{instance.organization_id}"}
    if isinstance(instance, Framework):
        ids = Organization.frameworks.through.objects.filter(framework=instance.pk).values_list(
            "organization_id", flat=True
        )
        return {f"organization:{pk}" for pk in ids}
    if isinstance(instance, DiplomaticMission):
        return {f"mission:{instance.pk}"}
    if isinstance(instance, Page):
        return {f"page:{instance.pk}"}
    return set()  # themes and institutions: no text of theirs is searched


def update(scopes=None) -> None:
    """Bring the index up to date for ``scopes`` ("organization:3", …), or all of it."""
    if scopes is not None and not scopes:
        return
    if scopes is None:
        wanted = [doc for build in BUILDERS.values() for doc in build()]
        stored = SearchEntry.objects.all()
    else:
        ids = {}
        for scope in scopes:
            prefix, _colon, pk = scope.partition(":")
            ids.setdefault(prefix, set()).add(int(pk))
        wanted = [doc for prefix, pks in ids.items() for doc in BUILDERS[prefix](pks)]
        stored = SearchEntry.objects.filter(scope__in=scopes)
    by_key = {doc.key: doc for doc in wanted}
    changed, gone = [], []
    for entry in stored.only(*DOCUMENT_FIELDS):
        doc = by_key.pop((entry.scope, entry.kind, entry.object_id, entry.language), None)
        if doc is None:
            gone.append(entry.pk)
        elif astuple(doc) != tuple(getattr(entry, name) for name in DOCUMENT_FIELDS):
            for name, value in doc.stored().items():
                setattr(entry, name, value)
            changed.append(entry)
    if gone:
        SearchEntry.objects.filter(pk__in=gone).delete()
    if changed:
        SearchEntry.objects.bulk_update(changed, STORED_FIELDS, batch_size=BATCH_SIZE)
    if by_key:
        new = [
            SearchEntry(**{name: getattr(doc, name) for name in KEY_FIELDS}, **doc.stored())
            for doc in by_key.values()
        ]
        # Two saves of one page at once (two staff, an import beside a save) may both find a
        # row missing: the second insert updates the row the first wrote instead of failing.
        SearchEntry.objects.bulk_create(
            new,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=KEY_FIELDS,
            update_fields=STORED_FIELDS,
        )


def rebuild() -> None:
    """Re-index everything: after an import, or by ``manage.py rebuild_search_index``."""
    update(None)


def rebuild_after_migrate(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: re-index, unless migrated back to before the index existed."""
    if (
        using == DEFAULT_DB_ALIAS
        and SearchEntry._meta.db_table in connection.introspection.table_names()
    ):
        rebuild()


def forget(instance) -> None:
    """Remove a deleted item's own entries at once (its scope may no longer be findable)."""
    kind = KIND_OF.get(type(instance))
    if kind is not None:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


KIND_OF = {
    Organization: Kind.ORGANIZATION,
    Cooperation: Kind.COOPERATION,
    Milestone: Kind.MILESTONE,
    FocusArea: Kind.FOCUS_AREA,
    Framework: Kind.FRAMEWORK,
    Project: Kind.PROJECT,
    DiplomaticMission: Kind.MISSION,
    Page: Kind.PAGE,
}


def indexed_scopes(instance) -> set[str]:
    """The scopes that hold ``instance``'s entries now: the page it was on before this
    change (a milestone moved to another organization leaves the old page's results)."""
    kind = KIND_OF.get(type(instance))
    if kind is None:
        return set()
    stored = SearchEntry.objects.filter(kind=kind, object_id=instance.pk)
    return set(stored.values_list("scope", flat=True).distinct())


def on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        update(scopes_of(instance) | indexed_scopes(instance))


def on_delete(sender, instance, **kwargs):
    forget(instance)
    update(scopes_of(instance))


# The organizations a framework is being cleared from, read before the clear (its post_clear
# names none), by framework, per thread.
_clearing = threading.local()


def on_m2m_changed(sender, instance, action, pk_set, **kwargs):
    if action == "pre_clear" and isinstance(instance, Framework):
        _clearing.scopes = {**getattr(_clearing, "scopes", {}), instance.pk: scopes_of(instance)}
    if not action.startswith("post_"):
        return
    scopes = scopes_of(instance)
    if isinstance(instance, Framework):
        scopes |= {f"organization:{pk}" for pk in pk_set or ()}
        if action == "post_clear":
            scopes |= getattr(_clearing, "scopes", {}).pop(instance.pk, set())
    update(scopes)


def connect(models) -> None:
    """Keep the index current on every save, deletion and framework change of ``models``."""
    for model in models:
        uid = f"search_index:{model._meta.label_lower}"
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"{uid}:delete")
    through = Organization.frameworks.through
    m2m_changed.connect(on_m2m_changed, sender=through, dispatch_uid="search_index:frameworks")
