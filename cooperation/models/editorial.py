"""The editorial log: what happened to each item, who did it and whose work it was, and who
has been told. The admin's history, the dashboard and the notifications all read it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditorialEvent(models.Model):
    """One step in an item's editorial life: created, edited, submitted, sent back, published…

    ``actor`` did it; ``editor`` wrote the work it concerns (on a publication, the author of
    the working copy published, so an editor's authorship survives a publisher's click).
    ``history_id`` names the django-simple-history record the step wrote, where it wrote one.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent_back", _("sent back")
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        UNPUBLISHED = "unpublished", _("unpublished")
        RESTORED = "restored", _("restored")
        DISCARDED = "discarded", _("working copy discarded")
        IMPORTED = "imported", _("imported")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source file"), max_length=255, blank=True)
    history_id = models.PositiveBigIntegerField(_("history record"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("editorial event")
        verbose_name_plural = _("editorial events")
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-at"], name="cooperation_event_item"
            ),
            models.Index(fields=["actor", "-at"], name="cooperation_event_actor"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.content_object}"


class Notification(models.Model):
    """Someone was told of an event: a publisher of a submission, an editor of a send-back.
    One per person and event, so a submission is announced once however often it is saved."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editorial_notifications",
        verbose_name=_("recipient"),
    )
    event = models.ForeignKey(
        EditorialEvent,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("event"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event"], name="cooperation_notification_once"
            )
        ]

    def __str__(self):
        return f"{self.recipient}: {self.event}"
