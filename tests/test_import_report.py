"""Imports staff can trust: the dry run says, object by object and field by field, what would
change and what HTML would be cleaned; every problem of a set comes in one pass, numbered from 1;
the admin shows the report whole, in its own styling, and explains a refusal; a real import
writes the editorial log."""

import json
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from cooperation.content_import import (
    ImportFailed,
    ObjectChange,
    import_content,
    import_sources,
    shortened_pair,
)
from cooperation.models import ContentImport, EditorialEvent, Organization
from cooperation.roles import PUBLISHERS, sync_roles

pytestmark = pytest.mark.django_db

ADD_URL = "admin:cooperation_contentimport_add"


def write(tmp_path, objects, name="change.json"):
    path = tmp_path / name
    path.write_text(json.dumps(objects), encoding="utf-8")
    return path


def organization(**fields):
    return {"model": "cooperation.organization", "fields": {"slug": "iom", **fields}}


def dry_run_output(path):
    out = StringIO()
    call_command("import_content", "--dry-run", str(path), stdout=out)
    return out.getvalue()


def upload(client, objects, name="change.json"):
    data = objects if isinstance(objects, bytes) else json.dumps(objects).encode()
    return client.post(
        reverse(ADD_URL), {"file": SimpleUploadedFile(name, data)}, follow=True
    ).content.decode()


# The dry run, field by field -----------------------------------------------------------------


def test_a_dry_run_lists_each_changed_field_with_its_old_and_new_value(site_content, tmp_path):
    output = dry_run_output(write(tmp_path, [organization(acronym_en="OIM", member_states=175)]))
    assert 'cooperation.organization ["iom"]' in output
    assert 'acronym_en: "IOM" → "OIM"' in output
    assert re.search(r"member_states: \d+ → 175", output)


def test_a_dry_run_lists_only_the_fields_that_would_change(site_content, tmp_path):
    name = Organization.objects.get(slug="iom").name_en
    output = dry_run_output(write(tmp_path, [organization(name_en=name, acronym_en="OIM")]))
    assert "acronym_en:" in output
    assert "name_en:" not in output


def test_a_dry_run_lists_created_objects_by_model_and_natural_key(site_content, tmp_path):
    path = write(
        tmp_path, [{"model": "cooperation.theme", "fields": {"slug": "new", "name_en": "N"}}]
    )
    output = dry_run_output(path)
    assert "Would be created (1):" in output
    assert f'cooperation.theme ["new"] ({path}, object 1)' in output


def test_unchanged_objects_are_counted_not_listed(site_content, tmp_path):
    output = dry_run_output(
        write(
            tmp_path, [{"model": "cooperation.theme", "fields": {"slug": "border-infrastructure"}}]
        )
    )
    assert "Unchanged: 1 object, not listed." in output
    assert '["border-infrastructure"]' not in output


def test_a_changed_reference_is_shown_as_natural_keys(site_content, tmp_path):
    report = import_content(
        [write(tmp_path, [organization(frameworks=[["2030-agenda"]])])], dry_run=True
    )
    (change,) = report.of_action(ObjectChange.UPDATED)
    (frameworks,) = [f for f in change.fields if f.name == "frameworks"]
    assert ["2030-agenda"] in frameworks.old and len(frameworks.old) > 1
    assert frameworks.new == [["2030-agenda"]]


def test_html_the_sanitizer_would_clean_is_marked_with_what_it_removes(site_content, tmp_path):
    body = '<p onmouseover="x()">Hi<script>alert(1)</script></p><!-- note -->'
    output = dry_run_output(write(tmp_path, [organization(body_en=body)]))
    assert 'body_en: "' in output and '→ "<p>Hi</p>"' in output
    assert "HTML would be cleaned: removed <script>, <p onmouseover>, <!-- -->" in output


