"""No path around review: through every write path of the admin, for every content model,
an editor changes nothing the public sees. Changes to public items become working copies —
many-to-many choices included — and wait for a publisher."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from cooperation.models import (
    Cooperation,
    DiplomaticMission,
    Organization,
    PendingChange,
    Project,
    Status,
)
from cooperation.roles import EDITORS, content_models

from . import factories
from .admin_forms import as_post, form_fields

pytestmark = pytest.mark.django_db

FACTORIES = {
    "framework": factories.FrameworkFactory,
    "theme": factories.ThemeFactory,
    "institution": factories.InstitutionFactory,
    "organization": factories.OrganizationFactory,
    "focusarea": factories.FocusAreaFactory,
    "cooperation": factories.CooperationFactory,
    "milestone": factories.MilestoneFactory,
    "project": factories.ProjectFactory,
    "diplomaticmission": factories.DiplomaticMissionFactory,
    "page": factories.PageFactory,
}
MODELS = {model._meta.model_name: model for model in content_models()}


def test_every_content_model_is_covered():
    assert FACTORIES.keys() == MODELS.keys()


def public_state() -> dict:
    """Everything the public can see: each model's published rows, and every many-to-many
    relation (which a page shows whenever both ends are published)."""
    state = {}
    for name, model in MODELS.items():
        state[name] = list(model.objects.published().order_by("pk").values())
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            columns = (f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id")
            state[f"{name}.{field.name}"] = sorted(through.objects.values_list(*columns))
    return state


def published_item(model_name):
    """A published item with a many-to-many relation set where the model has one."""
    item = FACTORIES[model_name]()
    if isinstance(item, Organization):
        item.frameworks.set([factories.FrameworkFactory()])
    elif isinstance(item, Cooperation):
        item.priority_themes.set([factories.ThemeFactory()])
    elif isinstance(item, Project):
        item.partners.set([factories.InstitutionFactory()])
    elif isinstance(item, DiplomaticMission):
        item.organizations.set([factories.OrganizationFactory()])
    return item


def text_field(model):
    """A plain text field the form shows, to change."""
    for name in ("name_en", "title_en", "summary_en", "city_en", "description_en"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - not every model has every name
            continue
        if field.editable and not field.unique:
            return name
    return next(
        f.name
        for f in model._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "TextField") and f.editable and not f.unique
    )


def with_other_m2m_choice(fields, model) -> list[tuple[str, str]]:
    """The form's fields with every many-to-many choice replaced by a new related object."""
    m2m = {f.name: f for f in model._meta.many_to_many}
    if not m2m:
        return fields
    kept = [(name, value) for name, value in fields if name not in m2m]
    for name, field in m2m.items():
        other = FACTORIES[field.related_model._meta.model_name]()
        kept.append((name, str(other.pk)))
    return kept


def admin_url(item, view, *args):
    return reverse(f"admin:cooperation_{item._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def change_form_fields(client, item):
    response = client.get(admin_url(item, "change", item.pk))
    assert response.status_code == 200
    return form_fields(response.text, f"{item._meta.model_name}_form")


@pytest.mark.parametrize("model_name", FACTORIES)
def test_the_change_form_keeps_an_editors_change_in_a_working_copy(editor, model_name):
    item = published_item(model_name)
    fields = with_other_m2m_choice(change_form_fields(editor, item), type(item))
    before = public_state()
    data = as_post(fields, **{text_field(type(item)): "Changed by an editor", "_save": "Save"})
    response = editor.post(admin_url(item, "change", item.pk), data)
    assert response.status_code == 302, response.text[:3000]
    assert PendingChange.objects.filter(object_id=item.pk).exists()
    assert public_state() == before


@pytest.mark.parametrize("button", ["_publish", "_unpublish"])
@pytest.mark.parametrize("model_name", FACTORIES)
def test_an_editor_cannot_publish_or_unpublish_from_the_form(editor, model_name, button):
    item = published_item(model_name)
    fields = change_form_fields(editor, item)
    before = public_state()
    data = as_post(fields, **{text_field(type(item)): "Changed by an editor", button: "1"})
    editor.post(admin_url(item, "change", item.pk), data)
    assert public_state() == before


@pytest.mark.parametrize("model_name", FACTORIES)
def test_restoring_a_version_from_the_history_makes_a_working_copy(editor, model_name):
    item = published_item(model_name)
    version = item.history.latest()
    response = editor.get(admin_url(item, "simple_history", item.pk, version.history_id))
    assert response.status_code == 200
    fields = with_other_m2m_choice(
        form_fields(response.text, f"historical{item._meta.model_name}_form"), type(item)
    )
    before = public_state()
    data = as_post(fields, **{text_field(type(item)): "Restored by an editor", "_save": "Save"})
    response = editor.post(admin_url(item, "simple_history", item.pk, version.history_id), data)
    assert response.status_code == 302, response.text[:3000]
    copy = PendingChange.objects.get(object_id=item.pk)
    assert public_state() == before
    for field in type(item)._meta.many_to_many:  # the new choice is in the copy, not live
        assert copy.data["__m2m__"][field.name] != sorted(
            getattr(item, field.name).values_list("pk", flat=True)
        )


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "submit_for_review"])
@pytest.mark.parametrize("model_name", FACTORIES)
def test_list_actions_change_nothing_public_for_an_editor(editor, model_name, action):
    item = published_item(model_name)
    draft = FACTORIES[model_name](status=Status.DRAFT)
    before = public_state()
    editor.post(
        admin_url(item, "changelist"),
        {"action": action, "_selected_action": [item.pk, draft.pk]},
    )
    assert public_state() == before


