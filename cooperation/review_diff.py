"""What a publisher reviews: field by field, in each language, the live value beside the
proposed one — text as a whole-word diff (``cooperation.text_diff``), other values as they read.

The live version is the published item when a working copy is proposed; for a draft in review
it is the last version that was published, if there was one (otherwise nothing is live yet).
"""

import dataclasses
from html.parser import HTMLParser

from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import workflow
from .models import Status
from .models.translation import column, language_label, translated_fields
from .rich_text import RichTextField
from .text_diff import plain_text, word_diff


@dataclasses.dataclass
class FieldChange:
    """One field, in one language, that the proposal changes."""

    label: str
    language: str
    live: str
    proposed: SafeString  # the new value with the removed and added words marked


@dataclasses.dataclass
class Review:
    """The proposal against what is live."""

    changes: list[FieldChange]
    unchanged: int
    has_live: bool  # False: nothing of this item has been published yet


def _labels(model) -> dict[str, tuple[str, str]]:
    """Each translated column's field label and language (``summary_ru`` → summary, Russian)."""
    labels = {}
    for name, field in translated_fields(model).items():
        for code in field.languages:
            column_field = model._meta.get_field(column(name, code))
            labels[column_field.name] = (
                str(model._meta.get_field(column(name, code)).verbose_name),
                language_label(code),
            )
    return labels


def _readable(field, obj) -> str:
    """A value as a person reads it: a choice's label, a related item's name, a date."""
    if obj is None:
        return ""
    value = field.value_from_object(obj)
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if isinstance(field, models.FileField):
        return value.name if hasattr(value, "name") else str(value)
    return str(value)


class _LinkCollector(HTMLParser):
    """The addresses an HTML fragment links to, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.addresses.append(dict(attrs).get("href") or "")


def link_addresses(html) -> str:
    """The addresses ``html`` links to, one a line: a change of a link's address changes no
    word of the text, and must not pass review unseen."""
    collector = _LinkCollector()
    collector.feed(str(html or ""))
    collector.close()
    return "\n".join(collector.addresses)


def _rich_text_changes(label, language, old, new) -> list[FieldChange]:
    """The rows a rich text's change needs: its words; its links' addresses if they changed;
    and, where neither did but the markup did, the markup itself."""
    old, new = old or "", new or ""
    if old == new:
        return []
    rows = []
    if plain_text(old) != plain_text(new):
        rows.append(FieldChange(label, language, plain_text(old), word_diff(old, new, html=True)))
    old_links, new_links = link_addresses(old), link_addresses(new)
    if old_links != new_links:
        rows.append(
            FieldChange(
                _("%(field)s — link addresses") % {"field": label},
                language,
                old_links,
                word_diff(old_links, new_links),
            )
        )
    if not rows:
        rows.append(
            FieldChange(
                _("%(field)s — formatting") % {"field": label},
                language,
                old,
                word_diff(old, new),
            )
        )
    return rows


def _related_names(model, pks) -> str:
    return ", ".join(str(o) for o in model._default_manager.filter(pk__in=pks))


def _live_version(obj, change):
    """The version the public sees (or last saw), fresh from the database; None if none."""
    if change is not None:
        return type(obj)._default_manager.get(pk=obj.pk)
    published = obj.history.filter(status=Status.PUBLISHED).order_by("-history_id").first()
    return published.instance if published is not None else None


def review(obj) -> Review:
    """``obj``'s proposed changes (its working copy, or the draft itself) against the live
    version: every field that differs, in each language."""
    model = type(obj)
    change = workflow.pending_change_for(obj)
    live = _live_version(obj, change)
    proposed = model._default_manager.get(pk=obj.pk)
    if change is not None:
        workflow.apply_working_copy(proposed, change)
    labels = _labels(model)
    changes, unchanged = [], 0
    for field in workflow._editable_fields(model):
        label, language = labels.get(field.name, (str(field.verbose_name), ""))
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            old = field.value_from_object(live) if live is not None else ""
            new = field.value_from_object(proposed)
            if isinstance(field, RichTextField):
                rows = _rich_text_changes(label, language, old, new)
                unchanged += not rows
                changes.extend(rows)
                continue
            if (old or "") == (new or ""):
                unchanged += 1
                continue
            changes.append(FieldChange(label, language, old or "", word_diff(old, new)))
            continue
        old, new = _readable(field, live), _readable(field, proposed)
        if old == new:
            unchanged += 1
            continue
        changes.append(
            FieldChange(
                label, language, old, format_html("<ins>{}</ins>", new) if new else SafeString("")
            )
        )
    if change is not None:
        for field in model._meta.many_to_many:
            proposed_pks = sorted(change.data.get("__m2m__", {}).get(field.name, []))
            live_pks = sorted(getattr(live, field.name).values_list("pk", flat=True))
            if proposed_pks == live_pks:
                unchanged += 1
                continue
            old = _related_names(field.related_model, live_pks)
            new = _related_names(field.related_model, proposed_pks)
            changes.append(FieldChange(str(field.verbose_name), "", old, word_diff(old, new)))
    return Review(changes, unchanged, live is not None)
