"""Import content from fixture files: read and validate everything, then write it all at once.

The files use Django's serialization format with natural keys and no primary
keys, as ``fixtures/`` does. Unlike ``loaddata``, an import

* resolves natural keys across all files, whatever their order;
* validates every object as the admin would (``full_clean()``, rich-text
  sanitization, uniqueness) and reports every problem it finds, in one pass, each
  with its file and object (counted from 1), model, natural key and field;
* matches objects by natural key, updating what changed and leaving the rest
  untouched, so importing the same content twice changes nothing;
* reports, object by object, what it creates and updates — for an update each
  changed field's old and new value — and what HTML the sanitizer removes
  (:class:`ImportReport`), the same for a dry run and a real import;
* writes in one transaction, so a set with any problem writes nothing, and
  logs an "imported" editorial event per object it writes, paired with the
  history record it wrote.

Look-ups and writes are batched per model, so the number of queries grows with
the number of models in the set, not with the number of objects.
"""

import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from iomsite.control_characters import first_control_character

from .models import EditorialEvent
from .models.natural_keys import NaturalKeyModel, key_fields, key_select_related
from .rich_text import RichTextField
from .search import index as search_index
from .signals import content_changed

APP_LABEL = "cooperation"
# Bookkeeping the site keeps itself; accepted in files (dumpdata writes them) but not imported.
MANAGED_FIELDS = {"created_at", "updated_at"}
BATCH_SIZE = 500


class ImportFailed(Exception):
    """The set has problems; nothing was written."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            _("%(count)d problem(s) found; nothing was imported.") % {"count": len(problems)}
        )


@dataclass
class Problem:
    """One thing wrong with the set: where it is (file, object, model and key, field) and what.

    ``index`` is the object's position in its file, counted from 1 as people count.
    """

    file: str
    index: int | None = None
    model: str = ""
    key: tuple | None = None
    field: str = ""
    message: str = ""

    def __str__(self):
        where = [self.file]
        if self.index is not None:
            where.append(_("object %(index)s") % {"index": self.index})
        if self.model:
            where.append(self.model + (f" {list(self.key)}" if self.key else ""))
        if self.field:
            where.append(_("field '%(field)s'") % {"field": self.field})
        return ", ".join(where) + f": {self.message}"

    def as_data(self) -> dict:
        """The problem as JSON-ready data, for a report kept in the database."""
        return {**asdict(self), "key": list(self.key) if self.key else None}

    @classmethod
    def from_data(cls, data: dict) -> "Problem":
        """The problem :meth:`as_data` wrote."""
        return cls(**{**data, "key": tuple(data["key"]) if data.get("key") else None})


@dataclass
class Record:
    """One object of a file, as read. ``index`` counts from 1."""

    file: str
    index: int
    model: type[models.Model]
    fields: dict
    key: tuple = ()
    instance: models.Model | None = None
    m2m: dict = field(default_factory=dict)  # field name -> list of target keys
    created: bool = False
    unchanged: bool = False
    # Fields already reported as unusable: later checks leave them out rather than report
    # the same value twice (a missing reference is not also "required").
    failed: set = field(default_factory=set)
    # Rich-text field -> what the sanitizer removes from the file's value.
    cleaned_html: dict = field(default_factory=dict)

    @property
    def label(self):
        return self.model._meta.label_lower

    def problem(self, message, field_name=""):
        if field_name:
            self.failed.add(field_name)
        return Problem(self.file, self.index, self.label, self.key, field_name, message)


@dataclass
class ModelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class FieldChange:
    """A field an import changes: the stored value and the file's, JSON-ready (a reference as
    its natural key). ``html_removed`` lists what the sanitizer takes out of the file's value."""

    name: str
    old: object = None
    new: object = None
    html_removed: list = field(default_factory=list)


@dataclass
class ObjectChange:
    """An object the import creates or updates — or leaves as it is, but only after cleaning
    HTML out of the file's value — with the fields concerned."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"

    action: str
    model: str
    key: list
    file: str
    index: int
    fields: list[FieldChange] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict) -> "ObjectChange":
        """The change :meth:`ImportReport.as_data` wrote."""
        fields = [FieldChange(**change) for change in data.get("fields", [])]
        return cls(**{**data, "fields": fields})


# Long values are shortened in plain-text reports, around the first difference.
SHORT_VALUE = 72


@dataclass
class ImportReport:
    counts: dict[str, ModelCounts] = field(default_factory=lambda: defaultdict(ModelCounts))
    dry_run: bool = False
    # In the files' order; unchanged objects are only counted, unless their HTML is cleaned.
    objects: list[ObjectChange] = field(default_factory=list)

    @property
    def total(self):
        return sum(c.created + c.updated + c.unchanged for c in self.counts.values())

    @property
    def changed(self):
        return any(c.created or c.updated for c in self.counts.values())

    def table(self) -> list[str]:
        """The counts per model as aligned lines of text, for terminals and the admin."""
        width = max((len(label) for label in self.counts), default=5)
        verb = "would be " if self.dry_run else ""
        size = len(verb) + 7
        lines = [f"{'model':<{width}}  {verb}created  {verb}updated  unchanged"]
        for label, counts in sorted(self.counts.items()):
            lines.append(
                f"{label:<{width}}  {counts.created:>{size}}  {counts.updated:>{size}}  "
                f"{counts.unchanged:>9}"
            )
        return lines

    def of_action(self, action) -> list[ObjectChange]:
        return [change for change in self.objects if change.action == action]

    def change_lines(self, width: int = SHORT_VALUE) -> list[str]:
        """Each object created or updated, and for an update each field with its old and new
        value ("old → new", long text shortened to about ``width`` characters around what
        changed), as lines of text; HTML the sanitizer cleans is marked."""
        lines = []
        headings = {
            ObjectChange.CREATED: (
                _("Would be created (%(count)d):") if self.dry_run else _("Created (%(count)d):")
            ),
            ObjectChange.UPDATED: (
                _("Would be updated (%(count)d):") if self.dry_run else _("Updated (%(count)d):")
            ),
            ObjectChange.UNCHANGED: _(
                "Left unchanged, though the file's HTML is cleaned (%(count)d):"
            ),
        }
        for action, heading in headings.items():
            changes = self.of_action(action)
            if not changes:
                continue
            lines.append(heading % {"count": len(changes)})
            for change in changes:
                lines.append(f"  {object_heading(change)}")
                for field_change in change.fields:
                    lines += [f"    {line}" for line in field_lines(field_change, width, self)]
        unchanged = sum(c.unchanged for c in self.counts.values()) - len(
            self.of_action(ObjectChange.UNCHANGED)
        )
        if unchanged:
            lines.append(
                ngettext(
                    "Unchanged: %(count)d object, not listed.",
                    "Unchanged: %(count)d objects, not listed.",
                    unchanged,
                )
                % {"count": unchanged}
            )
        return lines

    def html_note(self, field_change: FieldChange) -> str:
        """The note "HTML would be cleaned: removed <script>…", in the report's tense;
        "" if the sanitizer removes nothing."""
        if not field_change.html_removed:
            return ""
        removed = ", ".join(field_change.html_removed)
        if self.dry_run:
            return _("HTML would be cleaned: removed %(removed)s") % {"removed": removed}
        return _("HTML was cleaned: removed %(removed)s") % {"removed": removed}

    def as_data(self) -> dict:
        """The report as JSON-ready data, for a report kept in the database."""
        return {
            "dry_run": self.dry_run,
            "counts": {label: asdict(counts) for label, counts in sorted(self.counts.items())},
            "objects": [asdict(change) for change in self.objects],
        }

    @classmethod
    def from_data(cls, data: dict) -> "ImportReport":
        """The report :meth:`as_data` wrote."""
        report = cls(dry_run=data.get("dry_run", False))
        for label, counts in data.get("counts", {}).items():
            report.counts[label] = ModelCounts(**counts)
        report.objects = [ObjectChange.from_data(change) for change in data.get("objects", [])]
        return report


def object_heading(change: ObjectChange) -> str:
    """``cooperation.organization ["iom"] (iom.json, object 3)``."""
    where = _("%(file)s, object %(index)s") % {"file": change.file, "index": change.index}
    return f"{change.model} {shown(change.key)} ({where})"


def field_lines(change: FieldChange, width: int, report: ImportReport) -> list[str]:
    """A field's line of the plain-text report, and its HTML note if it has one."""
    if change.old == change.new:  # listed for its HTML alone
        lines = [f"{change.name}:"]
    else:
        old, new = shortened_pair(shown(change.old), shown(change.new), width)
        lines = [f"{change.name}: {old} → {new}"]
    if note := report.html_note(change):
        lines.append(f"  {note}")
    return lines


def shown(value) -> str:
    """A value as the files write it (JSON), on one line."""
    return json.dumps(value, ensure_ascii=False)


def shortened_pair(old: str, new: str, width: int) -> tuple[str, str]:
    """``old`` and ``new``, each cut to about ``width`` characters so that what differs stays
    in view: the text they share before and after it is elided ("…")."""
    if len(old) <= width and len(new) <= width:
        return old, new
    prefix = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    context = 20  # shared characters kept either side, so the change can be found in the text
    start = max(0, prefix - context)

    def cut(text):
        end = min(len(text), max(len(text) - suffix + context, start + context))
        middle = text[start:end]
        if len(middle) > width:
            middle = middle[: width - 1] + "…"
        elif end < len(text):
            middle += "…"
        return ("…" if start else "") + middle

    return cut(old), cut(new)


def importable_models() -> dict[str, type[models.Model]]:
    return {
        model._meta.label_lower: model
        for model in apps.get_app_config(APP_LABEL).get_models()
        if issubclass(model, NaturalKeyModel)
    }


# Reading ---------------------------------------------------------------------------------


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The .json files named, or found (recursively, sorted) in the folders named."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                problems.append(Problem(str(path), message="the folder holds no .json files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), message="no such file or folder"))
    return files, problems


def read_sources(files: list[Path], problems: list[Problem]) -> list[tuple[str, bytes]]:
    sources = []
    for path in files:
        try:
            sources.append((str(path), path.read_bytes()))
        except OSError as error:
            problems.append(Problem(str(path), message=f"cannot be read: {error.strerror}"))
    return sources


def parse_source(name: str, data: bytes, models_by_label, problems: list[Problem]) -> list[Record]:
    """The objects of one file's bytes; every problem with its shape goes to ``problems``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(
            Problem(name, message=_("not UTF-8 text (byte %(byte)s)") % {"byte": error.start})
        )
        return []
    if not text.strip():
        problems.append(Problem(name, message=_("the file is empty")))
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(
            Problem(
                name,
                message=_("not valid JSON: %(error)s (line %(line)s, column %(column)s)")
                % {"error": error.msg, "line": error.lineno, "column": error.colno},
            )
        )
        return []
    except RecursionError:
        problems.append(
            Problem(name, message=_("not a fixture file: its JSON is nested too deeply"))
        )
        return []
    except ValueError as error:  # a number of thousands of digits, for one
        problems.append(
            Problem(name, message=_("not a fixture file: %(error)s") % {"error": error})
        )
        return []
    if not isinstance(data, list):
        problems.append(Problem(name, message=_("the top level must be a list of objects")))
        return []

    records = []
    for index, item in enumerate(data, start=1):  # objects are counted from 1, as people count
        if not isinstance(item, dict):
            problems.append(Problem(name, index, message=_("each object must be a JSON object")))
            continue
        label = item.get("model")
        if not isinstance(label, str):
            problems.append(Problem(name, index, message=_("'model' is missing or not a string")))
            continue
        model = models_by_label.get(label.lower())
        if model is None:
            problems.append(Problem(name, index, label, message=_("unknown model")))
            continue
        # A primary key or a stray key is reported, and the object is still checked: one pass
        # tells every problem of the file.
        if "pk" in item:
            problems.append(
                Problem(
                    name,
                    index,
                    label,
                    message=_(
                        "primary keys are not accepted; objects are identified by their natural key"
                    ),
                )
            )
        if unexpected := set(item) - {"model", "fields", "pk"}:
            problems.append(
                Problem(
                    name,
                    index,
                    label,
                    message=_("unexpected keys %(keys)s") % {"keys": sorted(unexpected)},
                )
            )
        fields = item.get("fields")
        if not isinstance(fields, dict):
            problems.append(Problem(name, index, label, message=_("'fields' must be an object")))
            continue
        record = Record(name, index, model, fields)
        unreadable = {
            str(field_name): character
            for field_name, value in fields.items()
            if (character := control_character_in(value))
        }
        for field_name, character in unreadable.items():
            problems.append(
                record.problem(
                    _("contains the control character %(character)s, which text may not hold")
                    % {"character": character},
                    field_name,
                )
            )
        records.append(record)
    return records


def control_character_in(value) -> str | None:
    """The first control character in a field's value from a file (a text, or a natural key's
    parts), as ``U+0000``; None if there is none."""
    if isinstance(value, str):
        return first_control_character(value)
    if isinstance(value, list):
        return next(filter(None, map(control_character_in, value)), None)
    return None


def _key_component(model, field_obj, raw, record, problems):
    """A natural-key component from a file, in the canonical form of ``natural_key()``."""
    if field_obj.is_relation:
        if not isinstance(raw, list) or not raw:
            problems.append(
                record.problem(
                    _(
                        "expected the natural key of the %(model)s it refers to, as a list "
                        'such as ["slug"]'
                    )
                    % {"model": field_obj.related_model._meta.model_name},
                    field_obj.name,
                )
            )
            return None
        return tuple(raw)
    try:
        value = field_obj.to_python(raw)
    except ValidationError as error:
        problems.append(record.problem("; ".join(error.messages), field_obj.name))
        return None
    if value in (None, ""):
        problems.append(
            record.problem(
                _("this field is part of the natural key and is required"), field_obj.name
            )
        )
        return None
    return (value.isoformat() if hasattr(value, "isoformat") else value,)


def compute_key(record: Record, problems: list[Problem]) -> bool:
    """Set ``record.key`` from its fields; False, with every key field's problem reported, if
    the key is incomplete (the object is then still checked, as a new one)."""
    key, complete = [], True
    for field_obj in key_fields(record.model):
        if field_obj.name in record.failed:  # its value was reported unreadable already
            complete = False
            continue
        if field_obj.name not in record.fields:
            problems.append(
                record.problem(
                    _("this field is part of the natural key and is required"), field_obj.name
                )
            )
            complete = False
            continue
        part = _key_component(
            record.model, field_obj, record.fields[field_obj.name], record, problems
        )
        if part is None:
            record.failed.add(field_obj.name)
            complete = False
            continue
        key.extend(part)
    if complete:
        record.key = tuple(key)
    return complete


# Resolving and validating ---------------------------------------------------------------


class KeyIndex:
    """Natural key -> instance, for the set being imported and for the database, per model.

    The database side is loaded once per model, in one query, on first use.
    """

    def __init__(self):
        self.existing: dict[type, dict[tuple, models.Model]] = {}
        self.incoming: dict[type, dict[tuple, Record]] = defaultdict(dict)
        self.existing_keys: dict[type, dict[object, list]] = {}

    def existing_for(self, model):
        if model not in self.existing:
            queryset = model._default_manager.all()
            if paths := key_select_related(model):
                queryset = queryset.select_related(*paths)
            self.existing[model] = {obj.natural_key(): obj for obj in queryset.iterator(2000)}
        return self.existing[model]

    def key_of(self, model, pk) -> list | None:
        """The natural key, as a list, of the stored object with this primary key."""
        if pk is None:
            return None
        if model not in self.existing_keys:
            self.existing_keys[model] = {
                obj.pk: list(key) for key, obj in self.existing_for(model).items()
            }
        return self.existing_keys[model].get(pk)

    def resolve(self, model, key):
        """The saved or about-to-be-saved instance with this key, or None."""
        key = tuple(key)
        record = self.incoming[model].get(key)
        if record is not None:
            return record.instance
        return self.existing_for(model).get(key)


def missing_reference(model, key):
    return _(
        "refers to %(model)s %(key)s, which exists neither in the files nor in the database"
    ) % {"model": model._meta.label_lower, "key": list(key)}


def _comparable(instance, names):
    return {name: getattr(instance, name) for name in names}


def build_instance(record: Record, index: KeyIndex, problems: list[Problem]):
    """Set the record's values on a new or existing instance; False if any value is unusable."""
    model = record.model
    existing = index.existing_for(model).get(record.key)
    if existing is None:
        instance = model()
    else:
        # A copy of the stored object, as loaded from its database: the original is kept to
        # compare against.
        names = [f.attname for f in model._meta.concrete_fields]
        values = [getattr(existing, name) for name in names]
        instance = model.from_db(existing._state.db, names, values)
    ok = True
    for name, raw in record.fields.items():
        if name in MANAGED_FIELDS or name in record.failed:
            continue
        try:
            field_obj = model._meta.get_field(name)
        except FieldDoesNotExist:
            problems.append(record.problem(_("unknown field"), name))
            ok = False
            continue
        if field_obj.auto_created or not field_obj.concrete and not field_obj.many_to_many:
            problems.append(record.problem(_("this field cannot be set from a file"), name))
            ok = False
            continue
        if field_obj.many_to_many:
            if not isinstance(raw, list) or not all(isinstance(k, list) and k for k in raw):
                problems.append(
                    record.problem(_('expected a list of natural keys, e.g. [["slug"]]'), name)
                )
                ok = False
                continue
            record.m2m[name] = [tuple(k) for k in raw]
        elif field_obj.is_relation:
            if raw is None:
                setattr(instance, field_obj.attname, None)
                continue
            if not isinstance(raw, list) or not raw:
                problems.append(
                    record.problem(_('expected a natural key as a list, e.g. ["slug"]'), name)
                )
                ok = False
                continue
            target = index.resolve(field_obj.related_model, raw)
            if target is None:
                problems.append(
                    record.problem(
                        missing_reference(field_obj.related_model, raw),
                        name,
                    )
                )
                ok = False
                continue
            setattr(instance, field_obj.name, target)
        else:
            if isinstance(raw, (dict, list)):
                problems.append(record.problem(_("expected a single value"), name))
                ok = False
                continue
            try:
                setattr(instance, field_obj.attname, field_obj.to_python(raw))
            except ValidationError as error:
                problems.append(record.problem("; ".join(error.messages), name))
                ok = False
                continue
            if isinstance(field_obj, RichTextField) and isinstance(raw, str):
                # The field sanitizes as it reads (to_python): say what it took out, so that
                # HTML is never cleaned silently.
                if removed := html_removed(raw, getattr(instance, field_obj.attname)):
                    record.cleaned_html[name] = removed
    record.instance = instance
    return ok


class MarkupInventory(HTMLParser):
    """The elements, attributes and comments a piece of HTML holds, counted."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements = Counter()
        self.attributes = Counter()
        self.comments = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1
        self.attributes.update((tag, name) for name, _value in attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.comments += 1


def html_removed(raw: str, cleaned: str) -> list[str]:
    """What the sanitizer took out of ``raw`` to make ``cleaned``, in HTML's own notation:
    ``<script>``, ``<p onmouseover>``, ``<!-- -->``. Markup it only rewrote (``<br/>`` as
    ``<br>``, the ``rel`` it adds to links) is not a removal."""
    if raw.strip() == cleaned:
        return []
    before, after = MarkupInventory(raw), MarkupInventory(cleaned)
    removed = [
        f"<{tag}>" + (f" ×{count}" if count > 1 else "")
        for tag, count in sorted((before.elements - after.elements).items())
    ]
    removed += [f"<{tag} {name}>" for (tag, name) in sorted(before.attributes - after.attributes)]
    if before.comments > after.comments:
        removed.append("<!-- -->")
    return removed


def validate_instance(record: Record, problems: list[Problem]):
    """``full_clean()`` as the admin runs it; foreign keys were resolved above, uniqueness
    is checked in bulk by ``check_unique``. Fields already reported are left out."""
    instance = record.instance
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    # Foreign keys to objects created in this import have no primary key yet;
    # a missing required one is reported here instead.
    for field_obj in instance._meta.concrete_fields:
        if field_obj.is_relation and not field_obj.null and field_obj.name not in record.failed:
            if getattr(instance, field_obj.attname) is None and not _has_unsaved(
                instance, field_obj
            ):
                problems.append(record.problem(_("This field is required."), field_obj.name))
    try:
        instance.full_clean(
            exclude=[*relations, *record.failed], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                problems.append(record.problem(message, "" if name == "__all__" else name))


def check_m2m_references(record: Record, index: KeyIndex, problems: list[Problem]):
    """Every many-to-many reference of the record names an object of the set or the database."""
    for name, keys in record.m2m.items():
        related_model = record.model._meta.get_field(name).related_model
        for key in keys:
            if index.resolve(related_model, key) is None:
                problems.append(record.problem(missing_reference(related_model, key), name))


def _has_unsaved(instance, field_obj):
    return field_obj.is_cached(instance) and field_obj.get_cached_value(instance) is not None


def unique_groups(model) -> list[tuple[str, ...]]:
    """Field-name tuples that must be unique: unique fields and unconditional constraints."""
    groups = [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and not constraint.condition:
            groups.append(tuple(constraint.fields))
    return groups


def check_unique(model, records: list[Record], problems: list[Problem]):
    """Uniqueness across the set and against other rows in the database, in bulk."""
    for group in unique_groups(model):
        attnames = [model._meta.get_field(name).attname for name in group]

        def value_of(instance, attnames=attnames, group=group):
            values = []
            for name, attname in zip(group, attnames, strict=True):
                field_obj = model._meta.get_field(name)
                if field_obj.is_relation:
                    # Compare related objects by identity: unsaved ones have no id yet.
                    values.append(
                        id(getattr(instance, name)) if getattr(instance, name) is not None else None
                    )
                else:
                    values.append(getattr(instance, attname))
            return tuple(values)

        # A value already reported as unusable is not also reported as a duplicate.
        records_checked = [r for r in records if not r.failed.intersection(group)]
        seen = {}
        for record in records_checked:
            value = value_of(record.instance)
            if None in value:
                continue
            if value in seen:
                problems.append(
                    record.problem(
                        _("%(fields)s %(values)s is also used by %(file)s, object %(index)s")
                        % {
                            "fields": ", ".join(group),
                            "values": _show(record.instance, group),
                            "file": seen[value].file,
                            "index": seen[value].index,
                        },
                        group[0],
                    )
                )
            else:
                seen[value] = record

        # Against the database: only groups of plain fields can be asked in one query.
        if any(model._meta.get_field(name).is_relation for name in group):
            continue
        wanted = {
            value_of(r.instance): r for r in records_checked if None not in value_of(r.instance)
        }
        first = attnames[0]
        values = list({v[0] for v in wanted})
        for start in range(0, len(values), BATCH_SIZE):
            rows = model._default_manager.filter(
                **{f"{first}__in": values[start : start + BATCH_SIZE]}
            )
            for row in rows.values_list("pk", *attnames):
                record = wanted.get(tuple(row[1:]))
                if record is not None and record.instance.pk != row[0]:
                    problems.append(
                        record.problem(
                            _(
                                "%(fields)s %(values)s is already used by another object in the "
                                "database"
                            )
                            % {"fields": ", ".join(group), "values": _show(record.instance, group)},
                            group[0],
                        )
                    )


def _show(instance, group):
    return ", ".join(repr(str(getattr(instance, name))) for name in group)


# Writing ---------------------------------------------------------------------------------


HISTORY_REASON = "Imported from fixture files"


def stored_value(instance, field_obj):
    """What the database will hold for the field: for a reference to an object created in
    this import, that object's new primary key."""
    value = getattr(instance, field_obj.attname)
    if value is None and field_obj.is_relation and _has_unsaved(instance, field_obj):
        value = field_obj.get_cached_value(instance).pk
    return value