@pytest.mark.parametrize("model_name", FACTORIES)
def test_an_editor_cannot_delete_public_content(editor, model_name):
    item = published_item(model_name)
    before = public_state()
    response = editor.post(admin_url(item, "delete", item.pk), {"post": "yes"})
    assert response.status_code == 403
    assert public_state() == before


@pytest.mark.parametrize("model_name", FACTORIES)
def test_an_editor_cannot_add_an_item_as_published(editor, model_name):
    template = published_item(model_name)
    fields = change_form_fields(editor, template)  # a valid form to start from
    template.delete()
    model = type(template)
    before = {name: rows for name, rows in public_state().items() if "." not in name}
    # The add form has no status field: a status posted anyway, or a Publish button, is
    # ignored or refused, and whatever the editor adds is a draft.
    for button in ("_save", "_publish", "_schedule"):
        data = as_post(fields, status=Status.PUBLISHED, **{button: "1"})
        editor.post(admin_url(template, "add"), data)
    assert {name: rows for name, rows in public_state().items() if "." not in name} == before
    assert set(model.objects.values_list("status", flat=True)) <= {Status.DRAFT}


def test_an_editor_cannot_change_public_children_inline(editor):
    organization = published_item("organization")
    milestone = factories.MilestoneFactory(organization=organization, title="Live title")
    fields = change_form_fields(editor, organization)
    changed = [
        (name, "Changed inline" if value == "Live title" else value) for name, value in fields
    ]
    before = public_state()
    editor.post(admin_url(organization, "change", organization.pk), as_post(changed, _save="1"))
    assert public_state() == before
    milestone.refresh_from_db()
    assert milestone.title == "Live title"


def test_an_editor_cannot_schedule_a_child_inline(editor):
    organization = factories.OrganizationFactory(status=Status.DRAFT)
    fields = change_form_fields(editor, organization)
    data = as_post(
        fields,
        **{
            "milestones-TOTAL_FORMS": "1",
            "milestones-0-date": "2005-11-29",
            "milestones-0-date_precision": "day",
            "milestones-0-title_en": "A new milestone",
            "milestones-0-status": Status.DRAFT,
            "milestones-0-publish_at_0": "2030-01-01",
            "milestones-0-publish_at_1": "12:00:00",
            "_save": "Save",
        },
    )
    response = editor.post(admin_url(organization, "change", organization.pk), data)
    assert response.status_code == 302, response.text[:3000]
    milestone = organization.milestones.get()
    assert milestone.title == "A new milestone"
    assert milestone.publish_at is None


def test_an_editors_save_of_an_item_made_draft_meanwhile_still_writes_nothing_live(editor):
    """The form was read while the item was published; a publisher withdrew it to a draft
    before the editor saved: the editor's values go to a working copy, not live."""
    from cooperation import workflow

    item = published_item("page")
    loaded = type(item).objects.get(pk=item.pk)  # as the admin loaded it
    type(item).objects.filter(pk=item.pk).update(status=Status.DRAFT)
    editor_user = get_user_model().objects.get(username="editor")
    assert workflow.needs_working_copy(editor_user, loaded)
