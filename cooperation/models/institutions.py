"""National and international bodies the content names."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import PreciseDatesMixin, precision_field
from .publishing import Publishable
from .translation import translated


class Institution(PreciseDatesMixin, Publishable):
    """A body named by the content, e.g. the Ministry of Internal Affairs or a training centre."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National body")
        INTERNATIONAL = "international", _("International body")

    name = translated(models.CharField(_("name"), max_length=255, unique=True))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.NATIONAL)
    city = translated(models.CharField(_("city"), max_length=100, blank=True))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    established_precision = precision_field(_("precision of the establishment date"))
    description = translated(models.TextField(_("description"), blank=True))
    website = models.URLField(_("website"), blank=True)
    in_missions_selector = models.BooleanField(
        _("offer in the 'Go to' selector"),
        default=False,
        help_text=_(
            "List this institution's website in the diplomatic missions selector at the "
            "foot of every page (e.g. the Foreign Ministry). Needs a website."
        ),
    )

    publishes_site = models.BooleanField(
        _("publishes this site"),
        default=False,
        help_text=_(
            "The body whose site this is (the Foreign Ministry): named in every page's header "
            "and footer, and as the publisher in the pages' structured data. One at most."
        ),
    )

    precise_dates = (("established_on", "established_precision"),)

    class Meta(Publishable.Meta):
        ordering = ["name_en"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(kind__in=["national", "international"]),
                name="cooperation_institution_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["publishes_site"],
                condition=models.Q(publishes_site=True),
                name="cooperation_institution_one_publisher",
                violation_error_message=_("Another institution already publishes this site."),
            ),
            models.CheckConstraint(
                condition=models.Q(in_missions_selector=False) | ~models.Q(website=""),
                name="cooperation_institution_selector_needs_website",
                violation_error_message=_(
                    "An institution offered in the 'Go to' selector needs a website."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.in_missions_selector and not self.website:
            raise ValidationError(
                {"website": _("An institution offered in the 'Go to' selector needs a website.")}
            )