def test_html_in_a_new_object_is_marked_too(site_content, tmp_path):
    theme = {"model": "cooperation.theme", "fields": {"slug": "new", "name_en": "N"}}
    page = {
        "model": "cooperation.page",
        "fields": {"slug": "new-page", "title_en": "T", "body_en": "<p>a<iframe></iframe></p>"},
    }
    output = dry_run_output(write(tmp_path, [theme, page]))
    assert "HTML would be cleaned: removed <iframe>" in output


def test_html_the_sanitizer_only_rewrites_is_not_marked(site_content, tmp_path):
    output = dry_run_output(write(tmp_path, [organization(body_en="<p>a<br/>b</p>")]))
    assert "body_en:" in output
    assert "HTML would be cleaned" not in output


def test_html_cleaned_from_an_otherwise_unchanged_object_is_still_reported(site_content, tmp_path):
    stored = Organization.objects.get(slug="iom").body_en
    output = dry_run_output(write(tmp_path, [organization(body_en=stored + "<script></script>")]))
    assert "Left unchanged, though the file's HTML is cleaned (1):" in output
    assert "HTML would be cleaned: removed <script>" in output


def test_long_text_is_shortened_around_what_changed():
    old = "A" * 200 + " the old words " + "Z" * 200
    new = "A" * 200 + " the new words " + "Z" * 200
    short_old, short_new = shortened_pair(old, new, 72)
    assert len(short_old) <= 80 and len(short_new) <= 80
    assert "old words" in short_old and "new words" in short_new
    assert short_old.startswith("…") and short_old.endswith("…")


def test_the_plain_text_report_shortens_a_long_value(site_content, tmp_path):
    summary = "Word " * 100
    output = dry_run_output(write(tmp_path, [organization(summary_en=summary)]))
    (line,) = [line for line in output.splitlines() if "summary_en:" in line]
    assert len(line) < 200 and "…" in line


def test_a_real_import_run_with_verbosity_two_lists_what_it_changed(site_content, tmp_path):
    out = StringIO()
    call_command(
        "import_content",
        str(write(tmp_path, [organization(acronym_en="OIM")])),
        stdout=out,
        verbosity=2,
    )
    assert "Updated (1):" in out.getvalue()
    assert 'acronym_en: "IOM" → "OIM"' in out.getvalue()


# Every problem, in one pass, numbered from 1 -----------------------------------------------

MANY_KINDS = [
    # a primary key, and a value too long for its field
    {
        "model": "cooperation.theme",
        "pk": 7,
        "fields": {"slug": "with-pk", "name_en": "With pk", "description_en": 1, "colour": "x"},
    },
    # a control character, and a choice that does not exist
    {
        "model": "cooperation.project",
        "fields": {
            "slug": "p\u0001",
            "organization": ["iom"],
            "title_en": "T",
            "summary_en": "S",
            "stage": "abandoned",
        },
    },
    # no natural key, and a field too long
    {"model": "cooperation.organization", "fields": {"name_en": "N", "acronym_en": "X" * 30}},
    # an unknown field, and a missing reference
    {
        "model": "cooperation.focusarea",
        "fields": {"organization": ["nowhere"], "name_en": "F", "order": 1, "shade": 2},
    },
]


def test_every_kind_of_problem_of_a_file_is_reported_in_one_pass(site_content):
    with pytest.raises(ImportFailed) as failure:
        import_sources([("many.json", json.dumps(MANY_KINDS).encode())])
    report = "\n".join(str(problem) for problem in failure.value.problems)
    for expected in [
        "object 1, cooperation.theme: primary keys are not accepted",
        "object 1, cooperation.theme ['with-pk'], field 'colour': unknown field",
        "object 2, cooperation.project, field 'slug': contains the control character U+0001",
        "field 'stage': Value 'abandoned' is not a valid choice.",
        "object 3, cooperation.organization, field 'slug': this field is part of the natural key",
        "object 3, cooperation.organization, field 'acronym_en': Ensure this value has at most 20",
        "object 4, cooperation.focusarea ['F', 'nowhere'], field 'organization': refers to",
        "field 'shade': unknown field",
    ]:
        assert expected in report


