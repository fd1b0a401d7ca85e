"""Working copies that hold files, working copies gone wrong, and the publisher's list of them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation import workflow
from cooperation.models import Organization, PendingChange
from cooperation.roles import EDITORS, PUBLISHERS

from .admin_forms import as_post, form_fields
from .factories import OrganizationFactory, ProjectFactory, ThemeFactory
from .test_admin_security import image_bytes

pytestmark = pytest.mark.django_db


def change_url(item):
    return reverse(f"admin:cooperation_{item._meta.model_name}_change", args=[item.pk])


def upload_logo_as(client, organization):
    fields = form_fields(client.get(change_url(organization)).text, "organization_form")
    data = as_post(
        fields,
        logo=SimpleUploadedFile("new-logo.png", image_bytes(size=(40, 20))),
        logo_alt="The new logo",
        _save="Save",
    )
    return client.post(change_url(organization), data)


def test_a_file_uploaded_into_a_working_copy_is_stored(staff, media_root):
    organization = OrganizationFactory()
    response = upload_logo_as(staff(EDITORS), organization)
    assert response.status_code == 302
    copy = PendingChange.objects.get()
    assert copy.data["logo"].startswith("logos/")
    assert (media_root / copy.data["logo"]).exists()
    organization.refresh_from_db()
    assert not organization.logo  # the public item is untouched


def test_an_item_with_a_file_in_its_working_copy_still_serves_every_page(staff, client, media_root):
    organization = OrganizationFactory()
    upload_logo_as(staff(EDITORS), organization)
    publisher = staff(PUBLISHERS)
    assert publisher.get(change_url(organization)).status_code == 200
    assert publisher.get(organization.get_absolute_url() + "?preview").status_code == 200
    assert client.get(organization.get_absolute_url()).status_code == 200


def test_publishing_the_copy_makes_its_file_live(staff, client, media_root):
    organization = OrganizationFactory()
    upload_logo_as(staff(EDITORS), organization)
    workflow.publish(Organization.objects.get(pk=organization.pk))
    organization.refresh_from_db()
    assert (organization.logo_width, organization.logo_height) == (40, 20)
    assert (media_root / organization.logo.name).exists()
    assert 'alt="The new logo"' in client.get(organization.get_absolute_url()).text


def test_discarding_the_copy_removes_its_file(
    staff, media_root, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory()
    upload_logo_as(staff(EDITORS), organization)
    stored = media_root / PendingChange.objects.get().data["logo"]
    publisher = staff(PUBLISHERS)
    discard = reverse("admin:cooperation_organization_discard_working_copy", args=[organization.pk])
    assert publisher.get(discard).status_code == 200  # asks to confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(discard)
    assert response.status_code == 302
    assert not PendingChange.objects.exists()
    assert not stored.exists()


def test_an_editor_cannot_discard_a_working_copy(staff, media_root):
    organization = OrganizationFactory()
    editor = staff(EDITORS)
    upload_logo_as(editor, organization)
    discard = reverse("admin:cooperation_organization_discard_working_copy", args=[organization.pk])
    assert editor.post(discard).status_code == 403
    assert PendingChange.objects.exists()


def test_a_broken_working_copy_never_breaks_the_item(staff, client, media_root):
    """A copy naming a file storage does not have (lost, or saved before files were kept)."""
    organization = OrganizationFactory()
    upload_logo_as(staff(EDITORS), organization)
    copy = PendingChange.objects.get()
    (media_root / copy.data["logo"]).unlink()
    publisher = staff(PUBLISHERS)
    assert publisher.get(change_url(organization)).status_code == 200
    assert publisher.get(organization.get_absolute_url() + "?preview").status_code == 200
    workflow.publish(Organization.objects.get(pk=organization.pk))
    organization.refresh_from_db()
    assert organization.logo_alt == "The new logo"  # what could be applied was
    assert not organization.logo


def test_a_publisher_sees_every_working_copy_and_publishes_or_discards_them(staff):
    first, second = OrganizationFactory(name="First"), OrganizationFactory(name="Second")
    for organization in (first, second):
        workflow.save_working_copy(
            Organization.objects.get(pk=organization.pk), {}, None, submit=False
        )
    publisher = staff(PUBLISHERS)
    listing = publisher.get(reverse("admin:cooperation_pendingchange_changelist"))
    assert listing.status_code == 200
    assert "First" in listing.text and "Second" in listing.text
    copies = {c.object_id: c.pk for c in PendingChange.objects.all()}
    publisher.post(
        reverse("admin:cooperation_pendingchange_changelist"),
        {"action": "publish_copies", "_selected_action": [copies[first.pk]]},
    )
    publisher.post(
        reverse("admin:cooperation_pendingchange_changelist"),
        {"action": "discard_copies", "_selected_action": [copies[second.pk]]},
    )
    assert not PendingChange.objects.exists()


def test_an_editor_cannot_publish_working_copies_from_the_list(staff):
    organization = OrganizationFactory(name="Live")
    changed = Organization.objects.get(pk=organization.pk)
    changed.name = "Proposed"
    workflow.save_working_copy(changed, {}, None, submit=True)
    editor = staff(EDITORS)
    editor.post(
        reverse("admin:cooperation_pendingchange_changelist"),
        {"action": "publish_copies", "_selected_action": [PendingChange.objects.get().pk]},
    )
    organization.refresh_from_db()
    assert organization.name == "Live"


# Themes -------------------------------------------------------------------------------------


def test_an_unpublished_theme_is_not_shown_on_project_cards_or_pages(client):
    theme = ThemeFactory(name="Withdrawn theme", status="unpublished")
    project = ProjectFactory(theme=theme)
    assert "Withdrawn theme" not in client.get("/en/projects/").text
    assert "Withdrawn theme" not in client.get(project.get_absolute_url()).text
    assert "Withdrawn theme" not in client.get(project.organization.get_absolute_url()).text
