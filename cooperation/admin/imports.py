"""Uploading fixture files in the admin: a dry run first, then apply — the same all-or-nothing
import as ``manage.py import_content``, for staff holding the ``import_content`` permission.

A record's report is kept as JSON data in ``ContentImport.report`` (see :func:`report_document`)
and shown whole on the record's page: the counts, each object with each field that changes,
HTML the sanitizer cleans, or every problem, numbered. Records written before the report had
this form hold plain text, shown as it is.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cooperation import workflow
from cooperation.content_import import ImportFailed, ImportReport, import_sources
from cooperation.models import ContentImport
from cooperation.roles import PUBLISHERS, content_models

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PERMISSION = "cooperation.import_content"
REPORT_FORMAT = "iomsite-import-report/1"


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


def report_document(*, dry_run: bool, report=None, problems=()) -> dict:
    """The data kept as a record's report: the import's report, or the problems that refused
    it. Kept as data, not text, so that the page can show it in the reader's language."""
    return {
        "format": REPORT_FORMAT,
        "dry_run": dry_run,
        "ok": not problems,
        "report": report.as_data() if report is not None else None,
        "problems": [problem.as_data() for problem in problems],
    }


def read_report(text: str) -> dict | None:
    """The document :func:`report_document` wrote, or None for an older plain-text report."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("format") != REPORT_FORMAT:
        return None
    return document


def report_heading(document: dict) -> str:
    """The report's first line: what happened, in the reader's language."""
    if not document["ok"]:
        count = len(document["problems"])
        return ngettext(
            "%(count)d problem found; nothing was imported.",
            "%(count)d problems found; nothing was imported.",
            count,
        ) % {"count": count}
    if document["dry_run"]:
        return gettext("Dry run — nothing was written.")
    return gettext("Import complete.")


def run_import(name: str, data: bytes, *, dry_run: bool, user=None):
    """(succeeded, report document) for one file."""
    try:
        report = import_sources([(name, data)], dry_run=dry_run, user=user)
    except ImportFailed as failure:
        return False, report_document(dry_run=dry_run, problems=failure.problems)
    return True, report_document(dry_run=dry_run, report=report)


def report_context(text: str) -> dict:
    """What the record's page needs to show its report whole."""
    document = read_report(text)
    if document is None:
        return {"report_plain_text": text}
    report = ImportReport.from_data(document["report"]) if document["report"] else None
    context = {
        "report_heading": report_heading(document),
        "report_ok": document["ok"],
        # Keys as the files write them, ["iom"], as the command line shows them.
        "problems": [
            {**problem, "key": json.dumps(problem["key"], ensure_ascii=False)}
            if problem.get("key")
            else problem
            for problem in document["problems"]
        ],
    }
    if report is not None:
        context |= {
            "report_counts": sorted(report.counts.items()),
            "report_sections": [
                {
                    "heading": heading,
                    "count": len(changes),
                    # Objects listed by key alone (a new one), then those with fields to show.
                    "listed": [shown_change(report, c) for c in changes if not c.fields],
                    "detailed": [shown_change(report, c) for c in changes if c.fields],
                }
                for heading, changes in report_sections(report)
            ],
            "report_unchanged": sum(c.unchanged for c in report.counts.values())
            - len(report.of_action("unchanged")),
            "report_dry_run": report.dry_run,
        }
    return context


def report_sections(report: ImportReport):
    """(heading, changes) for the objects created, updated, and unchanged but cleaned."""
    if report.dry_run:
        headings = [
            ("created", _("Would be created")),
            ("updated", _("Would be updated")),
        ]
    else:
        headings = [("created", _("Created")), ("updated", _("Updated"))]
    headings.append(("unchanged", _("Left unchanged, though the file's HTML is cleaned")))
    return [
        (heading, changes) for action, heading in headings if (changes := report.of_action(action))
    ]


def shown_change(report: ImportReport, change) -> dict:
    """An object of the report, for the page: its model, key (as the files write it), where
    it is in the file, and its fields."""
    return {
        "model": change.model,
        "key": json.dumps(change.key, ensure_ascii=False),
        "file": change.file,
        "index": change.index,
        "rows": change_rows(report, change),
    }


def change_rows(report: ImportReport, change) -> list[dict]:
    """A changed object's fields, for the page: whole values, shown as the file writes them."""
    rows = []
    for field_change in change.fields:
        changed = field_change.old != field_change.new
        rows.append(
            {
                "name": field_change.name,
                "old": json.dumps(field_change.old, ensure_ascii=False) if changed else "",
                "new": json.dumps(field_change.new, ensure_ascii=False) if changed else "",
                "changed": changed,
                "html_note": report.html_note(field_change),
            }
        )
    return rows


def import_refusal(user) -> dict:
    """Why ``user`` may not import, and who may: for the page that says so."""
    user_model = get_user_model()
    importers = [
        person
        for person in user_model.objects.with_perm(
            PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_staff=True)
        .order_by("username")
        if workflow.can_import(person)
    ]
    return {
        "lacks_import_permission": not user.has_perm(PERMISSION),
        "cannot_publish": [
            model._meta.verbose_name_plural
            for model in content_models()
            if not workflow.can_publish(user, model)
        ],
        "importers": importers,
        "publishers_group": PUBLISHERS,
    }


@admin.register(ContentImport)
class ContentImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "state", "uploaded_by", "uploaded_at", "applied_at")
    list_filter = ("state",)
    search_fields = ("filename",)
    list_select_related = ("uploaded_by",)
    # The report is shown below these, across the page's whole width (change_form.html): as a
    # read-only field it sat in a row beside its label, clipped at the row's edge.
    fields = readonly_fields = (
        "filename",
        "state",
        "uploaded_by",
        "uploaded_at",
        "applied_by",
        "applied_at",
    )
    upload_template = "admin/cooperation/contentimport/upload.html"
    change_form_template = "admin/cooperation/contentimport/change_form.html"
    refusal_template = "admin/cooperation/contentimport/permission_denied.html"

    def refuse(self, request):
        """The admin's own page, status 403, saying why importing is not open to this user
        and whom to ask (in place of Django's bare "403 Forbidden")."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Importing content needs a publisher's permission"),
            "opts": self.opts,
            "has_view_permission": self.has_view_permission(request),
            **import_refusal(request.user),
        }
        return TemplateResponse(request, self.refusal_template, context, status=403)

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
            return self.refuse(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            ok, report = run_import(upload.name, data, dry_run=True)
            record = ContentImport.objects.create(
                filename=upload.name[:255],
                content=data,
                state=ContentImport.State.VALIDATED if ok else ContentImport.State.REJECTED,
                report=json.dumps(report, ensure_ascii=False),
                uploaded_by=request.user,
            )
            self.log_addition(request, record, [{"added": {}}])
            return HttpResponseRedirect(
                reverse("admin:cooperation_contentimport_change", args=[record.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload a fixture file"),
            "has_view_permission": self.has_view_permission(request),
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
            **report_context(record.report),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def apply_view(self, request, object_id):
        """Apply a checked upload: validated again, written in one transaction, logged."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not workflow.can_import(request.user):
            return self.refuse(request)
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
                record.report = json.dumps(report, ensure_ascii=False)
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
                self.log_change(request, record, report_heading(report))
        return HttpResponseRedirect(
            reverse("admin:cooperation_contentimport_change", args=[object_id])
        )