def test_a_value_already_reported_is_not_reported_again(site_content):
    with pytest.raises(ImportFailed) as failure:
        import_sources([("many.json", json.dumps(MANY_KINDS[3:]).encode())])
    organization_problems = [p for p in failure.value.problems if p.field == "organization"]
    assert len(organization_problems) == 1  # the missing reference, not also "required"


def test_the_problems_come_in_the_order_of_the_objects(site_content):
    with pytest.raises(ImportFailed) as failure:
        import_sources([("many.json", json.dumps(MANY_KINDS).encode())])
    numbers = [problem.index for problem in failure.value.problems]
    assert numbers == sorted(numbers)


def test_objects_are_numbered_from_one_in_every_message(site_content):
    same = {"model": "cooperation.theme", "fields": {"slug": "twin", "name_en": "A"}}
    other = {"model": "cooperation.theme", "fields": {"slug": "twin", "name_en": "B"}}
    with pytest.raises(ImportFailed) as failure:
        import_sources([("twins.json", json.dumps([same, other]).encode())])
    (problem,) = failure.value.problems
    assert str(problem).startswith("twins.json, object 2,")
    assert "appears in twins.json, object 1, with different content" in str(problem)


def test_the_command_numbers_the_problems_from_one(site_content, tmp_path):
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command("import_content", str(write(tmp_path, MANY_KINDS)), stderr=stderr)
    lines = stderr.getvalue().splitlines()
    assert lines[0].startswith("  1. ") and lines[1].startswith("  2. ")


# The editorial log ---------------------------------------------------------------------------


def test_a_real_import_logs_one_imported_event_per_object_it_writes(site_content, tmp_path):
    path = write(
        tmp_path,
        [
            organization(acronym_en="OIM"),
            {"model": "cooperation.theme", "fields": {"slug": "new", "name_en": "New"}},
            {"model": "cooperation.theme", "fields": {"slug": "border-infrastructure"}},
        ],
    )
    EditorialEvent.objects.all().delete()
    import_content([path])
    events = EditorialEvent.objects.filter(kind=EditorialEvent.Kind.IMPORTED)
    assert sorted(str(e.content_object.slug) for e in events) == ["iom", "new"]
    assert {e.source for e in events} == {"change.json"}


def test_an_imported_event_names_the_history_record_the_import_wrote(site_content, tmp_path):
    import_content([write(tmp_path, [organization(acronym_en="OIM")])])
    iom = Organization.objects.get(slug="iom")
    event = EditorialEvent.objects.get(
        kind=EditorialEvent.Kind.IMPORTED,
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=iom.pk,
        source="change.json",
    )
    assert event.history_id == iom.history.latest().history_id
    assert iom.history.get(history_id=event.history_id).acronym_en == "OIM"


def test_an_imported_event_names_whoever_imported(site_content, tmp_path, admin_user):
    import_sources(
        [("change.json", json.dumps([organization(acronym_en="OIM")]).encode())], user=admin_user
    )
    event = EditorialEvent.objects.get(kind=EditorialEvent.Kind.IMPORTED, source="change.json")
    assert event.actor == admin_user


def test_a_dry_run_logs_nothing(site_content, tmp_path):
    before = EditorialEvent.objects.count()
    import_content([write(tmp_path, [organization(acronym_en="OIM")])], dry_run=True)
    assert EditorialEvent.objects.count() == before


def test_a_refused_import_logs_nothing(site_content, tmp_path):
    before = EditorialEvent.objects.count()
    objects = [organization(acronym_en="OIM"), organization(acronym_en="X" * 30)]
    with pytest.raises(ImportFailed):
        import_content([write(tmp_path, objects)])
    assert EditorialEvent.objects.count() == before


# The admin's report ------------------------------------------------------------------------


def test_the_admin_check_shows_each_changed_field_whole(admin_client, site_content):
    summary = "A summary long enough to be shortened in a terminal. " * 6
    page = upload(admin_client, [organization(summary_en=summary, acronym_en="OIM")])
    assert '<th scope="row"><code>acronym_en</code></th>' in page
    assert json.dumps(summary) in page.replace("&quot;", '"')  # whole, not shortened


