"""Who is told what: every publisher of the item's kind once per submission, the editor when it
comes back — on the dashboard, and by e-mail where it is turned on."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cooperation import workflow
from cooperation.models import EditorialEvent, Notification, Organization, Status
from cooperation.roles import EDITORS, PUBLISHERS

from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db
Kind = EditorialEvent.Kind


@pytest.fixture
def people(django_user_model):
    def make(name, role, email=True, **extra):
        user = django_user_model.objects.create_user(
            name, email=f"{name}@example.org" if email else "", is_staff=True, **extra
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def test_every_publisher_is_told_of_a_submission(people):
    editor = people("anna", EDITORS)
    publishers = {people("pavel", PUBLISHERS), people("olga", PUBLISHERS)}
    workflow.submit(OrganizationFactory(status=Status.DRAFT), editor)
    assert {n.recipient for n in Notification.objects.all()} == publishers


def test_editors_and_inactive_publishers_are_not_told_of_a_submission(people):
    editor = people("anna", EDITORS)
    people("ivan", EDITORS)
    people("gone", PUBLISHERS, is_active=False)
    workflow.submit(OrganizationFactory(status=Status.DRAFT), editor)
    assert not Notification.objects.exists()


def test_saving_a_copy_in_review_again_is_not_a_new_submission(people):
    editor = people("anna", EDITORS)
    people("pavel", PUBLISHERS)
    org = Organization.objects.get(pk=OrganizationFactory().pk)
    workflow.save_working_copy(org, {}, editor, submit=True)
    workflow.save_working_copy(org, {}, editor, submit=True)
    assert Notification.objects.count() == 1


def test_the_editor_is_told_when_it_comes_back(people):
    editor, publisher = people("anna", EDITORS), people("pavel", PUBLISHERS)
    org = OrganizationFactory(status=Status.DRAFT)
    workflow.submit(org, editor)
    workflow.send_back(org, publisher, "Shorter, please.")
    note = Notification.objects.get(recipient=editor)
    assert note.event.kind == Kind.SENT_BACK and note.event.comment == "Shorter, please."


def test_publishers_are_emailed_once_the_submission_commits(
    people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EDITORIAL_EMAILS = True
    editor = people("anna", EDITORS)
    people("pavel", PUBLISHERS)
    people("nomail", PUBLISHERS, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(OrganizationFactory(status=Status.DRAFT, name="Mail Org"), editor)
    assert [m.to for m in mailoutbox] == [["pavel@example.org"]]
    assert "Mail Org" in mailoutbox[0].subject


def test_no_email_unless_turned_on(people, mailoutbox, django_capture_on_commit_callbacks):
    editor = people("anna", EDITORS)
    people("pavel", PUBLISHERS)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(OrganizationFactory(status=Status.DRAFT), editor)
    assert mailoutbox == []


def test_opening_the_item_reads_its_notifications(people, client):
    editor, publisher = people("anna", EDITORS), people("pavel", PUBLISHERS)
    org = OrganizationFactory(status=Status.DRAFT)
    workflow.submit(org, editor)
    client.force_login(publisher)
    client.get(reverse("admin:cooperation_organization_change", args=[org.pk]))
    assert Notification.objects.get().read_at is not None
