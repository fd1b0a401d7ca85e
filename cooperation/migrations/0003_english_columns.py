"""Text in three languages, step one: each translated column becomes its English column.

Renamed, not re-created, so that the content already stored is kept as the English text; the
working copies' stored values are renamed with them. The next migration adds the Russian and
Belarusian columns beside them.
"""

from django.db import migrations, models

TRANSLATED = {
    "framework": ["name", "description"],
    "organization": [
        "name",
        "acronym",
        "summary",
        "body",
        "headquarters",
        "observers",
        "offices",
        "head_title",
        "head_name",
        "logo_alt",
        "frameworks_summary",
    ],
    "focusarea": ["name", "description"],
    "cooperation": ["policy_priority", "membership_note", "summary", "body"],
    "milestone": ["title", "description"],
    "theme": ["name", "description"],
    "project": ["title", "summary", "body"],
    "institution": ["name", "city", "description"],
    "diplomaticmission": ["name", "country", "city", "address", "head_title", "head_name"],
    "page": ["title", "summary", "body"],
}


def rename_in_working_copies(apps, schema_editor, suffix_from, suffix_to):
    """A working copy stores the form's values by field name: its keys follow the columns."""
    PendingChange = apps.get_model("cooperation", "PendingChange")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, fields in TRANSLATED.items():
        content_type = ContentType.objects.filter(app_label="cooperation", model=model).first()
        if content_type is None:
            continue
        renames = {f"{name}{suffix_from}": f"{name}{suffix_to}" for name in fields}
        for change in PendingChange.objects.filter(content_type=content_type):
            change.data = {renames.get(key, key): value for key, value in change.data.items()}
            change.save(update_fields=["data"])


def forwards(apps, schema_editor):
    rename_in_working_copies(apps, schema_editor, "", "_en")


