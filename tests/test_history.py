"""The admin's history as an editorial log, and restoring a version through review."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cooperation import editorial_log, workflow
from cooperation.content_import import import_content
from cooperation.models import EditorialEvent, Notification, PendingChange, Status, Theme

from .admin_forms import as_post, form_fields
from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db

Kind = EditorialEvent.Kind


@pytest.fixture
def staff(django_user_model):
    """A signed-in client for a member of Editors or Publishers, by username."""

    def make(name, group):
        user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def editor(staff):
    return staff("erika", "Editors")


@pytest.fixture
def publisher(staff):
    return staff("pavel", "Publishers")


def history_page(client, item) -> str:
    url = reverse(f"admin:cooperation_{item._meta.model_name}_history", args=[item.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def log_rows(html: str) -> str:
    """The log's table only (the page's chrome says "None" nowhere either way)."""
    return html[html.index("<tbody>") : html.index("</tbody>")]


def restore_url(item, version):
    return reverse(
        f"admin:cooperation_{item._meta.model_name}_simple_history",
        args=[item.pk, version.history_id],
    )


def restore(client, item, version, *, query="", **buttons):
    """Posts the version's restore form as a browser would, pressing ``buttons``."""
    page = client.get(restore_url(item, version) + query)
    fields = form_fields(page.text, f"historical{item._meta.model_name}_form")
    return client.post(restore_url(item, version) + query, as_post(fields, **buttons))


# The log -------------------------------------------------------------------------------------


def test_a_published_change_names_its_editor_and_its_publisher(editor, publisher):
    org = OrganizationFactory()
    workflow.publish(org, publisher.user)
    editorial_log.record(org, Kind.PUBLISHED, publisher.user, editor=editor.user)
    rows = log_rows(history_page(publisher, org))
    latest = rows[: rows.index("</tr>")]
    assert "published" in latest.lower() and "pavel" in latest and "erika" in latest


def test_steps_are_labelled_by_what_they_were(publisher):
    org = OrganizationFactory(status=Status.DRAFT)
    for kind in (Kind.SUBMITTED, Kind.PUBLISHED):
        org.status = Status.IN_REVIEW if kind == Kind.SUBMITTED else Status.PUBLISHED
        org.save()
        editorial_log.record(org, kind, publisher.user)
    rows = log_rows(history_page(publisher, org))
    assert "Submitted for review" in rows and "Published" in rows
    assert "Changed" not in rows


def test_an_event_that_wrote_no_version_has_a_line_with_its_comment(editor, publisher):
    org = OrganizationFactory()
    editorial_log.record(
        org,
        Kind.SENT_BACK,
        publisher.user,
        editor=editor.user,
        comment="Cite the source.",
        history=False,
    )
    rows = log_rows(history_page(editor, org))
    assert "Sent back" in rows and "Cite the source." in rows


def test_no_line_of_the_log_says_none(publisher):
    org = OrganizationFactory(summary="First.")
    org.summary = "Second."
    org.save()  # no user, no change reason, no event: an old row
    rows = log_rows(history_page(publisher, org))
    assert "None" not in rows
    assert "the system" in rows and "Edited" in rows and "Created" in rows


def test_a_command_line_import_is_labelled_imported_not_changed_by_none(publisher, tmp_path):
    (tmp_path / "themes.json").write_text(
        '[{"model": "cooperation.theme", "fields": {"slug": "health", "name_en": "Health",'
        ' "status": "published"}}]'
    )
    import_content([tmp_path])
    rows = log_rows(history_page(publisher, Theme.objects.get(slug="health")))
    assert "Imported" in rows and "a file import" in rows and "None" not in rows


def test_an_import_event_names_its_file(publisher):
    org = OrganizationFactory()
    editorial_log.record(org, Kind.IMPORTED, None, source="organizations.json")
    assert "imported from organizations.json" in log_rows(history_page(publisher, org)).lower()


def test_a_text_change_is_shown_as_whole_words(publisher):
    org = OrganizationFactory(summary="The International Organization for Migration.")
    org.summary = "The International Organisation for Migration."
    org.save()
    rows = log_rows(history_page(publisher, org))
    assert "<del>Organization</del><ins>Organisation</ins>" in rows
    assert "chars]" not in rows


def test_rich_text_is_compared_without_its_markup(publisher):
    org = OrganizationFactory(body="<p>Belarus joined in <strong>2005</strong>.</p>")
    org.body = "<p>Belarus joined in <em>2005</em>.</p>"
    org.save()
    rows = log_rows(history_page(publisher, org))
    assert "Formatting only; the text is the same." in rows and "&lt;p&gt;" not in rows


# Restoring -----------------------------------------------------------------------------------


def test_an_editors_restore_makes_a_working_copy_in_review(editor):
    org = OrganizationFactory(summary="Old name")
    first = org.history.earliest()
    org.summary = "New name"
    org.save()
    response = restore(editor, org, first, _restore="1")
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.summary == "New name"  # the public still sees the published version
    copy = PendingChange.objects.get(object_id=org.pk)
    assert copy.in_review and copy.data["summary_en"] == "Old name"
    event = editorial_log.last_event(org, Kind.RESTORED)
    assert event.actor == editor.user and "version of" in event.comment


