"""The editorial week, through HTTP as staff live it: an editor drafts, saves and submits; a
publisher reads the proposal and sends it back with a comment; the editor amends and submits
again; the publisher schedules it; it goes live on time; the log names both people at each step."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperation.models import EditorialEvent, Notification, Organization, Status
from cooperation.roles import EDITORS, PUBLISHERS

from .admin_forms import as_post, form_fields

pytestmark = pytest.mark.django_db
Kind = EditorialEvent.Kind


def signed_in(django_user_model, name, role):
    user = django_user_model.objects.create_user(
        name, email=f"{name}@example.org", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return user, client


def admin_url(view, *args):
    return reverse(f"admin:cooperation_organization_{view}", args=args)


def post_form(client, url, **changes):
    """Send the form at ``url`` as a browser would, with ``changes`` and the button pressed."""
    fields = form_fields(client.get(url).text, "organization_form")
    return client.post(url, as_post(fields, **changes))


def test_the_editorial_week(django_user_model, client, monkeypatch):
    anna, editor = signed_in(django_user_model, "anna", EDITORS)
    pavel, publisher = signed_in(django_user_model, "pavel", PUBLISHERS)

    # Monday: Anna drafts a new organization and saves it; the page says it is a draft.
    response = post_form(
        editor,
        admin_url("add"),
        name="Week Organization",
        acronym="WEEK",
        slug="week",
        summary="A first summary.",
        _save="1",
    )
    assert response.status_code == 302
    org = Organization.objects.get(slug="week")
    assert org.status == Status.DRAFT
    page = editor.get(response["Location"]).text
    assert "saved as a draft" in page
    assert 'name="_submit"' in page and 'name="status"' not in page

    # She amends it and submits it for review; Pavel is told.
    post_form(editor, admin_url("change", org.pk), summary="A better summary.", _save="1")
    post_form(editor, admin_url("change", org.pk), _submit="1")
    org.refresh_from_db()
    assert org.status == Status.IN_REVIEW
    assert Notification.objects.filter(recipient=pavel, event__kind=Kind.SUBMITTED).count() == 1

    # Tuesday: Pavel finds it waiting, submitted by Anna, and reads the proposal.
    dashboard = publisher.get(reverse("admin:index")).text
    waiting = dashboard[dashboard.index("Waiting for review") : dashboard.index("You sent")]
    assert "Week Organization" in waiting and "submitted by anna" in waiting
    review = publisher.get(admin_url("review", org.pk)).text
    assert "<ins>A better summary.</ins>" in review

    # He sends it back with a comment, which Anna sees on her dashboard and on the item.
    response = publisher.post(admin_url("send_back", org.pk), {"comment": "Name the source."})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == Status.DRAFT
    assert "Name the source." in editor.get(reverse("admin:index")).text
    assert "Name the source." in editor.get(admin_url("change", org.pk)).text

    # Wednesday: Anna amends it and submits it again.
    post_form(
        editor, admin_url("change", org.pk), summary="A better summary, per IOM.", _submit="1"
    )
    org.refresh_from_db()
    assert org.status == Status.IN_REVIEW

    # Pavel schedules it for Friday morning; until then the public does not see it.
    friday = timezone.localtime() + datetime.timedelta(days=2)
    response = publisher.post(
        admin_url("review", org.pk),
        {"schedule_at": friday.strftime("%Y-%m-%dT%H:%M"), "_schedule": "1"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == Status.PUBLISHED and org.publish_at > timezone.now()
    assert client.get(org.get_absolute_url()).status_code == 404

    # Friday: it goes live by itself.
    later = org.publish_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr("cooperation.models.publishing.timezone.now", lambda: later)
    public = client.get(org.get_absolute_url())
    assert public.status_code == 200 and "A better summary, per IOM." in public.text
    monkeypatch.undo()

    # The log: each step labelled, who did it and whose work it was.
    steps = [
        (e.kind, e.actor.username, e.editor.username)
        for e in EditorialEvent.objects.filter(object_id=org.pk).order_by("at", "pk")
    ]
    assert steps == [
        (Kind.CREATED, "anna", "anna"),
        (Kind.EDITED, "anna", "anna"),
        (Kind.SUBMITTED, "anna", "anna"),
        (Kind.SENT_BACK, "pavel", "anna"),
        (Kind.SUBMITTED, "anna", "anna"),
        (Kind.SCHEDULED, "pavel", "anna"),
    ]
    assert EditorialEvent.objects.get(kind=Kind.SENT_BACK).comment == "Name the source."
    history = publisher.get(admin_url("history", org.pk)).text
    assert "anna" in history and "pavel" in history
