"""Natural keys declared once per model, as ``natural_key_fields``.

A model lists the fields that identify it, e.g. ``("date", "title_en", "organization")``;
a foreign key contributes its target's own natural key. From that one declaration
come ``natural_key()``, the manager's ``get_by_natural_key()`` and the import
pipeline's look-ups, so the three can never disagree.
"""

import datetime

from django.db import models


def key_value(value):
    """A key component in its canonical, JSON-friendly form (dates as ISO strings)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def key_fields(model):
    return [model._meta.get_field(name) for name in model.natural_key_fields]


def key_arity(model) -> int:
    """How many values make up the model's natural key."""
    return sum(
        key_arity(field.related_model) if field.is_relation else 1 for field in key_fields(model)
    )


def key_lookup(model, values, prefix="") -> dict:
    """Filter keyword arguments that find the object with this natural key."""
    values = list(values)
    lookup = {}
    for field in key_fields(model):
        if field.is_relation:
            arity = key_arity(field.related_model)
            part, values = values[:arity], values[arity:]
            lookup |= key_lookup(field.related_model, part, f"{prefix}{field.name}__")
        else:
            lookup[f"{prefix}{field.name}"] = values.pop(0)
    return lookup


def key_select_related(model, prefix="") -> list[str]:
    """The relation paths to follow so that ``natural_key()`` runs no further queries."""
    paths = []
    for field in key_fields(model):
        if field.is_relation:
            path = f"{prefix}{field.name}"
            paths.append(path)
            paths += key_select_related(field.related_model, f"{path}__")
    return paths


class NaturalKeyQuerySetMixin:
    def get_by_natural_key(self, *key):
        return self.get(**key_lookup(self.model, key))


class NaturalKeyModel(models.Model):
    """Abstract base: ``natural_key()`` and its dependencies from ``natural_key_fields``."""

    natural_key_fields: tuple[str, ...] = ("slug",)

    class Meta:
        abstract = True

    def natural_key(self):
        key = []
        for field in key_fields(type(self)):
            value = getattr(self, field.name)
            if field.is_relation:
                key.extend(value.natural_key())
            else:
                key.append(key_value(value))
        return tuple(key)