def test_a_publishers_plain_restore_also_goes_through_review(publisher):
    org = OrganizationFactory(summary="Old name")
    first = org.history.earliest()
    org.summary = "New name"
    org.save()
    restore(publisher, org, first, _restore="1")
    org.refresh_from_db()
    assert org.summary == "New name" and PendingChange.objects.get().in_review


def test_a_publisher_may_restore_and_publish_at_once(publisher):
    org = OrganizationFactory(summary="Old name")
    first = org.history.earliest()
    org.summary = "New name"
    org.save()
    restore(publisher, org, first, _restore_publish="1")
    org.refresh_from_db()
    assert org.summary == "Old name" and org.status == Status.PUBLISHED
    kinds = [e.kind for e in editorial_log.events_for(org)]
    assert kinds == [Kind.PUBLISHED, Kind.RESTORED]


def test_an_editor_cannot_restore_and_publish(editor):
    org = OrganizationFactory(summary="Old name")
    first = org.history.earliest()
    org.summary = "New name"
    org.save()
    response = restore(editor, org, first, _restore_publish="1")
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.summary == "New name" and not PendingChange.objects.exists()


def test_restoring_a_draft_submits_the_draft_itself(editor):
    org = OrganizationFactory(summary="Old name", status=Status.DRAFT)
    first = org.history.earliest()
    org.summary = "New name"
    org.save()
    restore(editor, org, first, _restore="1")
    org.refresh_from_db()
    assert org.summary == "Old name" and org.status == Status.IN_REVIEW
    assert not PendingChange.objects.exists()


def someone_elses_copy(editor, org):
    """A working copy of ``org`` by the editor, submitted for review."""
    org.summary = "The editor's name"
    workflow.save_working_copy(org, {}, editor.user, submit=True)
    org.refresh_from_db()
    return PendingChange.objects.get()


def test_a_restore_asks_before_replacing_someone_elses_working_copy(editor, publisher):
    org = OrganizationFactory(summary="Old name")
    someone_elses_copy(editor, org)
    page = publisher.get(restore_url(org, org.history.earliest()))
    assert "erika" in page.text and "replace" in page.text.lower()
    assert 'id="historicalorganization_form"' not in page.text  # asked first, no form yet


def test_an_unconfirmed_restore_leaves_someone_elses_copy_alone(editor, publisher):
    org = OrganizationFactory(summary="Old name")
    someone_elses_copy(editor, org)
    first = org.history.earliest()
    response = publisher.post(restore_url(org, first), {"summary_en": "Old name", "_restore": "1"})
    assert response.status_code == 200  # the question again, nothing written
    copy = PendingChange.objects.get()
    assert copy.author == editor.user and copy.data["summary_en"] == "The editor's name"


def test_a_confirmed_restore_replaces_someone_elses_copy(editor, publisher):
    org = OrganizationFactory(summary="Old name")
    someone_elses_copy(editor, org)
    first = org.history.earliest()
    question = publisher.get(restore_url(org, first)).text
    query = re.search(r'href="[^"]*(\?replace=[^"]+)"', question).group(1)
    response = restore(publisher, org, first, query=query, _restore="1")
    assert response.status_code == 302
    copy = PendingChange.objects.get()
    assert copy.author == publisher.user and copy.data["summary_en"] == "Old name"


def test_a_restore_replaces_ones_own_working_copy_without_asking(editor):
    org = OrganizationFactory(summary="Old name")
    someone_elses_copy(editor, org)
    response = restore(editor, org, org.history.earliest(), _restore="1")
    assert response.status_code == 302
    assert PendingChange.objects.get().data["summary_en"] == "Old name"


def test_a_replaced_copys_author_is_told_and_the_log_keeps_it(editor, publisher):
    org = OrganizationFactory(summary="Old name")
    someone_elses_copy(editor, org)
    first = org.history.earliest()
    question = publisher.get(restore_url(org, first)).text
    query = re.search(r'href="[^"]*(\?replace=[^"]+)"', question).group(1)
    restore(publisher, org, first, query=query, _restore="1")
    discarded = editorial_log.last_event(org, Kind.DISCARDED)
    assert discarded.actor == publisher.user and discarded.editor == editor.user
    assert Notification.objects.filter(recipient=editor.user, event=discarded).exists()


def test_publishers_are_told_once_of_a_restore_waiting_for_review(editor, publisher):
    org = OrganizationFactory(summary="Old name")
    restore(editor, org, org.history.earliest(), _restore="1")
    (told,) = Notification.objects.filter(recipient=publisher.user)
    assert told.event == editorial_log.last_event(org, Kind.SUBMITTED)
    assert editorial_log.last_event(org, Kind.RESTORED) is not None


def test_a_restored_draft_is_submitted_by_the_restorer(editor, publisher):
    org = OrganizationFactory(summary="Old name", status=Status.DRAFT)
    first = org.history.earliest()
    org.status = Status.IN_REVIEW
    org.save()
    workflow.send_back(org, publisher.user, "Fix it")
    restore(editor, org, first, _restore="1")
    org.refresh_from_db()
    assert workflow.submitted_by(org) == editor.user
    assert workflow.is_in_review(org)
    assert Notification.objects.filter(recipient=publisher.user).count() == 1
