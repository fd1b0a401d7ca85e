"""The editorial workflow through HTTP: roles, working copies, publishing, preview, history."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Organization, PendingChange, Status
from cooperation.roles import EDITORS, PUBLISHERS

from .admin_forms import english_columns
from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_client(client, django_user_model):
    """A client signed in as a member of ``role`` (None: a superuser; "anonymous": nobody)."""

    def make(role):
        if role == "anonymous":
            return client
        if role == "superuser":
            user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
        else:
            user = django_user_model.objects.create_user(role.lower(), password="pw", is_staff=True)
            user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return make


def change_url(obj):
    return reverse(f"admin:cooperation_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(org, **changes):
    """The organization change form as the admin posts it, with ``changes`` applied."""
    data = {
        "status": org.status,
        "name_en": org.name,
        "acronym_en": org.acronym,
        "slug": org.slug,
        "summary_en": org.summary,
        "body_en": org.body,
        "head_elected_precision": org.head_elected_precision,
        "logo_alt_en": "",
    }
    for prefix in ("focus_areas", "cooperation", "milestones", "projects"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | english_columns(data, changes)


def test_an_editors_change_to_published_content_is_kept_as_a_working_copy(make_client):
    org = OrganizationFactory(summary="Published summary.")
    client = make_client(EDITORS)
    response = client.post(change_url(org), form_data(org, summary="Draft summary.", _submit="1"))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.summary == "Published summary."
    change = PendingChange.objects.get()
    assert change.in_review and change.data["summary_en"] == "Draft summary."


# The permission matrix ---------------------------------------------------------------------

ROLES = ["anonymous", EDITORS, PUBLISHERS, "superuser"]


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, [False, True, True, True], strict=True))
)
def test_who_may_view_the_admin_lists(make_client, role, allowed):
    response = make_client(role).get(reverse("admin:cooperation_organization_changelist"))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, [False, True, True, True], strict=True))
)
def test_who_may_edit_a_draft(make_client, role, allowed):
    org = OrganizationFactory(status=Status.DRAFT, summary="Before.")
    make_client(role).post(change_url(org), form_data(org, summary="After."))
    org.refresh_from_db()
    assert (org.summary == "After.") is allowed


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, [False, True, True, True], strict=True))
)
def test_who_may_submit_a_draft_for_review(make_client, role, allowed):
    org = OrganizationFactory(status=Status.DRAFT)
    make_client(role).post(change_url(org), form_data(org, _submit="1"))
    org.refresh_from_db()
    assert (org.status == Status.IN_REVIEW) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, [False, False, True, True], strict=True))
)
def test_who_may_publish_with_the_button(make_client, role, allowed):
    org = OrganizationFactory(status=Status.IN_REVIEW)
    response = make_client(role).post(change_url(org), form_data(org, _publish="1"))
    org.refresh_from_db()
    assert (org.status == Status.PUBLISHED) is allowed
    if role == EDITORS:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [EDITORS, PUBLISHERS, "superuser"])
def test_the_status_is_not_a_form_field_the_buttons_are_the_one_way(make_client, role):
    org = OrganizationFactory(status=Status.IN_REVIEW)
    client = make_client(role)
    assert 'name="status"' not in client.get(change_url(org)).text
    client.post(change_url(org), form_data(org, status=Status.PUBLISHED))
    org.refresh_from_db()
    assert org.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, [False, False, True, True], strict=True))
)
def test_who_may_publish_and_unpublish_with_the_actions(make_client, role, allowed):
    draft = OrganizationFactory(status=Status.IN_REVIEW)
    live = OrganizationFactory(status=Status.PUBLISHED)
    client = make_client(role)
    changelist = reverse("admin:cooperation_organization_changelist")
    client.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [live.pk]})
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status == Status.PUBLISHED) is allowed
    assert (live.status == Status.UNPUBLISHED) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, [False, True, True, True], strict=True))
)
def test_who_may_preview_a_draft(make_client, role, allowed):
    org = OrganizationFactory(status=Status.DRAFT, name="Draft Organization")
    # Anyone without a session is redirected to the public address first.
    response = make_client(role).get(org.get_absolute_url() + "?preview", follow=True)
    assert (response.status_code == 200) is allowed
    if allowed:
        assert "Preview — not published" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code == 404


def test_staff_without_preview_see_the_public_page(make_client):
    org = OrganizationFactory(status=Status.DRAFT)
    assert make_client(PUBLISHERS).get(org.get_absolute_url()).status_code == 404


# Working copies ----------------------------------------------------------------------------


def test_a_publisher_publishes_an_editors_working_copy(make_client, client):
    org = OrganizationFactory(summary="Published summary.")
    make_client(EDITORS).post(change_url(org), form_data(org, summary="New summary.", _submit="1"))
    publisher = make_client(PUBLISHERS)
    form = publisher.get(change_url(org)).content.decode()
    assert "New summary." in form and "submitted for review" in form
    publisher.post(change_url(org), form_data(org, summary="New summary.", _publish="1"))
    org.refresh_from_db()
    assert org.summary == "New summary."
    assert not PendingChange.objects.exists()
    assert "New summary." in client.get(org.get_absolute_url()).content.decode()


def test_the_publish_action_applies_a_working_copy(make_client):
    org = OrganizationFactory(summary="Published summary.")
    make_client(EDITORS).post(change_url(org), form_data(org, summary="New summary."))
    make_client(PUBLISHERS).post(
        reverse("admin:cooperation_organization_changelist"),
        {"action": "publish_selected", "_selected_action": [org.pk]},
    )
    org.refresh_from_db()
    assert org.summary == "New summary."


def test_a_preview_shows_the_working_copy_and_the_public_does_not(make_client, client):
    org = OrganizationFactory(summary="Published summary.")
    editor = make_client(EDITORS)
    editor.post(change_url(org), form_data(org, summary="Working summary."))
    assert "Working summary." in editor.get(org.get_absolute_url() + "?preview").content.decode()
    client.logout()
    assert "Published summary." in client.get(org.get_absolute_url()).content.decode()


def test_an_editors_inline_change_to_a_public_child_goes_to_its_working_copy(make_client):
    org = OrganizationFactory(status=Status.DRAFT)
    area = org.focus_areas.create(name_en="published area", order=1, status=Status.PUBLISHED)
    data = form_data(org)
    data |= {
        "focus_areas-TOTAL_FORMS": "1",
        "focus_areas-INITIAL_FORMS": "1",
        "focus_areas-0-id": str(area.pk),
        "focus_areas-0-organization": str(org.pk),
        "focus_areas-0-order": "1",
        "focus_areas-0-name_en": "renamed by an editor",
        "focus_areas-0-status": Status.PUBLISHED,
    }
    response = make_client(EDITORS).post(change_url(org), data)
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "published area"
    assert PendingChange.objects.get(object_id=area.pk).data["name_en"] == "renamed by an editor"


# Scheduling ---------------------------------------------------------------------------------


def test_a_scheduled_item_goes_live_by_itself_at_its_time(client, monkeypatch):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    org = OrganizationFactory(publish_at=go_live)
    assert client.get(org.get_absolute_url()).status_code == 404
    later = go_live + datetime.timedelta(seconds=1)
    monkeypatch.setattr("cooperation.models.publishing.timezone.now", lambda: later)
    assert client.get(org.get_absolute_url()).status_code == 200


def test_editors_cannot_schedule(make_client):
    org = OrganizationFactory(status=Status.DRAFT)
    make_client(EDITORS).post(
        change_url(org), form_data(org, publish_at_0="2030-01-01", publish_at_1="10:00")
    )
    org.refresh_from_db()
    assert org.publish_at is None


# History -------------------------------------------------------------------------------------


def test_history_records_who_changed_what_and_an_old_version_can_be_restored(make_client):
    org = OrganizationFactory(summary="First version.")
    client = make_client(PUBLISHERS)
    client.post(change_url(org), form_data(org, summary="Second version."))
    latest = org.history.latest()
    assert latest.history_user.username == "publishers"
    assert latest.diff_against(latest.prev_record).changed_fields == ["summary_en"]

    history = client.get(reverse("admin:cooperation_organization_history", args=[org.pk]))
    assert history.status_code == 200 and "publishers" in history.content.decode()

    first = org.history.earliest()
    restore = reverse(
        "admin:cooperation_organization_simple_history", args=[org.pk, first.history_id]
    )
    assert "First version." in client.get(restore).content.decode()
    client.post(restore, form_data(org, summary="First version."))
    # A restore goes through review: the old version waits as a working copy.
    org.refresh_from_db()
    assert org.summary == "Second version."
    assert PendingChange.objects.get().data["summary_en"] == "First version."


# Roles and dashboard -----------------------------------------------------------------------


def test_roles_are_kept_up_to_date_idempotently():
    from cooperation.roles import sync_roles

    sync_roles()
    sync_roles()
    editors = Group.objects.get(name=EDITORS)
    publishers = Group.objects.get(name=PUBLISHERS)
    assert Group.objects.filter(name__in=[EDITORS, PUBLISHERS]).count() == 2
    assert not editors.permissions.filter(codename__contains="publish").exists()
    assert publishers.permissions.filter(codename="publish_organization").exists()
    assert editors.permissions.filter(codename="change_organization").exists()


def test_the_dashboard_shows_what_needs_attention(make_client):
    OrganizationFactory(name="Awaiting Review Org", status=Status.IN_REVIEW)
    OrganizationFactory(
        name="Scheduled Org", publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    html = make_client(PUBLISHERS).get(reverse("admin:index")).content.decode()
    review = html[html.index("Waiting for review") : html.index("Scheduled to go live")]
    scheduled = html[html.index("Scheduled to go live") : html.index("Recently changed")]
    assert "Awaiting Review Org" in review
    assert "Scheduled Org" in scheduled


def test_public_pages_show_when_they_were_last_updated(client):
    org = OrganizationFactory()
    Organization.objects.filter(pk=org.pk).update(
        updated_at=datetime.datetime(2026, 3, 9, 12, tzinfo=datetime.UTC)
    )
    html = client.get(org.get_absolute_url()).content.decode()
    assert 'Last updated <time datetime="2026-03-09T15:00:00+03:00">9 March 2026</time>' in html


def test_an_unknown_item_is_not_published_by_a_crafted_request(make_client):
    make_client(EDITORS).post(
        reverse("admin:cooperation_organization_changelist"),
        {"action": "publish_selected", "_selected_action": ["999999"]},
    )
    assert not Organization.objects.exists()


# The workflow bar ---------------------------------------------------------------------------


def test_the_workflow_buttons_stand_at_the_top_and_the_foot_of_the_form(make_client):
    org = OrganizationFactory(status=Status.DRAFT)
    html = make_client(EDITORS).get(change_url(org)).text
    first_field = html.index('name="name_en"')
    assert html.index('name="_submit"') < first_field  # at the top, beside the state
    assert html.rindex('name="_submit"') > html.rindex('name="slug"')  # and at the foot
    assert html.count('name="_submit"') == 2
    assert "Status:</strong>" in html[:first_field]


def test_an_editor_is_offered_to_submit_a_live_item_not_to_publish_it(make_client):
    org = OrganizationFactory()
    html = make_client(EDITORS).get(change_url(org)).text
    assert 'name="_submit"' in html and "Save working copy" in html
    assert 'name="_publish"' not in html and 'name="_unpublish"' not in html


def test_a_plain_save_keeps_a_draft_and_says_so(make_client):
    org = OrganizationFactory(status=Status.DRAFT)
    response = make_client(EDITORS).post(
        change_url(org), form_data(org, summary="Still a draft.", _save="1"), follow=True
    )
    org.refresh_from_db()
    assert org.status == Status.DRAFT and org.summary == "Still a draft."
    assert "saved as a draft" in response.text


def test_the_state_says_who_submitted_a_working_copy_and_when(make_client):
    org = OrganizationFactory()
    make_client(EDITORS).post(change_url(org), form_data(org, summary="New.", _submit="1"))
    html = make_client(PUBLISHERS).get(change_url(org)).text
    assert "Working copy in review — by editors, submitted for review on" in html


def test_the_list_says_a_working_copy_is_pending(make_client):
    org = OrganizationFactory(name="Pending Org")
    make_client(EDITORS).post(change_url(org), form_data(org, summary="New."))
    html = make_client(PUBLISHERS).get(reverse("admin:cooperation_organization_changelist")).text
    assert "working copy pending" in html
