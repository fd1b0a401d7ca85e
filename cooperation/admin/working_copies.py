"""Every working copy in one list: publishers see whose change to what waits, open the item to
review it, and publish or discard copies — whatever state a copy is in."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation import workflow
from cooperation.models import PendingChange
from cooperation.roles import content_models


@admin.register(PendingChange)
class WorkingCopyAdmin(admin.ModelAdmin):
    list_display = ("item_link", "content_type", "author", "in_review", "updated_at")
    list_filter = ("in_review", "content_type")
    list_select_related = ("content_type", "author")
    actions = ["publish_copies", "discard_copies"]
    fields = readonly_fields = ("item_link", "content_type", "author", "in_review", "updated_at")

    def has_add_permission(self, request):
        return False  # a working copy is made by changing the item itself

    def has_change_permission(self, request, obj=None):
        return False  # the copy is edited on the item's own page

    def has_delete_permission(self, request, obj=None):
        return False  # "Discard" removes a copy with the files only it used

    def has_publish_permission(self, request):
        return any(workflow.can_publish(request.user, model) for model in content_models())

    @admin.display(description=_("item"))
    def item_link(self, change):
        item = change.content_object
        if item is None:
            return _("(the item no longer exists)")
        try:
            url = reverse(
                f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk]
            )
        except NoReverseMatch:
            return str(item)
        return format_html('<a href="{}">{}</a>', url, item)

    def _items(self, request, queryset):
        """The items of the selected copies the user may publish; the others are named."""
        allowed, refused = [], []
        for change in queryset.select_related("content_type"):
            item = change.content_object
            if item is None:
                change.delete()  # a copy of nothing: nothing to keep
            elif workflow.can_publish(request.user, type(item)):
                allowed.append(item)
            else:
                refused.append(str(item))
        if refused:
            self.message_user(
                request,
                _("You may not publish these, so they were left as they are: %(items)s")
                % {"items": ", ".join(refused)},
                messages.WARNING,
            )
        return allowed

    @admin.action(description=_("Publish the selected working copies"), permissions=["publish"])
    def publish_copies(self, request, queryset):
        items = self._items(request, queryset)
        for item in items:
            workflow.publish(item, request.user)
        self.message_user(
            request,
            _("%(count)d working copy(ies) published.") % {"count": len(items)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Discard the selected working copies"), permissions=["publish"])
    def discard_copies(self, request, queryset):
        items = self._items(request, queryset)
        for item in items:
            workflow.discard_working_copy(item, request.user)
        self.message_user(
            request,
            _("%(count)d working copy(ies) discarded; the published versions stand.")
            % {"count": len(items)},
            messages.SUCCESS,
        )