def shown_value(value):
    """A field's value, JSON-ready, as a file would give it."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)  # a stored file's name, for one


def field_changes(record: Record, old, fields, index: KeyIndex) -> list[FieldChange]:
    """Each field whose value the record changes, stored value beside the file's; references
    as natural keys."""
    changes = []
    for field_obj in fields:
        before, after = getattr(old, field_obj.attname), stored_value(record.instance, field_obj)
        if before == after:
            continue
        if field_obj.is_relation:
            related = field_obj.related_model
            changes.append(
                FieldChange(
                    field_obj.name,
                    index.key_of(related, before),
                    list(record.fields.get(field_obj.name) or []) or None,
                )
            )
        else:
            changes.append(
                FieldChange(
                    field_obj.name,
                    shown_value(before),
                    shown_value(after),
                    record.cleaned_html.get(field_obj.name, []),
                )
            )
    return changes


def write_model(model, records: list[Record], index: KeyIndex, counts: ModelCounts, user=None):
    """Create the new objects and update the changed ones, in bulk, with their history;
    returns record -> its field changes, for the records created or updated."""
    fields = [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name not in MANAGED_FIELDS
    ]
    compared = [f.attname for f in fields]
    to_create, to_update = [], []
    changes = {}
    existing = index.existing_for(model)
    for record in records:
        instance = record.instance
        old = existing.get(record.key)
        if old is None:
            to_create.append(instance)
            record.created = True
            changes[id(record)] = []
        elif _comparable(old, compared) != _comparable(instance, compared):
            instance.updated_at = timezone.now()
            to_update.append(instance)
            changes[id(record)] = field_changes(record, old, fields, index)
        else:
            record.unchanged = True
    history = {"default_user": user, "default_change_reason": HISTORY_REASON}
    if to_create:
        bulk_create_with_history(to_create, model, batch_size=BATCH_SIZE, **history)
    if to_update:
        bulk_update_with_history(
            to_update, model, [*compared, "updated_at"], batch_size=BATCH_SIZE, **history
        )
    counts.created += len(to_create)
    counts.updated += len(to_update)
    return changes


def write_m2m(model, records: list[Record], index: KeyIndex, problems: list[Problem]):
    """Make each many-to-many set exactly what the file lists; returns record -> the
    many-to-many fields it changed (as natural keys, before and after)."""
    changed = {}
    for name in sorted({name for r in records for name in r.m2m}):
        field_obj = model._meta.get_field(name)
        through = field_obj.remote_field.through
        source = field_obj.m2m_field_name()
        target = field_obj.m2m_reverse_field_name()
        subject = [r for r in records if name in r.m2m]
        current = defaultdict(set)
        ids = [r.instance.pk for r in subject]
        for start in range(0, len(ids), BATCH_SIZE):
            rows = through.objects.filter(**{f"{source}__in": ids[start : start + BATCH_SIZE]})
            for src, tgt in rows.values_list(f"{source}_id", f"{target}_id"):
                current[src].add(tgt)
        add, remove = [], []
        for record in subject:
            wanted = set()
            for key in record.m2m[name]:
                related = index.resolve(field_obj.related_model, key)
                if related is None:
                    problems.append(
                        record.problem(
                            missing_reference(field_obj.related_model, key),
                            name,
                        )
                    )
                    continue
                wanted.add(related.pk)
            have = current[record.instance.pk]
            if wanted != have:
                # Rows that existed point at objects that existed: their keys are known.
                before = sorted(index.key_of(field_obj.related_model, pk) for pk in have)
                changed.setdefault(id(record), []).append(
                    FieldChange(name, before, sorted(list(k) for k in set(record.m2m[name])))
                )
            add += [
                through(**{f"{source}_id": record.instance.pk, f"{target}_id": t})
                for t in wanted - have
            ]
            remove += [(record.instance.pk, t) for t in have - wanted]
        through.objects.bulk_create(add, batch_size=BATCH_SIZE)
        for src, tgt in remove:
            through.objects.filter(**{f"{source}_id": src, f"{target}_id": tgt}).delete()
    return changed


def latest_history_ids(model, pks: list) -> dict:
    """Primary key -> the newest history record of each object, in one query per batch."""
    history = model.history.model
    column = model._meta.pk.attname  # the history model names the object's key as it does
    latest = {}
    for start in range(0, len(pks), BATCH_SIZE):
        rows = (
            history.objects.filter(**{f"{column}__in": pks[start : start + BATCH_SIZE]})
            .order_by()
            .values_list(column)
            .annotate(last=Max("history_id"))
        )
        latest.update(rows)
    return latest


def log_imported(model, records: list[Record], user, written_history: set[int], content_type):
    """One editorial event per object the import created or updated, paired with the history
    record it wrote (an object whose many-to-many links alone changed wrote none)."""
    if not records:
        return
    actor = user if getattr(user, "pk", None) else None
    pks = [r.instance.pk for r in records if id(r) in written_history]
    history_ids = latest_history_ids(model, pks) if pks else {}
    EditorialEvent.objects.bulk_create(
        [
            EditorialEvent(
                content_type=content_type,
                object_id=r.instance.pk,
                kind=EditorialEvent.Kind.IMPORTED,
                actor=actor,
                editor=actor,
                # The file's own name: a long path keeps its end, which names the file.
                source=Path(r.file).name[-255:],
                history_id=history_ids.get(r.instance.pk),
            )
            for r in records
        ],
        batch_size=BATCH_SIZE,
    )


def describe_changes(records: list[Record], changes: dict, m2m_changes: dict):
    """The report's entries for one model's records: those created or updated, with their
    fields, and those left unchanged whose HTML in the file the sanitizer cleans."""
    described = []
    for record in records:
        # A new object is listed by its key: every field of it is new.
        fields = (
            []
            if record.created
            else [
                *changes.get(id(record), []),
                *m2m_changes.get(id(record), []),
            ]
        )
        if record.created:
            action = ObjectChange.CREATED
        elif id(record) in changes or id(record) in m2m_changes:
            action = ObjectChange.UPDATED
        else:
            action = ObjectChange.UNCHANGED
        listed = {change.name for change in fields}
        fields += [
            FieldChange(name, html_removed=removed)
            for name, removed in record.cleaned_html.items()
            if name not in listed
        ]
        if action == ObjectChange.UNCHANGED and not fields:
            continue  # counted, not listed
        described.append(
            ObjectChange(action, record.label, list(record.key), record.file, record.index, fields)
        )
    return described


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """The problems file by file (in the order the files came) and object by object, each
    object's in the order they were found: the checks run in stages, the reader reads files."""
    files = {}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.index or 0))


