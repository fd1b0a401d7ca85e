"""Upgrading a site that has content: the three-language migrations keep every text as its
English version, and the working copies' stored values with it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cooperation", "0002_project_ordering_stable")]


@pytest.mark.django_db(transaction=True)
def test_existing_texts_and_working_copies_become_the_english_ones():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organization = old.get_model("cooperation", "Organization").objects.create(
        name="Old Organization", slug="old", summary="An old summary."
    )
    content_type, _created = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="cooperation", model="organization"
    )
    old.get_model("cooperation", "PendingChange").objects.create(
        content_type=content_type,
        object_id=organization.pk,
        data={"summary": "An editor's summary.", "slug": "old"},
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from cooperation.models import Organization, PendingChange

    upgraded = Organization.objects.get(slug="old")
    assert (upgraded.name_en, upgraded.summary_en) == ("Old Organization", "An old summary.")
    assert (upgraded.name_ru, upgraded.name_be) == ("", "")
    assert PendingChange.objects.get().data == {"summary_en": "An editor's summary.", "slug": "old"}
