"""Export the site's content as fixture files that ``import_content`` reads back unchanged.

One file per model, numbered in dependency order, objects sorted by natural key:
the same content always exports to the same bytes, whatever its primary keys.
"""

from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db.models import ForeignKey

from .content_import import APP_LABEL, MANAGED_FIELDS, importable_models
from .models.natural_keys import key_select_related


def _related_paths(model):
    """select_related paths that let every foreign key's natural key be read without queries."""
    paths = []
    for field in model._meta.concrete_fields:
        if isinstance(field, ForeignKey):
            paths.append(field.name)
            paths += [f"{field.name}__{p}" for p in key_select_related(field.related_model)]
    return paths


def _queryset(model):
    queryset = model._default_manager.all()
    if paths := _related_paths(model):
        queryset = queryset.select_related(*paths)
    m2m = [f.name for f in model._meta.many_to_many]
    if m2m:
        queryset = queryset.prefetch_related(*m2m)
    return queryset


def export_content(output_dir: Path) -> dict[str, int]:
    """Write every importable model's objects under ``output_dir``; returns counts per model."""
    output_dir.mkdir(parents=True, exist_ok=True)
    order = serializers.sort_dependencies(
        [(apps.get_app_config(APP_LABEL), list(importable_models().values()))]
    )
    counts = {}
    for number, model in enumerate(order, start=1):
        objects = sorted(_queryset(model), key=lambda obj: tuple(map(str, obj.natural_key())))
        fields = [
            f.name
            for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if not f.primary_key and f.name not in MANAGED_FIELDS
        ]
        text = serializers.serialize(
            "json",
            objects,
            indent=2,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            fields=fields,
            ensure_ascii=False,
        )
        path = output_dir / f"{number:02d}_{model._meta.model_name}.json"
        path.write_text(text + "\n", encoding="utf-8")
        counts[model._meta.label_lower] = len(objects)
    return counts
