"""The admin: every page renders; a fixture upload is checked, then applied, all-or-nothing."""

import json

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation import workflow
from cooperation.models import ContentImport, Organization, PendingChange
from cooperation.roles import content_models

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "cooperation"),
    key=lambda model: model._meta.model_name,
)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# Working copies are made by changing an item, never added on their own.
NO_ADD_PAGE = {PendingChange}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.model_name)
def test_every_changelist_and_add_page_renders(admin_client, site_content, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist") + "?q=migration").status_code == 200
    expected = 403 if model in NO_ADD_PAGE else 200
    assert admin_client.get(_url(model, "add")).status_code == expected


@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED if m is not ContentImport],
    ids=lambda m: m._meta.model_name,
)
def test_every_change_page_renders(admin_client, site_content, model):
    if model is PendingChange:  # the site's content has none: make one
        organization = Organization.objects.get(slug="iom")
        workflow.save_working_copy(organization, {}, None, submit=True)
    obj = model.objects.first()
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


def _upload(client, content, name="change.json"):
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    return client.post(
        _url(ContentImport, "add"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


CHANGE = [{"model": "cooperation.organization", "fields": {"slug": "iom", "acronym_en": "OIM"}}]


def test_an_upload_is_checked_by_a_dry_run_and_writes_nothing(admin_client, site_content):
    response = _upload(admin_client, CHANGE)
    record = ContentImport.objects.get()
    assert record.state == ContentImport.State.VALIDATED
    assert "Dry run — nothing was written." in response.content.decode()
    assert "Apply this import" in response.content.decode()
    assert Organization.objects.get(slug="iom").acronym == "IOM"


def test_applying_a_checked_upload_imports_it_and_logs_it(admin_client, site_content):
    _upload(admin_client, CHANGE)
    record = ContentImport.objects.get()
    response = admin_client.post(_url(ContentImport, "apply", record.pk), follow=True)
    assert "The file was imported." in response.content.decode()
    assert Organization.objects.get(slug="iom").acronym == "OIM"
    record.refresh_from_db()
    assert record.state == ContentImport.State.APPLIED
    assert LogEntry.objects.filter(object_id=str(record.pk)).count() == 2


def test_a_bad_upload_is_rejected_with_its_problems_and_cannot_be_applied(
    admin_client, site_content
):
    response = _upload(admin_client, b"\xff\xfe not json")
    record = ContentImport.objects.get()
    assert record.state == ContentImport.State.REJECTED
    assert "not UTF-8 text" in response.content.decode()
    assert "Apply this import" not in response.content.decode()
    admin_client.post(_url(ContentImport, "apply", record.pk))
    record.refresh_from_db()
    assert record.state == ContentImport.State.REJECTED


def test_an_upload_is_applied_only_once(admin_client, site_content):
    _upload(admin_client, CHANGE)
    record = ContentImport.objects.get()
    admin_client.post(_url(ContentImport, "apply", record.pk))
    response = admin_client.post(_url(ContentImport, "apply", record.pk), follow=True)
    assert "Only a checked upload can be applied, once." in response.content.decode()


def test_apply_refuses_get(admin_client, site_content):
    _upload(admin_client, CHANGE)
    record = ContentImport.objects.get()
    assert admin_client.get(_url(ContentImport, "apply", record.pk)).status_code == 405


@pytest.fixture
def staff_client(client, django_user_model):
    def make(*permissions):
        user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
        for codename in permissions:
            user.user_permissions.add(Permission.objects.get(codename=codename))
        client.force_login(user)
        return client

    return make


def test_staff_without_the_import_permission_cannot_upload_or_apply(staff_client, site_content):
    client = staff_client("view_organization")
    assert client.get(_url(ContentImport, "add")).status_code == 403
    assert _upload(client, CHANGE).status_code == 403
    record = ContentImport.objects.create(
        filename="x.json", content=json.dumps(CHANGE).encode(), state="validated"
    )
    assert client.post(_url(ContentImport, "apply", record.pk)).status_code == 403
    assert Organization.objects.get(slug="iom").acronym == "IOM"


def publish_permissions():
    return [f"publish_{model._meta.model_name}" for model in content_models()]


def test_staff_who_may_import_and_publish_everything_can_upload_and_apply(
    staff_client, site_content
):
    client = staff_client("import_content", *publish_permissions())
    _upload(client, CHANGE)
    record = ContentImport.objects.get()
    client.post(_url(ContentImport, "apply", record.pk))
    assert Organization.objects.get(slug="iom").acronym == "OIM"


def test_the_import_permission_alone_does_not_publish_content(staff_client, site_content):
    """An import writes live content: without the right to publish it, it is refused."""
    client = staff_client("import_content", *publish_permissions()[1:])
    assert client.get(_url(ContentImport, "add")).status_code == 403
    record = ContentImport.objects.create(
        filename="change.json",
        content=json.dumps(CHANGE).encode(),
        state=ContentImport.State.VALIDATED,
    )
    assert client.post(_url(ContentImport, "apply", record.pk)).status_code == 403
    assert Organization.objects.get(slug="iom").acronym == "IOM"


def test_anonymous_visitors_are_sent_to_the_login_page(client, site_content):
    response = client.get(_url(ContentImport, "add"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
