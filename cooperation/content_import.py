"""Import content from fixture files: read and validate everything, then write it all at once.

The files use Django's serialization format with natural keys and no primary
keys, as ``fixtures/`` does. Unlike ``loaddata``, an import

* resolves natural keys across all files, whatever their order;
* validates every object as the admin would (``full_clean()``, rich-text
  sanitization, uniqueness) and reports every problem it finds, not the first;
* matches objects by natural key, updating what changed and leaving the rest
  untouched, so importing the same content twice changes nothing;
* writes in one transaction, so a set with any problem writes nothing.

Look-ups and writes are batched per model, so the number of queries grows with
the number of models in the set, not with the number of objects.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from iomsite.control_characters import first_control_character

from .models.natural_keys import NaturalKeyModel, key_fields, key_select_related
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


@dataclass
class Record:
    """One object of a file, as read."""

    file: str
    index: int
    model: type[models.Model]
    fields: dict
    key: tuple = ()
    instance: models.Model | None = None
    m2m: dict = field(default_factory=dict)  # field name -> list of target keys
    unchanged: bool = False

    @property
    def label(self):
        return self.model._meta.label_lower

    def problem(self, message, field_name=""):
        return Problem(self.file, self.index, self.label, self.key, field_name, message)


@dataclass
class ModelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    counts: dict[str, ModelCounts] = field(default_factory=lambda: defaultdict(ModelCounts))
    dry_run: bool = False

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
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(Problem(name, index, message=_("each object must be a JSON object")))
            continue
        unexpected = set(item) - {"model", "fields", "pk"}
        label = item.get("model")
        if not isinstance(label, str):
            problems.append(Problem(name, index, message=_("'model' is missing or not a string")))
            continue
        model = models_by_label.get(label.lower())
        if model is None:
            problems.append(Problem(name, index, label, message=_("unknown model")))
            continue
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
            continue
        if unexpected:
            problems.append(
                Problem(
                    name,
                    index,
                    label,
                    message=_("unexpected keys %(keys)s") % {"keys": sorted(unexpected)},
                )
            )
            continue
        fields = item.get("fields")
        if not isinstance(fields, dict):
            problems.append(Problem(name, index, label, message=_("'fields' must be an object")))
            continue
        unreadable = {
            field_name: character
            for field_name, value in fields.items()
            if (character := control_character_in(value))
        }
        for field_name, character in unreadable.items():
            problems.append(
                Problem(
                    name,
                    index,
                    label,
                    field=str(field_name),
                    message=_(
                        "contains the control character %(character)s, which text may not hold"
                    )
                    % {"character": character},
                )
            )
        if not unreadable:
            records.append(Record(name, index, model, fields))
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
    key = []
    for field_obj in key_fields(record.model):
        if field_obj.name not in record.fields:
            problems.append(
                record.problem(
                    _("this field is part of the natural key and is required"), field_obj.name
                )
            )
            return False
        part = _key_component(
            record.model, field_obj, record.fields[field_obj.name], record, problems
        )
        if part is None:
            return False
        key.extend(part)
    record.key = tuple(key)
    return True


# Resolving and validating ---------------------------------------------------------------


class KeyIndex:
    """Natural key -> instance, for the set being imported and for the database, per model.

    The database side is loaded once per model, in one query, on first use.
    """

    def __init__(self):
        self.existing: dict[type, dict[tuple, models.Model]] = {}
        self.incoming: dict[type, dict[tuple, Record]] = defaultdict(dict)

    def existing_for(self, model):
        if model not in self.existing:
            queryset = model._default_manager.all()
            if paths := key_select_related(model):
                queryset = queryset.select_related(*paths)
            self.existing[model] = {obj.natural_key(): obj for obj in queryset.iterator(2000)}
        return self.existing[model]

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
        if name in MANAGED_FIELDS:
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
    record.instance = instance
    return ok


def validate_instance(record: Record, problems: list[Problem]):
    """``full_clean()`` as the admin runs it; foreign keys were resolved above, uniqueness
    is checked in bulk by ``check_unique``."""
    instance = record.instance
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    # Foreign keys to objects created in this import have no primary key yet;
    # a missing required one is reported here instead.
    for field_obj in instance._meta.concrete_fields:
        if field_obj.is_relation and not field_obj.null:
            if getattr(instance, field_obj.attname) is None and not _has_unsaved(
                instance, field_obj
            ):
                problems.append(record.problem(_("This field is required."), field_obj.name))
    try:
        instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
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

        seen = {}
        for record in records:
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
        wanted = {value_of(r.instance): r for r in records if None not in value_of(r.instance)}
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


def write_model(model, records: list[Record], index: KeyIndex, counts: ModelCounts, user=None):
    """Create the new objects and update the changed ones, in bulk, with their history."""
    compared = [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in MANAGED_FIELDS
    ]
    to_create, to_update = [], []
    existing = index.existing_for(model)
    for record in records:
        instance = record.instance
        old = existing.get(record.key)
        if old is None:
            to_create.append(instance)
        elif _comparable(old, compared) != _comparable(instance, compared):
            instance.updated_at = timezone.now()
            to_update.append(instance)
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


def write_m2m(model, records: list[Record], index: KeyIndex, problems: list[Problem]):
    """Make each many-to-many set exactly what the file lists; returns changed instances."""
    changed = set()
    for name in {name for r in records for name in r.m2m}:
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
                changed.add(id(record))
            add += [
                through(**{f"{source}_id": record.instance.pk, f"{target}_id": t})
                for t in wanted - have
            ]
            remove += [(record.instance.pk, t) for t in have - wanted]
        through.objects.bulk_create(add, batch_size=BATCH_SIZE)
        for src, tgt in remove:
            through.objects.filter(**{f"{source}_id": src, f"{target}_id": tgt}).delete()
    return changed


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
    records = [r for r in records if compute_key(r, problems)]

    index = KeyIndex()
    by_model: dict[type, list[Record]] = defaultdict(list)
    for record in records:
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
    done = 0
    try:
        with transaction.atomic():
            for model in order:
                model_records = by_model.get(model, [])
                if not model_records:
                    continue
                built = []
                for record in model_records:
                    if build_instance(record, index, problems):
                        validate_instance(record, problems)
                        check_m2m_references(record, index, problems)
                        built.append(record)
                check_unique(model, built, problems)
                if problems:  # report, but write nothing: the set is refused whole
                    continue
                counts = report.counts[model._meta.label_lower]
                write_model(model, model_records, index, counts, user)
                changed_ids = write_m2m(model, model_records, index, problems)
                m2m_changed = [r for r in model_records if r.unchanged and id(r) in changed_ids]
                if m2m_changed:
                    model._default_manager.filter(
                        pk__in=[r.instance.pk for r in m2m_changed]
                    ).update(updated_at=timezone.now())
                    counts.updated += len(m2m_changed)
                counts.unchanged += sum(1 for r in model_records if r.unchanged) - len(m2m_changed)
                done += len(model_records)
                if progress:
                    progress(done, len(records))
            if problems:
                raise ImportFailed(problems)
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
