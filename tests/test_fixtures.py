"""The site's content in fixtures/: loads cleanly, validates, and loads again without duplicates."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from cooperation.content_import import import_content, importable_models

from .conftest import FIXTURES_DIR

pytestmark = pytest.mark.django_db


def _rows():
    return {m._meta.label_lower: m.objects.count() for m in importable_models().values()}


def test_fixtures_load_through_the_import_command(site_content):
    assert site_content.counts["cooperation.organization"].created == 1
    assert site_content.counts["cooperation.milestone"].created == 10


def test_loading_the_fixtures_twice_changes_nothing(site_content):
    before = _rows()
    again = import_content([FIXTURES_DIR])
    assert _rows() == before
    assert not again.changed
    assert all(c.unchanged for c in again.counts.values())


def test_every_loaded_object_passes_full_clean(site_content):
    for model in importable_models().values():
        for obj in model.objects.all():
            obj.full_clean()


def test_fixture_files_carry_no_primary_keys_and_refer_by_natural_key():
    models_by_label = importable_models()
    for path in FIXTURES_DIR.glob("*.json"):
        for obj in json.loads(path.read_text(encoding="utf-8")):
            assert "pk" not in obj, f"{path.name}: {obj['model']} has a primary key"
            model = models_by_label[obj["model"]]
            for name, value in obj["fields"].items():
                field = model._meta.get_field(name)
                if field.many_to_many:
                    assert all(isinstance(key, list) for key in value), (path.name, name)
                elif field.is_relation:
                    assert value is None or isinstance(value, list), (path.name, name)


def test_make_runs_import_command_is_quiet_and_idempotent(site_content):
    out = StringIO()
    call_command("import_content", str(FIXTURES_DIR), stdout=out)
    assert "Import complete." in out.getvalue()
    assert _rows()["cooperation.organization"] == 1


def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
