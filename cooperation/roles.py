"""The staff groups, Editors and Publishers, and their permissions — kept in step after every
``migrate``, so a new model or permission reaches the groups without anyone editing them."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def content_models():
    """Every model that carries the publishing fields."""
    from .models import Publishable

    return [
        m for m in apps.get_app_config("cooperation").get_models() if issubclass(m, Publishable)
    ]


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """Group name -> (app label, codename) pairs it should hold, exactly."""
    editors = set()
    publishers = set()
    for model in content_models():
        name = model._meta.model_name
        editors |= {("cooperation", f"{action}_{name}") for action in ("add", "change", "view")}
        publishers |= {("cooperation", f"{action}_{name}") for action in ("delete", "publish")}
    editors |= {("cooperation", "view_pendingchange"), ("cooperation", "view_contentimport")}
    publishers |= editors | {
        ("cooperation", "delete_pendingchange"),
        ("cooperation", "import_content"),
    }
    return {EDITORS: editors, PUBLISHERS: publishers}


def sync_roles(**kwargs):
    """Create the groups if missing and set their permissions to exactly the intended ones."""
    ContentType.objects.clear_cache()
    for group_name, wanted in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=group_name)
        codenames = {codename for _app, codename in wanted}
        permissions = Permission.objects.filter(
            content_type__app_label="cooperation", codename__in=codenames
        )
        group.permissions.set(permissions)
