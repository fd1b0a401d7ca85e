"""The admin for content: every model editable, reviewable, publishable and restorable."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from simple_history.admin import SimpleHistoryAdmin

from cooperation import editorial_log, notifications, review_diff, workflow
from cooperation.models import (
    Cooperation,
    DiplomaticMission,
    FocusArea,
    Framework,
    Institution,
    Milestone,
    Organization,
    Page,
    PendingChange,
    Project,
    Status,
    Theme,
)
from cooperation.models.dates import format_precise_date
from cooperation.rich_text import RichTextField

from .history import EditorialHistoryMixin
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


class ScheduleForm(forms.Form):
    """The time a publisher schedules an item to go live: in the future."""

    schedule_at = forms.DateTimeField(
        label=_("Go live on"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_schedule_at(self):
        when = self.cleaned_data["schedule_at"]
        if "_schedule" not in self.data:
            return when
        # On a change form the item is the form's instance (its status is no form field, so
        # it is as stored); on the review page it is given.
        item = getattr(self, "instance", None) or getattr(self, "item", None)
        if item is not None and item.pk is not None and item.is_published:
            # A working copy has no time of its own: scheduling a live item would take it off
            # the public site until then.
            raise ValidationError(
                _("This item is live: publish the changes now, or unpublish it first.")
            )
        if when is None or when <= timezone.now():
            raise ValidationError(_("To schedule, choose a time in the future."))
        return when


def form_with_schedule(form_class):
    """``form_class`` with the Schedule button's time, checked with the rest of the form."""
    attrs = {**ScheduleForm.declared_fields, "clean_schedule_at": ScheduleForm.clean_schedule_at}
    return type(form_class.__name__, (form_class,), attrs)


class SendBackForm(forms.Form):
    """Why an item goes back to its editor: they read it on the item and their dashboard."""

    comment = forms.CharField(
        label=_("Comment for the editor"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should change before it can be published."),
    )


class PublishableInlineFormSet(forms.BaseInlineFormSet):
    """Inline children, each through the one write gate (``workflow.needs_working_copy``): an
    editor's change to a public child goes to that child's own working copy, a new child is
    saved as the editor's draft, and only a publisher deletes a public child."""

    user = None  # set by PublishableInline.get_formset: whose change this is
    submit = False  # set there too: "Save and submit for review" submits the children's copies
    working_copies = None  # the children's working copies by pk, once the children are read

    def saves_to_working_copy(self, child) -> bool:
        return workflow.needs_working_copy(self.user, child)

    def get_queryset(self):
        children = super().get_queryset()
        if self.working_copies is None:
            # The forms show (and compare the post against) each child's working copy, as
            # the parent's own form shows its copy. Iterating fills the queryset's cache,
            # so the forms get these very instances.
            self.working_copies = {}
            for child in children:
                if (copy := workflow.pending_change_for(child)) is not None:
                    workflow.apply_working_copy(child, copy)
                    self.working_copies[child.pk] = copy
        return children

    def add_fields(self, form, index):
        super().add_fields(form, index)
        status = form.fields.get("status")
        if status is not None and form.instance.pk and self.saves_to_working_copy(form.instance):
            # A working copy never changes the status: shown as it is, and the post ignored.
            status.disabled = True
            status.choices = Status.choices

    def clean(self):
        super().clean()
        for form in self.forms:
            marked = self.can_delete and getattr(form, "cleaned_data", {}).get("DELETE")
            if marked and form.instance.pk and self.saves_to_working_copy(form.instance):
                raise ValidationError(
                    _("“%(item)s” is public; only a publisher can delete it."),
                    params={"item": form.instance},
                )

    def delete_existing(self, obj, commit=True):
        if self.saves_to_working_copy(obj):  # clean() refused it; no other path deletes it
            raise PermissionDenied
        super().delete_existing(obj, commit=commit)

    def save_existing(self, form, obj, commit=True):
        if not commit:
            return super().save_existing(form, obj, commit=commit)
        if self.saves_to_working_copy(obj):
            # save_working_copy logs the edit (and the submission) itself.
            workflow.save_form_as_working_copy(form, self.user, submit=self.submit)
            return obj
        saved = super().save_existing(form, obj, commit=commit)
        event = editorial_log.record(saved, self.step_of(form, saved), self.user)
        if event.kind == editorial_log.Kind.SUBMITTED:
            notifications.tell_publishers(event, self.model)
        if workflow.can_publish(self.user, self.model) and obj.pk in (self.working_copies or {}):
            # The publisher's form showed the child's working copy: saving it supersedes it.
            workflow.pending_change_for(obj).delete()
        return saved

    @staticmethod
    def step_of(form, child):
        """The editorial step a live save of a child inline was: its status menu may have
        published, scheduled, withdrawn or submitted it, which the log names as such."""
        if "status" not in form.changed_data:
            return editorial_log.Kind.EDITED
        Kind = editorial_log.Kind
        if child.status == Status.PUBLISHED:
            return Kind.PUBLISHED if child.is_published else Kind.SCHEDULED
        return {Status.UNPUBLISHED: Kind.UNPUBLISHED, Status.IN_REVIEW: Kind.SUBMITTED}.get(
            child.status, Kind.EDITED
        )

    def save_new(self, form, commit=True):
        child = super().save_new(form, commit=commit)
        if commit:
            editorial_log.record(child, editorial_log.Kind.CREATED, self.user)
        return child


class PublishableInline(TranslatedFormFieldsMixin, admin.StackedInline):
    """A parent's children, editable and addable by editors whatever the parent's state; each
    child's own state decides where a change goes (see PublishableInlineFormSet)."""

    extra = 0
    formset = PublishableInlineFormSet
    formfield_overrides = FORMFIELD_OVERRIDES
    show_change_link = True

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "working_copy_state"]

    def get_readonly_fields(self, request, obj=None):
        # Scheduling is publishing: an editor cannot set a child's "publish from" either.
        readonly = [*super().get_readonly_fields(request, obj), "working_copy_state"]
        if not workflow.can_publish(request.user, self.model):
            readonly.append("publish_at")
        return readonly

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        formset.submit = "_submit" in request.POST
        _limit_status_choices(formset.form, request.user, self.model)
        return formset

    @admin.display(description=_("working copy"))
    def working_copy_state(self, child):
        copy = workflow.pending_change_for(child)
        if copy is None:
            return "—"  # Django's read-only field would print None
        author = copy.author or _("someone")
        if copy.in_review:
            return _("Working copy pending: by %(author)s, submitted for review.") % {
                "author": author
            }
        return _("Working copy pending: by %(author)s, not yet submitted.") % {"author": author}