def backwards(apps, schema_editor):
    rename_in_working_copies(apps, schema_editor, "_en", "")


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0002_project_ordering_stable"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        # The unique constraints that name a text name its English column from now on.
        migrations.RemoveConstraint("focusarea", "cooperation_focusarea_unique_name"),
        migrations.RemoveConstraint("milestone", "cooperation_milestone_unique"),
        migrations.RenameField("framework", "name", "name_en"),
        migrations.RenameField("framework", "description", "description_en"),
        migrations.RenameField("historicalframework", "name", "name_en"),
        migrations.RenameField("historicalframework", "description", "description_en"),
        migrations.RenameField("organization", "name", "name_en"),
        migrations.RenameField("organization", "acronym", "acronym_en"),
        migrations.RenameField("organization", "summary", "summary_en"),
        migrations.RenameField("organization", "body", "body_en"),
        migrations.RenameField("organization", "headquarters", "headquarters_en"),
        migrations.RenameField("organization", "observers", "observers_en"),
        migrations.RenameField("organization", "offices", "offices_en"),
        migrations.RenameField("organization", "head_title", "head_title_en"),
        migrations.RenameField("organization", "head_name", "head_name_en"),
        migrations.RenameField("organization", "logo_alt", "logo_alt_en"),
        migrations.RenameField("organization", "frameworks_summary", "frameworks_summary_en"),
        migrations.RenameField("historicalorganization", "name", "name_en"),
        migrations.RenameField("historicalorganization", "acronym", "acronym_en"),
        migrations.RenameField("historicalorganization", "summary", "summary_en"),
        migrations.RenameField("historicalorganization", "body", "body_en"),
        migrations.RenameField("historicalorganization", "headquarters", "headquarters_en"),
        migrations.RenameField("historicalorganization", "observers", "observers_en"),
        migrations.RenameField("historicalorganization", "offices", "offices_en"),
        migrations.RenameField("historicalorganization", "head_title", "head_title_en"),
        migrations.RenameField("historicalorganization", "head_name", "head_name_en"),
        migrations.RenameField("historicalorganization", "logo_alt", "logo_alt_en"),
        migrations.RenameField(
            "historicalorganization", "frameworks_summary", "frameworks_summary_en"
        ),
        migrations.RenameField("focusarea", "name", "name_en"),
        migrations.RenameField("focusarea", "description", "description_en"),
        migrations.RenameField("historicalfocusarea", "name", "name_en"),
        migrations.RenameField("historicalfocusarea", "description", "description_en"),
        migrations.RenameField("cooperation", "policy_priority", "policy_priority_en"),
        migrations.RenameField("cooperation", "membership_note", "membership_note_en"),
        migrations.RenameField("cooperation", "summary", "summary_en"),
        migrations.RenameField("cooperation", "body", "body_en"),
        migrations.RenameField("historicalcooperation", "policy_priority", "policy_priority_en"),
        migrations.RenameField("historicalcooperation", "membership_note", "membership_note_en"),
        migrations.RenameField("historicalcooperation", "summary", "summary_en"),
        migrations.RenameField("historicalcooperation", "body", "body_en"),
        migrations.RenameField("milestone", "title", "title_en"),
        migrations.RenameField("milestone", "description", "description_en"),
        migrations.RenameField("historicalmilestone", "title", "title_en"),
        migrations.RenameField("historicalmilestone", "description", "description_en"),
        migrations.RenameField("theme", "name", "name_en"),
        migrations.RenameField("theme", "description", "description_en"),
        migrations.RenameField("historicaltheme", "name", "name_en"),
        migrations.RenameField("historicaltheme", "description", "description_en"),
        migrations.RenameField("project", "title", "title_en"),
        migrations.RenameField("project", "summary", "summary_en"),
        migrations.RenameField("project", "body", "body_en"),
        migrations.RenameField("historicalproject", "title", "title_en"),
        migrations.RenameField("historicalproject", "summary", "summary_en"),
        migrations.RenameField("historicalproject", "body", "body_en"),
        migrations.RenameField("institution", "name", "name_en"),
        migrations.RenameField("institution", "city", "city_en"),
        migrations.RenameField("institution", "description", "description_en"),
        migrations.RenameField("historicalinstitution", "name", "name_en"),
        migrations.RenameField("historicalinstitution", "city", "city_en"),
        migrations.RenameField("historicalinstitution", "description", "description_en"),
        migrations.RenameField("diplomaticmission", "name", "name_en"),
        migrations.RenameField("diplomaticmission", "country", "country_en"),
        migrations.RenameField("diplomaticmission", "city", "city_en"),
        migrations.RenameField("diplomaticmission", "address", "address_en"),
        migrations.RenameField("diplomaticmission", "head_title", "head_title_en"),
        migrations.RenameField("diplomaticmission", "head_name", "head_name_en"),
        migrations.RenameField("historicaldiplomaticmission", "name", "name_en"),
        migrations.RenameField("historicaldiplomaticmission", "country", "country_en"),
        migrations.RenameField("historicaldiplomaticmission", "city", "city_en"),
        migrations.RenameField("historicaldiplomaticmission", "address", "address_en"),
        migrations.RenameField("historicaldiplomaticmission", "head_title", "head_title_en"),
        migrations.RenameField("historicaldiplomaticmission", "head_name", "head_name_en"),
        migrations.RenameField("page", "title", "title_en"),
        migrations.RenameField("page", "summary", "summary_en"),
        migrations.RenameField("page", "body", "body_en"),
        migrations.RenameField("historicalpage", "title", "title_en"),
        migrations.RenameField("historicalpage", "summary", "summary_en"),
        migrations.RenameField("historicalpage", "body", "body_en"),
        migrations.AddConstraint(
            "focusarea",
            models.UniqueConstraint(
                fields=["organization", "name_en"], name="cooperation_focusarea_unique_name"
            ),
        ),
        migrations.AddConstraint(
            "milestone",
            models.UniqueConstraint(
                fields=["organization", "date", "title_en"], name="cooperation_milestone_unique"
            ),
        ),
    ]
