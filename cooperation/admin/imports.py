"""Uploading fixture files in the admin: a dry run first, then apply — the same all-or-nothing
import as ``manage.py import_content``, for staff holding the ``import_content`` permission."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation import workflow
from cooperation.content_import import ImportFailed, import_sources
from cooperation.models import ContentImport

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PERMISSION = "cooperation.import_content"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fixture file"),
        help_text=_("A .json file in the format of fixtures/ (natural keys, no primary keys)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def run_import(name: str, data: bytes, *, dry_run: bool, user=None):
    """(succeeded, report text) for one file."""
    try:
        report = import_sources([(name, data)], dry_run=dry_run, user=user)
    except ImportFailed as failure:
        lines = [str(failure)]
        lines += [str(problem) for problem in failure.problems]
        return False, "\n".join(lines)
    header = gettext("Dry run — nothing was written.") if dry_run else gettext("Import complete.")
    return True, "\n".join([header, *report.table()])


@admin.register(ContentImport)
class ContentImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "state", "uploaded_by", "uploaded_at", "applied_at")
    list_filter = ("state",)
    search_fields = ("filename",)
    list_select_related = ("uploaded_by",)
    fields = readonly_fields = (
        "filename",
        "state",
        "uploaded_by",
        "uploaded_at",
        "applied_by",
        "applied_at",
        "report_text",
    )
    upload_template = "admin/cooperation/contentimport/upload.html"
    change_form_template = "admin/cooperation/contentimport/change_form.html"

    @admin.display(description=_("report"))
    def report_text(self, record):
        return format_html('<pre class="import-report">{}</pre>', record.report)

    def has_add_permission(self, request):
        return workflow.can_import(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # a record of what happened; only applying changes it

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION) or super().has_view_permission(request, obj)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/apply/",
                self.admin_site.admin_view(self.apply_view),
                name="cooperation_contentimport_apply",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """The upload form; a valid upload is checked by a dry run and recorded."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            ok, report = run_import(upload.name, data, dry_run=True)
            record = ContentImport.objects.create(
                filename=upload.name[:255],
                content=data,
                state=ContentImport.State.VALIDATED if ok else ContentImport.State.REJECTED,
                report=report,
                uploaded_by=request.user,
            )
            self.log_addition(request, record, [{"added": {}}])
            return HttpResponseRedirect(
                reverse("admin:cooperation_contentimport_change", args=[record.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload a fixture file"),
            "form": form,
            "opts": self.opts,
            "max_megabytes": MAX_UPLOAD_BYTES // (1024 * 1024),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.upload_template, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = get_object_or_404(ContentImport, pk=object_id)
        extra_context = {
            **(extra_context or {}),
            "can_apply": record.state == ContentImport.State.VALIDATED
            and workflow.can_import(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def apply_view(self, request, object_id):
        """Apply a checked upload: validated again, written in one transaction, logged."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not workflow.can_import(request.user):
            raise PermissionDenied
        with transaction.atomic():
            record = get_object_or_404(ContentImport.objects.select_for_update(), pk=object_id)
            if record.state != ContentImport.State.VALIDATED:
                self.message_user(
                    request, _("Only a checked upload can be applied, once."), messages.ERROR
                )
            else:
                ok, report = run_import(
                    record.filename, bytes(record.content), dry_run=False, user=request.user
                )
                record.report = report
                if ok:
                    record.state = ContentImport.State.APPLIED
                    record.applied_by = request.user
                    record.applied_at = timezone.now()
                    self.message_user(request, _("The file was imported."), messages.SUCCESS)
                else:
                    record.state = ContentImport.State.REJECTED
                    self.message_user(
                        request,
                        _("The content changed since the check; nothing was imported."),
                        messages.ERROR,
                    )
                record.save()
                self.log_change(request, record, report.splitlines()[0])
        return HttpResponseRedirect(
            reverse("admin:cooperation_contentimport_change", args=[object_id])
        )
