"""The publishing fields every editable model carries, and the one rule for what the public sees."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .natural_keys import NaturalKeyModel, NaturalKeyQuerySetMixin


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class PublishableQuerySet(NaturalKeyQuerySetMixin, models.QuerySet):
    """Every public view starts from ``published()``."""

    def published(self):
        """Published, and due: no publication time, or one that has passed."""
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now()),
            status=Status.PUBLISHED,
        )


class Publishable(NaturalKeyModel):
    """Abstract base: status, scheduled publication, timestamps and a natural key."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Only published items are shown to the public."),
    )
    publish_at = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Leave empty to show a published item at once; a future time schedules it."),
    )
    # Defaults rather than auto_now(_add), so that raw saves (loaddata) get them too.
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    objects = PublishableQuerySet.as_manager()
    # Who changed what and when, field by field, for every content model; restorable.
    history = HistoricalRecords(inherit=True)

    class Meta(NaturalKeyModel.Meta):
        abstract = True
        # "publish_<model>": publishing, unpublishing and scheduling are a permission
        # of their own, which Publishers hold and Editors do not.
        default_permissions = ("add", "change", "delete", "view", "publish")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )
