"""Cooperation projects and the themes they are filed under."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.rich_text import RichTextField

from .dates import PreciseDatesMixin, precision_field
from .institutions import Institution
from .organizations import Organization
from .publishing import Publishable
from .translation import translated


class Theme(Publishable):
    """A subject projects are filed under, e.g. 'combating human trafficking'."""

    name = translated(models.CharField(_("name"), max_length=255, unique=True))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = translated(models.TextField(_("description"), blank=True))

    class Meta(Publishable.Meta):
        ordering = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:project-list") + f"?theme={self.slug}"


class Stage(models.TextChoices):
    """Where a project stands in its own life — not its publishing status."""

    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class Project(PreciseDatesMixin, Publishable):
    """A project carried out in Belarus with an organization."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("organization"),
    )
    title = translated(models.CharField(_("title"), max_length=255))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("theme")
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage, default=Stage.ONGOING)
    summary = translated(
        models.TextField(_("summary"), help_text=_("One or two sentences for lists."))
    )
    body = translated(RichTextField(_("body"), blank=True))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_precision = precision_field(_("precision of the start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_precision = precision_field(_("precision of the end date"))
    partners = models.ManyToManyField(
        Institution, blank=True, related_name="projects", verbose_name=_("partners")
    )

    precise_dates = (("start_date", "start_precision"), ("end_date", "end_precision"))

    class Meta(Publishable.Meta):
        # The primary key last: projects with the same title keep their pages in the list.
        ordering = ["title_en", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="cooperation_project_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="cooperation_project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:project-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A project cannot end before it starts.")})
