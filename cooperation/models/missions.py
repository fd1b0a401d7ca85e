"""Belarus' diplomatic missions abroad: embassies, consulates and permanent missions."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .organizations import Organization
from .publishing import Publishable
from .translation import translated


class DiplomaticMission(Publishable):
    """An embassy, consulate or permanent mission of the Republic of Belarus."""

    class Kind(models.TextChoices):
        PERMANENT_MISSION = "permanent_mission", _("Permanent mission")
        EMBASSY = "embassy", _("Embassy")
        CONSULATE_GENERAL = "consulate_general", _("Consulate general")
        CONSULATE = "consulate", _("Consulate")

    # Headings for lists of one kind, in the order of Kind.
    KIND_PLURALS = {
        Kind.PERMANENT_MISSION: _("Permanent missions"),
        Kind.EMBASSY: _("Embassies"),
        Kind.CONSULATE_GENERAL: _("Consulates general"),
        Kind.CONSULATE: _("Consulates"),
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.EMBASSY)
    name = translated(models.CharField(_("name"), max_length=255, unique=True))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = translated(models.CharField(_("country"), max_length=100))
    city = translated(models.CharField(_("city"), max_length=100, blank=True))
    address = translated(models.TextField(_("address"), blank=True))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    head_title = translated(models.CharField(_("head's title"), max_length=100, blank=True))
    head_name = translated(models.CharField(_("head of mission"), max_length=255, blank=True))
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="missions",
        verbose_name=_("organizations covered"),
        help_text=_("International organizations this mission represents Belarus to."),
    )

    class Meta(Publishable.Meta):
        ordering = ["country_en", "name_en"]
        verbose_name = _("diplomatic mission")
        verbose_name_plural = _("diplomatic missions")
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(
                    kind__in=["embassy", "permanent_mission", "consulate_general", "consulate"]
                ),
                name="cooperation_diplomaticmission_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:mission-detail", kwargs={"slug": self.slug})