def test_the_admin_check_lists_a_new_object_by_its_natural_key(admin_client, site_content):
    new = {"model": "cooperation.theme", "fields": {"slug": "new", "name_en": "New"}}
    page = upload(admin_client, [new])
    assert "<h2>Would be created (1)</h2>" in page
    assert "<code>cooperation.theme [&quot;new&quot;]</code>" in page


def test_an_applied_import_shows_what_it_changed(admin_client, site_content):
    upload(admin_client, [organization(acronym_en="OIM")])
    record = ContentImport.objects.get()
    page = admin_client.post(
        reverse("admin:cooperation_contentimport_apply", args=[record.pk]), follow=True
    ).content.decode()
    assert "Import complete." in page
    assert "<h2>Updated (1)</h2>" in page and "<code>acronym_en</code>" in page


def test_the_admin_report_is_not_a_clipped_read_only_field(admin_client, site_content):
    page = upload(admin_client, [organization(acronym_en="OIM")])
    assert 'class="import-report"' in page
    assert '<div class="readonly"><pre' not in page


def test_the_admin_marks_html_the_sanitizer_would_clean(admin_client, site_content):
    page = upload(admin_client, [organization(body_en="<p>Hi<script>1</script></p>")])
    assert "HTML would be cleaned: removed &lt;script&gt;" in page


def test_the_admin_lists_every_problem_numbered_in_a_table(admin_client, site_content):
    page = upload(admin_client, MANY_KINDS)
    assert ContentImport.objects.get().state == ContentImport.State.REJECTED
    table = page.split('class="import-report__problems"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>", table)
    assert rows[:3] == ["1", "2", "3"] and len(rows) >= 8


def test_an_older_plain_text_report_is_shown_whole(admin_client, site_content):
    text = "Dry run — nothing was written.\n" + "x" * 5000
    record = ContentImport.objects.create(
        filename="old.json", content=b"[]", state="validated", report=text
    )
    page = admin_client.get(
        reverse("admin:cooperation_contentimport_change", args=[record.pk])
    ).content.decode()
    assert '<pre class="import-report__text">' in page  # wrapped across the page, not clipped
    assert "x" * 5000 in page


def test_the_upload_page_has_the_admins_breadcrumbs_and_form_styles(admin_client, site_content):
    page = admin_client.get(reverse(ADD_URL)).content.decode()
    assert '<ol class="breadcrumbs">' in page
    assert "admin/css/forms.css" in page


# A refusal the editor can act on -----------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    sync_roles()
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def publisher(django_user_model):
    sync_roles()
    person = django_user_model.objects.create_user(
        "publisher", password="pw", is_staff=True, email="publisher@example.org"
    )
    person.groups.add(Group.objects.get(name=PUBLISHERS))
    return person


def test_an_editor_opening_the_import_page_gets_the_admins_own_explanation(
    editor_client, publisher, site_content
):
    response = editor_client.get(reverse(ADD_URL))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<ol class="breadcrumbs">' in page and 'id="site-name"' in page
    assert "writes content straight to the public site" in page
    assert "publisher@example.org" in page


def test_an_editor_applying_an_import_gets_the_explanation_and_nothing_is_written(
    editor_client, publisher, site_content
):
    record = ContentImport.objects.create(
        filename="change.json",
        content=json.dumps([organization(acronym_en="OIM")]).encode(),
        state=ContentImport.State.VALIDATED,
    )
    response = editor_client.post(
        reverse("admin:cooperation_contentimport_apply", args=[record.pk])
    )
    assert response.status_code == 403
    assert "writes content straight to the public site" in response.content.decode()
    assert Organization.objects.get(slug="iom").acronym == "IOM"


def test_the_explanation_says_what_the_account_lacks(editor_client, site_content):
    page = editor_client.get(reverse(ADD_URL)).content.decode()
    assert "The permission to import content from fixture files." in page
    assert "The permission to publish:" in page
