"""Fixture files uploaded in the admin, checked by a dry run, then applied."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentImport(models.Model):
    """One uploaded fixture file: its dry-run report, and whether and by whom it was applied."""

    class State(models.TextChoices):
        VALIDATED = "validated", _("Checked, ready to apply")
        REJECTED = "rejected", _("Rejected: problems found")
        APPLIED = "applied", _("Applied")

    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), editable=False)
    state = models.CharField(_("state"), max_length=16, choices=State, editable=False)
    report = models.TextField(_("report"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("applied by"),
        editable=False,
    )
    applied_at = models.DateTimeField(_("applied"), null=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("content import")
        verbose_name_plural = _("content imports")
        permissions = [("import_content", _("Can import content from fixture files"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["validated", "rejected", "applied"]),
                name="cooperation_contentimport_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.filename} ({self.get_state_display()})"
