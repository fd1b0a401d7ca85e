"""The admin for content: every model editable, reviewable, publishable and restorable."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from simple_history.admin import SimpleHistoryAdmin

from cooperation import workflow
from cooperation.models import (
    Cooperation,
    DiplomaticMission,
    FocusArea,
    Framework,
    Institution,
    Milestone,
    Organization,
    Page,
    Project,
    Status,
    Theme,
)
from cooperation.models.dates import format_precise_date
from cooperation.rich_text import RichTextField

from .translations import TranslatedFormFieldsMixin, TranslatedListMixin

PUBLISHING_FIELDS = ("status", "publish_at")

# The editor offers exactly the formatting the site's styles support and the sanitizer keeps.
RICH_TEXT_WIDGET = AdminProseEditorWidget(
    preset="configurable",
    config={
        "extensions": {
            "Bold": True,
            "Italic": True,
            "Heading": {"levels": [2, 3, 4]},
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "HardBreak": True,
            "Link": {"enableTarget": False},
        }
    },
)


class LabelledFileWidget(AdminFileWidget):
    """The admin's file input, labelled by its field's <label> rather than a group legend that
    leaves the input itself without a name for screen readers."""

    use_fieldset = False


FORMFIELD_OVERRIDES = {
    models.ImageField: {"widget": LabelledFileWidget},
    # Checkbox lists: labelled for screen readers, unlike the filter and autocomplete
    # widgets' unlabelled search boxes, and the lists here are short.
    models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    RichTextField: {"widget": RICH_TEXT_WIDGET},
}


def _limit_status_choices(form_class, user, model):
    """Editors choose only between draft and in review; the form refuses anything else."""
    field = form_class.base_fields.get("status")
    if field is not None and not workflow.can_publish(user, model):
        field.choices = [(s.value, s.label) for s in workflow.EDITOR_STATUSES]


class PublishableInlineFormSet(forms.BaseInlineFormSet):
    """Editors may add and change drafts inline, but not what is already public."""

    can_publish = True

    def clean(self):
        super().clean()
        if self.can_publish:
            return
        for form in self.forms:
            instance = form.instance
            if instance.pk and form.has_changed() and instance.status in workflow.PUBLIC_STATUSES:
                raise ValidationError(
                    _(
                        "“%(item)s” is public; only a publisher can change it here. Open it "
                        "from its own page to propose a change."
                    ),
                    params={"item": instance},
                )


class PublishableInline(TranslatedFormFieldsMixin, admin.StackedInline):
    extra = 0
    formset = PublishableInlineFormSet
    formfield_overrides = FORMFIELD_OVERRIDES
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        # Scheduling is publishing: an editor cannot set a child's "publish from" either.
        readonly = list(super().get_readonly_fields(request, obj))
        if not workflow.can_publish(request.user, self.model):
            readonly.append("publish_at")
        return readonly

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.can_publish = workflow.can_publish(request.user, self.model)
        _limit_status_choices(formset.form, request.user, self.model)
        return formset

    def _parent_is_locked(self, request, obj):
        # An editor's change to a public parent goes to a working copy, which holds the
        # parent's own fields only: its inlines are shown, not edited.
        return obj is not None and workflow.needs_working_copy(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return not self._parent_is_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._parent_is_locked(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not self._parent_is_locked(request, obj) and super().has_delete_permission(
            request, obj
        )


class ContentAdmin(TranslatedListMixin, TranslatedFormFieldsMixin, SimpleHistoryAdmin):
    """Shared by every content model: workflow, working copies, preview, history."""

    formfield_overrides = FORMFIELD_OVERRIDES
    change_form_template = "admin/cooperation/content_change_form.html"
    actions = ["publish_selected", "unpublish_selected", "submit_for_review"]
    list_per_page = 50
    save_on_top = True

    class Media:
        js = ["js/admin-rich-text.js"]

    # Permissions ----------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("publish_at")
            if obj is not None and workflow.needs_working_copy(request.user, obj):
                readonly.append("status")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        _limit_status_choices(form, request.user, self.model)
        # The change page edits the item's working copy, if it has one. (Only the change
        # page passes change=True: the history's revert form shows the old version.)
        if change and obj is not None and (copy := workflow.pending_change_for(obj)):
            workflow.apply_working_copy(obj, copy)
            form = workflow.form_with_working_copy_relations(form, copy)
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets:
            return fieldsets
        # Publishing first: it is what reviewers look at first.
        fields = [f for f in fieldsets[0][1]["fields"] if f not in PUBLISHING_FIELDS]
        publishing = [f for f in PUBLISHING_FIELDS if f in fieldsets[0][1]["fields"]]
        return [(_("Publishing"), {"fields": publishing}), (None, {"fields": fields})]

    # Working copies -------------------------------------------------------------------

    def get_urls(self):
        discard = path(
            "<path:object_id>/discard-working-copy/",
            self.admin_site.admin_view(self.discard_working_copy_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_discard_working_copy",
        )
        return [discard, *super().get_urls()]

    def discard_working_copy_view(self, request, object_id):
        """A publisher throws an item's working copy away (asked to confirm first)."""
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_publish_permission(request):
            raise PermissionDenied
        change = workflow.pending_change_for(obj)
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        if change is None:
            self.message_user(request, _("This item has no working copy."), messages.INFO)
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            workflow.discard_working_copy(obj)
            self.log_change(
                request, obj, [{"deleted": {"name": str(_("working copy")), "object": str(obj)}}]
            )
            self.message_user(
                request,
                _("The working copy of “%(item)s” was discarded; the published version stands.")
                % {"item": obj},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Discard the working copy?"),
            "opts": self.opts,
            "object": obj,
            "change": change,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/cooperation/discard_working_copy.html", context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_publish": self.has_publish_permission(request),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def saves_to_working_copy(self, request, obj) -> bool:
        """Whether this user's save of ``obj`` goes to its working copy, not to the public
        (``workflow.needs_working_copy``, the one gate). Asked again at each step of a save:
        the item's stored status does not change when a working copy is saved."""
        return workflow.needs_working_copy(request.user, obj)

    def save_form(self, request, form, change):
        # Every admin write of an item's own form passes here first — the change page and
        # the history's revert alike (django-simple-history calls form.save_m2m() itself).
        # A change bound for a working copy writes no many-to-many rows: the copy keeps them.
        obj = super().save_form(request, form, change)
        if change and self.saves_to_working_copy(request, obj):
            form.save_m2m = lambda: None
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["pending_change"] = obj and workflow.pending_change_for(obj)
        context["is_public"] = obj is not None and obj.status in workflow.PUBLIC_STATUSES
        if obj is not None and hasattr(obj, "get_absolute_url"):
            context["preview_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        submit = "_submit" in request.POST
        if change and self.saves_to_working_copy(request, obj):
            m2m = {
                f.name: form.cleaned_data[f.name]
                for f in obj._meta.many_to_many
                if f.name in form.cleaned_data
            }
            uploads = {
                name: form.cleaned_data[name] for name in form.changed_data if name in form.files
            }
            workflow.save_working_copy(obj, m2m, request.user, submit=submit, files=uploads)
            return
        if "_publish" in request.POST or "_unpublish" in request.POST:
            if not self.has_publish_permission(request):
                raise PermissionDenied
            obj.status = Status.PUBLISHED if "_publish" in request.POST else Status.UNPUBLISHED
        elif submit and obj.status == Status.DRAFT:
            obj.status = Status.IN_REVIEW
        super().save_model(request, obj, form, change)
        if self.has_publish_permission(request):
            # The publisher's form showed the working copy's values: saving them supersedes it.
            change_record = workflow.pending_change_for(obj)
            if change_record is not None:
                change_record.delete()

    def save_related(self, request, form, formsets, change):
        if change and self.saves_to_working_copy(request, form.instance):
            # The copy holds the many-to-many choices, and the inlines are read-only here:
            # write nothing, but let the formsets note that nothing changed, for the log.
            for formset in formsets:
                formset.save(commit=False)
            return
        super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if self.saves_to_working_copy(request, obj):
            fields = [f for part in message for f in part.get("changed", {}).get("fields", [])]
            message = [
                {"changed": {"name": str(_("working copy")), "object": str(obj), "fields": fields}}
            ]
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if self.saves_to_working_copy(request, obj):
            if "_submit" in request.POST:
                text = _(
                    "Your changes were saved as a working copy and submitted for review. The "
                    "public page shows the published version until a publisher publishes them."
                )
            else:
                text = _(
                    "Your changes were saved as a working copy. The public page shows the "
                    "published version until they are submitted and published."
                )
            self.message_user(request, text, messages.SUCCESS)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    # Actions --------------------------------------------------------------------------

    @admin.action(
        description=_("Publish selected items (with their working copies)"),
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        for obj in queryset:
            workflow.publish(obj, request.user)
        self.message_user(
            request, _("%(count)d item(s) published.") % {"count": len(queryset)}, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected items"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for obj in queryset:
            workflow.unpublish(obj, request.user)
        self.message_user(
            request,
            _("%(count)d item(s) unpublished.") % {"count": len(queryset)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Submit selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        count = 0
        for obj in queryset:
            if obj.status == Status.DRAFT:
                obj.status = Status.IN_REVIEW
                obj._history_user = request.user  # django-simple-history's documented way
                obj.save()
                count += 1
            elif (change := workflow.pending_change_for(obj)) is not None:
                change.in_review = True
                change.save()
                count += 1
        self.message_user(request, _("%(count)d item(s) submitted for review.") % {"count": count})

    # Lists ----------------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        if obj.status == Status.PUBLISHED and not obj.is_published:
            label = _("Scheduled")
        return format_html('<span class="status status--{}">{}</span>', obj.status, label)


class FocusAreaInline(PublishableInline):
    model = FocusArea
    fields = ("order", "name", "description", *PUBLISHING_FIELDS)
    ordering = ("order", "name_en")


class ProjectInline(PublishableInline):
    model = Project
    fields = ("title", "slug", "theme", "stage", "summary", *PUBLISHING_FIELDS)
    prepopulated_fields = {"slug": ("title_en",)}
    ordering = ("title_en",)


class CooperationInline(PublishableInline):
    model = Cooperation
    fields = (
        "policy_priority",
        "participating_since",
        ("member_since", "member_since_precision"),
        "membership_note",
        "coordinating_body",
        *PUBLISHING_FIELDS,
    )
    max_num = 1


class MilestoneInline(PublishableInline):
    model = Milestone
    fields = (("date", "date_precision"), "title", "description", *PUBLISHING_FIELDS)
    ordering = ("date", "title_en")


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    list_display = ("name", "acronym", "status_badge", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "acronym", "summary")
    prepopulated_fields = {"slug": ("acronym_en",)}
    inlines = [FocusAreaInline, CooperationInline, MilestoneInline, ProjectInline]
    fieldsets = [
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (None, {"fields": ("name", "acronym", "slug", "summary", "body")}),
        (
            _("Key facts"),
            {
                "fields": (
                    "founded_year",
                    "headquarters",
                    "member_states",
                    "observers",
                    "offices",
                    "website",
                )
            },
        ),
        (
            _("Head of the organization"),
            {"fields": ("head_title", "head_name", ("head_elected_on", "head_elected_precision"))},
        ),
        (_("Logo"), {"fields": ("logo", "logo_alt")}),
        (_("International frameworks"), {"fields": ("frameworks_summary", "frameworks")}),
    ]


@admin.register(Cooperation)
class CooperationAdmin(ContentAdmin):
    list_display = ("__str__", "participating_since", "member_since", "status_badge", "updated_at")
    list_filter = ("status",)
    list_select_related = ("organization",)
    search_fields = (
        "organization__name_en",
        "organization__name_ru",
        "organization__name_be",
        "organization__acronym_en",
        "organization__acronym_ru",
        "organization__acronym_be",
    )
    autocomplete_fields = ("organization", "coordinating_body")


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    list_display = ("title", "known_date", "organization", "status_badge")
    list_filter = ("status", "date_precision", "organization")
    list_select_related = ("organization",)
    search_fields = ("title", "description")
    autocomplete_fields = ("organization",)
    date_hierarchy = "date"

    @admin.display(description=_("date"), ordering="date")
    def known_date(self, obj):
        # As the public pages show it: "1994", "December 1996", "29 November 2005".
        return format_precise_date(obj.date, obj.date_precision)


@admin.register(Project)
class ProjectAdmin(ContentAdmin):
    list_display = ("title", "organization", "theme", "stage", "status_badge", "updated_at")
    list_filter = ("status", "stage", "theme", "organization")
    list_select_related = ("organization", "theme")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("organization", "theme")


@admin.register(FocusArea)
class FocusAreaAdmin(ContentAdmin):
    list_display = ("name", "organization", "order", "status_badge")
    list_filter = ("status", "organization")
    list_select_related = ("organization",)
    search_fields = ("name",)
    autocomplete_fields = ("organization",)


@admin.register(Framework, Theme)
class NamedContentAdmin(ContentAdmin):
    list_display = ("name", "status_badge", "updated_at")
    list_filter = ("status",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Institution)
class InstitutionAdmin(ContentAdmin):
    list_display = (
        "name",
        "kind",
        "city",
        "in_missions_selector",
        "publishes_site",
        "status_badge",
    )
    list_filter = ("status", "kind", "in_missions_selector")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(DiplomaticMission)
class DiplomaticMissionAdmin(ContentAdmin):
    list_display = ("name", "kind", "country", "city", "status_badge")
    list_filter = ("status", "kind")
    search_fields = ("name", "country", "city")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ("title", "slug", "in_footer", "status_badge", "updated_at")
    list_filter = ("status", "in_footer")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title_en",)}