class ContentAdmin(
    EditorialHistoryMixin, TranslatedListMixin, TranslatedFormFieldsMixin, SimpleHistoryAdmin
):
    """Shared by every content model: workflow, working copies, preview, history."""

    formfield_overrides = FORMFIELD_OVERRIDES
    change_form_template = "admin/cooperation/content_change_form.html"
    actions = ["publish_selected", "unpublish_selected", "submit_for_review"]
    list_per_page = 50
    save_on_top = True

    class Media:
        js = ["js/admin-rich-text.js"]
        css = {"all": ["css/admin-workflow.css"]}

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
        if self.has_publish_permission(request):
            form = form_with_schedule(form)
        # The change page edits the item's working copy, if it has one. (Only the change
        # page passes change=True: the history's revert form shows the old version.)
        if change and obj is not None and (copy := workflow.pending_change_for(obj)):
            workflow.apply_working_copy(obj, copy)
            form = workflow.form_with_working_copy_relations(form, copy)
        return form

    def get_fieldsets(self, request, obj=None):
        # The status and the time it goes live are set by the workflow buttons at the top
        # and foot of the form, not by fields: the buttons are the one way to move an item.
        shown = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [f for f in options["fields"] if f not in (*PUBLISHING_FIELDS, "schedule_at")]
            if fields:
                shown.append((name, {**options, "fields": fields}))
        return shown

    # Workflow pages ---------------------------------------------------------------------

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        pages = [
            ("discard-working-copy", self.discard_working_copy_view, "discard_working_copy"),
            ("review", self.review_view, "review"),
            ("send-back", self.send_back_view, "send_back"),
        ]
        return [
            path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(view),
                name=f"{name}_{suffix}",
            )
            for route, view, suffix in pages
        ] + super().get_urls()

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def _workflow_page(self, request, object_id, *, publisher=True):
        """The item a workflow page is about, or the reason it cannot be shown."""
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        allowed = (
            self.has_publish_permission(request)
            if publisher
            else self.has_view_or_change_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def _page_context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "object": obj,
            "change_url": self._change_url(obj),
            **extra,
        }

    def discard_working_copy_view(self, request, object_id):
        """A publisher throws an item's working copy away (asked to confirm first)."""
        obj = self._workflow_page(request, object_id)
        change = workflow.pending_change_for(obj)
        change_url = self._change_url(obj)
        if change is None:
            self.message_user(request, _("This item has no working copy."), messages.INFO)
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            workflow.discard_working_copy(obj, request.user)
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
        context = self._page_context(request, obj, _("Discard the working copy?"), change=change)
        return TemplateResponse(request, "admin/cooperation/discard_working_copy.html", context)

    def send_back_view(self, request, object_id):
        """A publisher returns an item in review to its editor, with a comment they will see."""
        obj = self._workflow_page(request, object_id)
        change_url = self._change_url(obj)
        if not workflow.is_in_review(obj):
            self.message_user(request, _("This item is not waiting for review."), messages.INFO)
            return HttpResponseRedirect(change_url)
        form = SendBackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            event = workflow.send_back(obj, request.user, form.cleaned_data["comment"])
            self.message_user(
                request,
                _("“%(item)s” was sent back to %(editor)s with your comment.")
                % {"item": obj, "editor": event.editor or _("its editor")},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(change_url)
        context = self._page_context(
            request,
            obj,
            _("Send “%(item)s” back to its editor") % {"item": obj},
            form=form,
            state=workflow.editorial_state(obj),
        )
        return TemplateResponse(request, "admin/cooperation/send_back.html", context)

    def review_view(self, request, object_id):
        """The proposed changes beside the live values, field by field and in each language;
        a publisher publishes, schedules or sends them back from here."""
        obj = self._workflow_page(request, object_id, publisher=False)
        can_publish = self.has_publish_permission(request)
        schedule = ScheduleForm(request.POST or None, item=obj)
        if request.method == "POST":
            if not can_publish:
                raise PermissionDenied
            if "_publish" in request.POST:
                event = workflow.publish(obj, request.user, at=None)
                self.message_user(request, self._published_text(obj, event), messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(obj))
            if "_schedule" in request.POST and schedule.is_valid():
                event = workflow.publish(obj, request.user, at=schedule.cleaned_data["schedule_at"])
                self.message_user(request, self._published_text(obj, event), messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(obj))
        if request.method == "GET":
            notifications.mark_read(request.user, obj)
        context = self._page_context(
            request,
            obj,
            _("Review: %(item)s") % {"item": obj},
            review=review_diff.review(obj),
            state=workflow.editorial_state(obj),
            can_publish=can_publish,
            schedule=schedule,
            send_back_url=self._url_for(obj, "send_back"),
        )
        return TemplateResponse(request, "admin/cooperation/review.html", context)

    def _url_for(self, obj, view):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=[obj.pk])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_publish": self.has_publish_permission(request),
        }
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and object_id is not None and response.status_code == 200:
            # Opening the item is reading what one was told about it.
            obj = (
                response.context_data.get("original") if hasattr(response, "context_data") else None
            )
            if obj is not None:
                notifications.mark_read(request.user, obj)
        return response

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
        state = workflow.editorial_state(obj)
        context["pending_change"] = state.copy
        context["editorial_state"] = state
        context["workflow_actions"] = workflow.available_actions(
            request.user, obj if obj is not None else self.model(), state
        )
        context["is_public"] = obj is not None and obj.status in workflow.PUBLIC_STATUSES
        context["saves_to_working_copy"] = obj is not None and self.saves_to_working_copy(
            request, obj
        )
        if obj is not None and obj.pk is not None:
            context["review_url"] = self._url_for(obj, "review")
            context["send_back_url"] = self._url_for(obj, "send_back")
            context["discard_url"] = self._url_for(obj, "discard_working_copy")
        if obj is not None and hasattr(obj, "get_absolute_url"):
            context["preview_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def workflow_button(request) -> str:
        """Which workflow button the form was sent with (a plain Save by default)."""
        for action in (workflow.PUBLISH, workflow.SCHEDULE, workflow.UNPUBLISH, workflow.SUBMIT):
            if f"_{action}" in request.POST:
                return action
        return workflow.SAVE

    def save_model(self, request, obj, form, change):
        button = self.workflow_button(request)
        publisher = self.has_publish_permission(request)
        if button in (workflow.PUBLISH, workflow.SCHEDULE, workflow.UNPUBLISH) and not publisher:
            raise PermissionDenied
        user = request.user
        if change and self.saves_to_working_copy(request, obj):
            workflow.save_form_as_working_copy(form, user, submit=button == workflow.SUBMIT)
            return

        def save():
            super(ContentAdmin, self).save_model(request, obj, form, change)

        if button == workflow.PUBLISH:
            workflow.publish(obj, user, save=save, at=None)
        elif button == workflow.SCHEDULE:
            workflow.publish(obj, user, save=save, at=form.cleaned_data["schedule_at"])
        elif button == workflow.UNPUBLISH:
            # Only the status changes. The form showed the working copy's values; writing them
            # into the item would let its next publication put them live unreviewed, so the
            # stored item is withdrawn as it is and the copy stays for review.
            form.save_m2m = lambda: None
            stored = type(obj)._default_manager.get(pk=obj.pk)
            workflow.unpublish(stored, user)
            obj.status = stored.status
            return
        elif button == workflow.SUBMIT and obj.status in workflow.EDITOR_STATUSES:
            workflow.submit(obj, user, save=save)
        elif change and publisher and obj.status == Status.PUBLISHED:
            # The gate lets a publisher's change to a live item go live: it is a publication.
            workflow.publish(obj, user, save=save)
        else:
            workflow.save_draft(obj, user, save=save)
        if publisher:
            # The publisher's form showed the working copy's values: saving them supersedes it.
            change_record = workflow.pending_change_for(obj)
            if change_record is not None:
                change_record.delete()

    def save_related(self, request, form, formsets, change):
        # The item's own many-to-many choices stay out when its change is a working copy
        # (save_form made form.save_m2m a no-op); each inline child passes the write gate
        # itself, in PublishableInlineFormSet, so the formsets are always saved.
        super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if self.saves_to_working_copy(request, obj):
            fields = [f for part in message for f in part.get("changed", {}).get("fields", [])]
            message = [
                {"changed": {"name": str(_("working copy")), "object": str(obj), "fields": fields}}
            ]
        return super().log_change(request, obj, message)

    def _published_text(self, obj, event):
        if event.kind == event.Kind.SCHEDULED:
            return _("“%(item)s” is scheduled to go live on %(when)s.") % {
                "item": obj,
                "when": date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT"),
            }
        return _("“%(item)s” is published: the public site shows it now.") % {"item": obj}

    def _saved_text(self, request, obj, button) -> str:
        """What the save did, in the words of the button pressed."""
        if self.saves_to_working_copy(request, obj):
            copy = workflow.pending_change_for(obj)
            if button == workflow.SUBMIT:
                return _(
                    "Your changes were saved as a working copy and submitted for review. The "
                    "public page shows the published version until a publisher publishes them."
                )
            if copy is not None and copy.in_review:
                return _(
                    "Your changes were saved in the working copy, which is still waiting for "
                    "review. The public page shows the published version."
                )
            return _(
                "Your changes were saved as a working copy, not yet submitted for review. The "
                "public page shows the published version until they are submitted and published."
            )
        if button in (workflow.PUBLISH, workflow.SCHEDULE):
            return self._published_text(
                obj, workflow.editorial_log.last_event(obj, *workflow.REVIEW_KINDS)
            )
        if button == workflow.UNPUBLISH:
            return _("“%(item)s” was unpublished: the public site no longer shows it.") % {
                "item": obj
            }
        if obj.status == Status.IN_REVIEW:
            if button == workflow.SUBMIT:
                return _("“%(item)s” was submitted for review; its publishers have been told.") % {
                    "item": obj
                }
            return _("“%(item)s” was saved; it is still waiting for review.") % {"item": obj}
        if obj.status == Status.PUBLISHED:
            return _("“%(item)s” was saved and the public site shows the change.") % {"item": obj}
        if obj.status == Status.UNPUBLISHED:
            return _("“%(item)s” was saved; it stays unpublished.") % {"item": obj}
        return _(
            "“%(item)s” was saved as a draft. The public does not see it; submit it for review "
            "when it is ready."
        ) % {"item": obj}

    def _workflow_response(self, request, obj):
        self.message_user(
            request, self._saved_text(request, obj, self.workflow_button(request)), messages.SUCCESS
        )
        # Back to the item, where the state beside the buttons shows what happened.
        return HttpResponseRedirect(self._change_url(obj))

    def _is_workflow_post(self, request) -> bool:
        others = ("_continue", "_addanother", "_saveasnew", IS_POPUP_VAR)
        return not any(name in request.POST for name in others)

    def response_add(self, request, obj, post_url_continue=None):
        if self._is_workflow_post(request):
            return self._workflow_response(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._is_workflow_post(request):
            return self._workflow_response(request, obj)
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
                workflow.submit(obj, request.user)
                count += 1
            elif workflow.submit_working_copy(obj, request.user) is not None:
                count += 1
        self.message_user(request, _("%(count)d item(s) submitted for review.") % {"count": count})

    # Lists ----------------------------------------------------------------------------

    def get_queryset(self, request):
        # Whether each item has a working copy, and whether it is in review, for the status
        # column: one subquery, not a query per row.
        copies = PendingChange.objects.filter(
            content_type__app_label=self.opts.app_label,
            content_type__model=self.opts.model_name,
            object_id=OuterRef("pk"),
        )
        return (
            super()
            .get_queryset(request)
            .annotate(working_copy_in_review=Subquery(copies.values("in_review")[:1]))
        )

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        if obj.status == Status.PUBLISHED and not obj.is_published:
            label = _("Scheduled")
        copy_in_review = getattr(obj, "working_copy_in_review", None)
        if copy_in_review is None:
            return format_html('<span class="status status--{}">{}</span>', obj.status, label)
        note = _("working copy in review") if copy_in_review else _("working copy pending")
        return format_html(
            '<span class="status status--{}">{}</span> · '
            '<span class="status status--working-copy">{}</span>',
            obj.status,
            label,
            note,
        )


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
