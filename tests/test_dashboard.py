"""The dashboard shows each person their own work: drafts and working copies, what waits for
their review, what they sent and what came back, what is scheduled, and their recent steps."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cooperation import workflow
from cooperation.models import Organization, Status
from cooperation.roles import EDITORS, PUBLISHERS

from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(name, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client = Client()
        client.force_login(user)
        return user, client

    return make


def section(html, heading, following):
    return html[html.index(heading) : html.index(following)]


def dashboard(client):
    return client.get(reverse("admin:index")).text


def test_an_editor_sees_their_unsubmitted_working_copy(person):
    anna, client = person("anna", EDITORS)
    org = Organization.objects.get(pk=OrganizationFactory(name="Copy Org").pk)
    workflow.save_working_copy(org, {}, anna, submit=False)
    mine = section(dashboard(client), "Your drafts and working copies", "Waiting for review")
    assert "Copy Org" in mine and "not yet submitted" in mine


def test_an_editor_sees_their_drafts_not_others(person):
    anna, client = person("anna", EDITORS)
    ivan, _other = person("ivan", EDITORS)
    workflow.save_draft(OrganizationFactory.build(name="Annas Draft", status=Status.DRAFT), anna)
    workflow.save_draft(OrganizationFactory.build(name="Ivans Draft", status=Status.DRAFT), ivan)
    mine = section(dashboard(client), "Your drafts and working copies", "Waiting for review")
    assert "Annas Draft" in mine and "Ivans Draft" not in mine


def test_a_publisher_sees_who_submitted_what_waits(person):
    anna, _client = person("anna", EDITORS)
    _pavel, client = person("pavel", PUBLISHERS)
    workflow.submit(OrganizationFactory(name="Waiting Org", status=Status.DRAFT), anna)
    waiting = section(dashboard(client), "Waiting for review", "You sent for review")
    assert "Waiting Org" in waiting and "submitted by anna" in waiting


def test_an_editor_sees_what_they_sent(person):
    anna, client = person("anna", EDITORS)
    workflow.submit(OrganizationFactory(name="Sent Org", status=Status.DRAFT), anna)
    sent = section(dashboard(client), "You sent for review", "Scheduled to go live")
    assert "Sent Org" in sent


def test_an_editor_sees_what_came_back_with_the_comment(person):
    anna, client = person("anna", EDITORS)
    pavel, _client = person("pavel", PUBLISHERS)
    org = OrganizationFactory(name="Back Org", status=Status.DRAFT)
    workflow.submit(org, anna)
    workflow.send_back(org, pavel, "Add the year.")
    back = section(dashboard(client), "Sent back to you", "Your drafts and working copies")
    assert "Back Org" in back and "Add the year." in back


def test_the_recent_steps_say_what_kind_of_step_each_was(person):
    anna, client = person("anna", EDITORS)
    org = Organization.objects.get(pk=OrganizationFactory(name="Step Org").pk)
    workflow.save_working_copy(org, {}, anna, submit=True)
    html = dashboard(client)
    steps = html[html.index("Your recent steps") :]
    assert "Step Org" in steps and "Submitted for review" in steps
