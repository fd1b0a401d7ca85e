"""Inline children of a published item, through the one write gate: an editor's change to a
public child becomes that child's own working copy, a child added from the parent starts as a
draft, and only a publisher deletes a public child or makes a change live."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cooperation.models import EditorialEvent, Milestone, Organization, PendingChange, Status

from . import factories
from .admin_forms import as_post, form_fields

pytestmark = pytest.mark.django_db

IOM_PAGE = "/en/organizations/iom/"


def change_url(obj):
    return reverse(f"admin:cooperation_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("prefix", ["milestones", "projects", "focus_areas", "cooperation"])
def test_an_editor_can_edit_and_add_the_inline_children_of_a_published_organization(
    staff, site_content, prefix
):
    iom = Organization.objects.get(slug="iom")
    page = staff("Editors").get(change_url(iom)).text
    names = {name for name, _value in form_fields(page, "organization_form")}
    assert f"{prefix}-0-id" in names  # the first child is a form, not a read-only display
    assert f'id="{prefix}-empty"' in page  # the template "Add another" copies


def iom_form(client):
    """The IOM change form as the client's browser would post it, and the organization."""
    iom = Organization.objects.get(slug="iom")
    response = client.get(change_url(iom))
    return iom, as_post(form_fields(response.text, "organization_form"), _save="Save")


def first_milestone(data):
    return Milestone.objects.get(pk=data["milestones-0-id"][0])


def test_an_editors_change_to_a_public_milestone_goes_to_its_own_working_copy(
    staff, site_content, client
):
    editor = staff("Editors")
    iom, data = iom_form(editor)
    milestone = first_milestone(data)
    data["milestones-0-title_en"] = "Renamed by an editor"
    response = editor.post(change_url(iom), data)
    assert response.status_code == 302, response.text[:2000]
    copy = PendingChange.objects.get(object_id=milestone.pk, content_type__model="milestone")
    assert copy.data["title_en"] == "Renamed by an editor"
    assert "Renamed by an editor" not in client.get(IOM_PAGE).text
    milestone.refresh_from_db()
    assert milestone.title != "Renamed by an editor"


def test_the_inline_shows_the_childs_working_copy(staff, site_content):
    editor = staff("Editors")
    iom, data = iom_form(editor)
    data["milestones-0-title_en"] = "Renamed by an editor"
    editor.post(change_url(iom), data)
    page = editor.get(change_url(iom)).text
    assert 'value="Renamed by an editor"' in page
    assert "Working copy pending" in page


def test_a_milestone_added_by_an_editor_is_a_draft_off_the_public_page(staff, site_content, client):
    editor = staff("Editors")
    iom, data = iom_form(editor)
    data |= {
        "milestones-TOTAL_FORMS": str(int(data["milestones-TOTAL_FORMS"][0]) + 1),
        f"milestones-{data['milestones-TOTAL_FORMS'][0]}-date": "2031-05-01",
        f"milestones-{data['milestones-TOTAL_FORMS'][0]}-date_precision": "day",
        f"milestones-{data['milestones-TOTAL_FORMS'][0]}-title_en": "Added by an editor",
        f"milestones-{data['milestones-TOTAL_FORMS'][0]}-status": Status.DRAFT,
    }
    response = editor.post(change_url(iom), data)
    assert response.status_code == 302, response.text[:2000]
    added = Milestone.objects.get(title_en="Added by an editor")
    assert added.organization == iom and added.status == Status.DRAFT
    assert EditorialEvent.objects.filter(object_id=added.pk, kind="created").exists()
    assert "Added by an editor" not in client.get(IOM_PAGE).text


def test_an_editor_cannot_delete_a_public_child(staff, site_content, django_user_model):
    editor = staff("Editors")
    # Even an editor who holds the delete permission: deleting public content is publishing.
    user = django_user_model.objects.get(username="editors")
    user.user_permissions.add(Permission.objects.get(codename="delete_milestone"))
    iom, data = iom_form(editor)
    milestone = first_milestone(data)
    data["milestones-0-DELETE"] = "on"
    response = editor.post(change_url(iom), data)
    assert response.status_code == 200
    assert "only a publisher can delete it" in response.text
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_publishing_the_childs_working_copy_makes_it_live(staff, site_content, client):
    editor = staff("Editors")
    iom, data = iom_form(editor)
    milestone = first_milestone(data)
    data["milestones-0-title_en"] = "Renamed by an editor"
    editor.post(change_url(iom), data)
    copy = PendingChange.objects.get(object_id=milestone.pk, content_type__model="milestone")
    publisher = staff("Publishers")
    publisher.post(
        reverse("admin:cooperation_pendingchange_changelist"),
        {"action": "publish_copies", "_selected_action": [copy.pk]},
    )
    assert "Renamed by an editor" in client.get(IOM_PAGE).text


HOSTILE = {
    "a new child as published": lambda data, n: {
        "milestones-TOTAL_FORMS": str(n + 1),
        f"milestones-{n}-date": "2031-05-01",
        f"milestones-{n}-date_precision": "day",
        f"milestones-{n}-title_en": "Hostile",
        f"milestones-{n}-status": Status.PUBLISHED,
    },
    "a public child's status": lambda data, n: {
        "milestones-0-status": Status.DRAFT,
        "milestones-0-title_en": "Hostile",
    },
    "a child of another item": lambda data, n: {
        "milestones-0-id": str(factories.MilestoneFactory().pk),
        "milestones-0-title_en": "Hostile",
    },
    "an invalid date": lambda data, n: {
        "milestones-0-date": "not a date",
        "milestones-0-title_en": "Hostile",
    },
    "a deletion the form does not offer": lambda data, n: {"milestones-0-DELETE": "on"},
}


@pytest.mark.parametrize("change", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_or_invalid_inline_data_changes_nothing_public(staff, site_content, change):
    editor = staff("Editors")
    iom, data = iom_form(editor)
    data |= change(data, int(data["milestones-TOTAL_FORMS"][0]))
    before = list(Milestone.objects.order_by("pk").values())
    editor.post(change_url(iom), data)
    after = Milestone.objects.order_by("pk").values()
    assert [row for row in after if row["status"] != Status.DRAFT] == [
        row for row in before if row["status"] != Status.DRAFT
    ]
    assert not Milestone.objects.filter(title_en="Hostile").exclude(status=Status.DRAFT).exists()


def test_a_publisher_withdrawing_a_child_inline_is_logged_as_a_withdrawal(staff, site_content):
    publisher = staff("Publishers")
    iom, data = iom_form(publisher)
    milestone = first_milestone(data)
    data["milestones-0-status"] = Status.UNPUBLISHED
    assert publisher.post(change_url(iom), data).status_code == 302
    events = EditorialEvent.objects.filter(object_id=milestone.pk, content_type__model="milestone")
    assert events.first().kind == EditorialEvent.Kind.UNPUBLISHED  # the newest: not "edited"
