"""import_content and export_content: all-or-nothing imports, clear messages, faithful exports."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from cooperation.content_import import ImportFailed, import_content, importable_models
from cooperation.models import FocusArea, Organization, Theme

from .conftest import FIXTURES_DIR

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "import_corpus"

# file in the corpus: what the message must say
BAD_FILES = {
    "not_json.json": "not valid JSON",
    "not_utf8.json": "not UTF-8 text",
    "empty.json": "the file is empty",
    "blank.json": "the file is empty",
    "wrong_shape.json": "the top level must be a list of objects",
    "item_not_object.json": "object 1: each object must be a JSON object",
    "unknown_model.json": "object 1, cooperation.embassador: unknown model",
    "foreign_model.json": "auth.user: unknown model",
    "unknown_field.json": "cooperation.theme ['x'], field 'colour': unknown field",
    "primary_key.json": "primary keys are not accepted",
    "missing_required.json": "field 'summary_en': This field cannot be blank.",
    "missing_key_field.json": "field 'slug': this field is part of the natural key and is required",
    "too_long.json": "field 'acronym_en': Ensure this value has at most 20 characters (it has 30).",
    "impossible_date.json": "it is an invalid date",
    "invalid_choice.json": "field 'stage': Value 'abandoned' is not a valid choice.",
    "missing_reference.json": (
        "field 'organization': refers to cooperation.organization ['no-such-organization'], "
        "which exists neither in the files nor in the database"
    ),
    "conflicting_duplicates.json": "the same object appears in",
    "wrong_reference_shape.json": "field 'organization': expected the natural key",
    "ends_before_start.json": "field 'end_date': A project cannot end before it starts.",
    "duplicate_unique_name.json": (
        "field 'name_en': name_en 'Combating human trafficking' is already used by another object"
    ),
    "valid_change_then_invalid.json": "field 'date'",
}


def database_snapshot():
    """Every importable row, serialized: equal snapshots mean an unchanged database."""
    rows = []
    for model in importable_models().values():
        rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return rows


def test_the_corpus_covers_every_bad_file():
    assert sorted(p.name for p in CORPUS.glob("*.json")) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "message"), BAD_FILES.items(), ids=BAD_FILES.keys())
def test_a_bad_file_is_reported_and_changes_nothing(site_content, name, message):
    before = database_snapshot()
    stderr = StringIO()
    with pytest.raises(CommandError, match=r"problem\(s\) found; nothing was imported"):
        call_command("import_content", str(CORPUS / name), stderr=stderr)
    assert message in stderr.getvalue()
    assert f"{CORPUS / name}" in stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()
    assert database_snapshot() == before


def test_the_command_exits_non_zero_on_a_bad_file(site_content):
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "import_content", str(CORPUS / "empty.json")])
    assert exit_info.value.code != 0


def test_every_problem_in_a_set_is_reported_not_just_the_first(site_content):
    with pytest.raises(ImportFailed) as failure:
        import_content([CORPUS / "unknown_field.json", CORPUS / "too_long.json"])
    messages = [str(p) for p in failure.value.problems]
    assert any("colour" in m for m in messages) and any("acronym" in m for m in messages)


def test_a_valid_change_followed_by_an_invalid_object_writes_nothing(site_content):
    summary = Organization.objects.get(slug="iom").summary
    with pytest.raises(ImportFailed):
        import_content([CORPUS / "valid_change_then_invalid.json"])
    assert Organization.objects.get(slug="iom").summary == summary
    assert not Theme.objects.filter(slug="new-theme").exists()


def test_a_missing_folder_is_reported(db):
    with pytest.raises(ImportFailed, match="1 problem"):
        import_content(["/no/such/folder"])


def test_importing_twice_is_idempotent(db):
    first = import_content([FIXTURES_DIR])
    snapshot = database_snapshot()
    second = import_content([FIXTURES_DIR])
    assert first.changed and not second.changed
    assert database_snapshot() == snapshot


def test_a_changed_field_is_updated_in_place(site_content, tmp_path):
    change = tmp_path / "change.json"
    change.write_text(
        json.dumps(
            [{"model": "cooperation.organization", "fields": {"slug": "iom", "member_states": 175}}]
        )
    )
    report = import_content([change])
    assert report.counts["cooperation.organization"].updated == 1
    assert Organization.objects.get(slug="iom").member_states == 175
    assert Organization.objects.count() == 1


def test_a_many_to_many_change_is_applied_and_counted(site_content, tmp_path):
    change = tmp_path / "change.json"
    change.write_text(
        json.dumps(
            [
                {
                    "model": "cooperation.organization",
                    "fields": {"slug": "iom", "frameworks": [["2030-agenda"]]},
                }
            ]
        )
    )
    report = import_content([change])
    assert report.counts["cooperation.organization"].updated == 1
    assert list(Organization.objects.get(slug="iom").frameworks.values_list("slug", flat=True)) == [
        "2030-agenda"
    ]


def test_dry_run_reports_and_writes_nothing(db):
    out = StringIO()
    call_command("import_content", "--dry-run", str(FIXTURES_DIR), stdout=out)
    assert "Dry run — nothing was written." in out.getvalue()
    assert "cooperation.milestone" in out.getvalue()
    assert not Organization.objects.exists()


def test_dry_run_counts_what_would_change(site_content, tmp_path):
    change = tmp_path / "change.json"
    change.write_text(
        json.dumps(
            [
                {
                    "model": "cooperation.organization",
                    "fields": {"slug": "iom", "acronym_en": "OIM"},
                },
                {"model": "cooperation.theme", "fields": {"slug": "new", "name_en": "New"}},
                {"model": "cooperation.theme", "fields": {"slug": "border-infrastructure"}},
            ]
        )
    )
    report = import_content([change], dry_run=True)
    assert report.counts["cooperation.organization"].updated == 1
    assert report.counts["cooperation.theme"].created == 1
    assert report.counts["cooperation.theme"].unchanged == 1
    assert Organization.objects.get(slug="iom").acronym == "IOM"


def test_references_resolve_across_files_whatever_their_order(db, tmp_path):
    (tmp_path / "a_children.json").write_text(
        json.dumps(
            [
                {
                    "model": "cooperation.focusarea",
                    "fields": {"organization": ["later"], "name_en": "forward", "order": 1},
                }
            ]
        )
    )
    (tmp_path / "b_parent.json").write_text(
        json.dumps(
            [
                {
                    "model": "cooperation.organization",
                    "fields": {"slug": "later", "name_en": "Defined later", "summary_en": "S"},
                }
            ]
        )
    )
    import_content([tmp_path])
    assert FocusArea.objects.get(name_en="forward").organization.slug == "later"


def test_imported_rich_text_is_sanitized_like_the_admins(site_content, tmp_path):
    change = tmp_path / "change.json"
    change.write_text(
        json.dumps(
            [
                {
                    "model": "cooperation.organization",
                    "fields": {
                        "slug": "iom",
                        "body_en": '<p onmouseover="x()">Hi<script>1</script></p>',
                    },
                }
            ]
        )
    )
    import_content([change])
    assert Organization.objects.get(slug="iom").body == "<p>Hi</p>"


def test_export_then_import_into_an_empty_database_then_export_is_identical(site_content, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_content", "--output", str(first), stdout=StringIO())
    app = apps.get_app_config("cooperation")
    for model in reversed(
        serializers.sort_dependencies([(app, list(importable_models().values()))])
    ):
        model.objects.all().delete()
    assert not Organization.objects.exists()
    import_content([first])
    call_command("export_content", "--output", str(second), stdout=StringIO())
    names = sorted(p.name for p in first.glob("*.json"))
    assert names == sorted(p.name for p in second.glob("*.json"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_export_refuses_a_folder_that_already_holds_fixtures(site_content, tmp_path):
    (tmp_path / "old.json").write_text("[]")
    with pytest.raises(CommandError, match="already holds .json files"):
        call_command("export_content", "--output", str(tmp_path))


def test_the_number_of_queries_does_not_grow_with_the_number_of_objects(db, tmp_path):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from iomsite.page_cache import stored_version

    from .benchmarks.import_benchmark import generate

    stored_version()  # the page cache's version row exists once, whatever is imported
    # Django caches content types (the editorial log's) once per process.
    ContentType.objects.get_for_models(*importable_models().values())
    counts = []
    for organizations in (4, 40):
        folder = tmp_path / str(organizations)
        folder.mkdir()
        generate(folder, organizations, milestones=3)
        with CaptureQueriesContext(connection) as queries:
            import_content([folder])
        counts.append(len(queries))
    assert counts[0] == counts[1]