# The whole import ------------------------------------------------------------------------


def import_content(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    user=None,
) -> ImportReport:
    """Import the fixture files under ``paths`` all at once, or raise ImportFailed."""
    files, problems = collect_files(paths)
    sources = read_sources(files, problems)
    return import_sources(sources, dry_run=dry_run, progress=progress, problems=problems, user=user)


def import_sources(
    sources: list[tuple[str, bytes]],
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    problems: list[Problem] | None = None,
    user=None,
) -> ImportReport:
    """Import files given as (name, bytes) pairs — uploads, for instance — all at once.

    ``user``, when given, is recorded in the history of every object written."""
    problems = [] if problems is None else problems
    models_by_label = importable_models()
    if not sources and not problems:
        problems.append(Problem("(input)", message="no fixture files were given"))
    records: list[Record] = []
    for name, data in sources:
        records += parse_source(name, data, models_by_label, problems)

    index = KeyIndex()
    by_model: dict[type, list[Record]] = defaultdict(list)
    for record in records:
        if not compute_key(record, problems):
            # Without its key it cannot be matched or referred to, but its other fields are
            # still checked, as a new object's, so that one pass reports them too.
            by_model[record.model].append(record)
            continue
        twin = index.incoming[record.model].get(record.key)
        if twin is not None:
            if twin.fields != record.fields:
                problems.append(
                    record.problem(
                        _(
                            "the same object appears in %(file)s, object %(index)s, with "
                            "different content"
                        )
                        % {"file": twin.file, "index": twin.index}
                    )
                )
            continue  # an identical repeat is harmless
        index.incoming[record.model][record.key] = record
        by_model[record.model].append(record)
    # No early stop: every object whose shape was readable is checked below, so that one
    # pass reports every problem of the set. Nothing is written once one is found.

    order = serializers.sort_dependencies(
        [(apps.get_app_config(APP_LABEL), list(by_model))], allow_cycles=False
    )
    report = ImportReport(dry_run=dry_run)
    # The editorial log's content types, all in one query (Django caches them afterwards).
    content_types = {} if dry_run else ContentType.objects.get_for_models(*order)
    done = 0
    try:
        with transaction.atomic():
            for model in order:
                model_records = by_model.get(model, [])
                if not model_records:
                    continue
                for record in model_records:
                    # Every check runs on every object, leaving out the fields already found
                    # unusable: one pass reports all the problems of the set.
                    build_instance(record, index, problems)
                    validate_instance(record, problems)
                    check_m2m_references(record, index, problems)
                check_unique(model, model_records, problems)
                if problems:  # report, but write nothing: the set is refused whole
                    continue
                counts = report.counts[model._meta.label_lower]
                changes = write_model(model, model_records, index, counts, user)
                m2m_changes = write_m2m(model, model_records, index, problems)
                m2m_changed = [r for r in model_records if r.unchanged and id(r) in m2m_changes]
                if m2m_changed:
                    model._default_manager.filter(
                        pk__in=[r.instance.pk for r in m2m_changed]
                    ).update(updated_at=timezone.now())
                    counts.updated += len(m2m_changed)
                counts.unchanged += sum(1 for r in model_records if r.unchanged) - len(m2m_changed)
                report.objects += describe_changes(model_records, changes, m2m_changes)
                if not dry_run:
                    log_imported(
                        model,
                        [r for r in model_records if id(r) in changes or id(r) in m2m_changes],
                        user,
                        written_history=set(changes),
                        content_type=content_types[model],
                    )
                done += len(model_records)
                if progress:
                    progress(done, len(records))
            if problems:
                raise ImportFailed(in_reading_order(problems))
            if dry_run:
                transaction.set_rollback(True)
            elif report.changed:
                # Bulk writes send no model signals: re-index the search in this same
                # transaction, and announce the change once, now and after the commit (see
                # cooperation.signals).
                search_index.rebuild()
                content_changed.send(sender=ImportReport)
                transaction.on_commit(lambda: content_changed.send(sender=ImportReport))
    except DatabaseError as error:
        # A database constraint the checks above did not foresee: nothing was kept.
        raise ImportFailed([Problem("(database)", message=str(error).strip())]) from error
    return report
