"""International organizations, their areas of work and the agendas they work under."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.images import validate_image_upload
from cooperation.rich_text import RichTextField

from .dates import PreciseDatesMixin, precision_field
from .publishing import Publishable
from .translation import translated


class Framework(Publishable):
    """An international agenda or instrument an organization works under (e.g. the 2030 Agenda)."""

    name = translated(models.CharField(_("name"), max_length=255, unique=True))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = translated(models.TextField(_("description"), blank=True))
    website = models.URLField(_("website"), blank=True)

    class Meta(Publishable.Meta):
        ordering = ["name_en"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return self.name


class Organization(PreciseDatesMixin, Publishable):
    """An international organization Belarus cooperates with, and the facts about it."""

    name = translated(models.CharField(_("name"), max_length=255, unique=True))
    acronym = translated(models.CharField(_("acronym"), max_length=20, blank=True))
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of the page's address.")
    )
    summary = translated(
        models.TextField(
            _("summary"), help_text=_("One or two sentences shown first on the page and in lists.")
        )
    )
    body = translated(
        RichTextField(_("body"), blank=True, help_text=_("Further text about the organization."))
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded (year)"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    headquarters = translated(models.CharField(_("headquarters"), max_length=255, blank=True))
    member_states = models.PositiveSmallIntegerField(_("member states"), null=True, blank=True)
    observers = translated(
        models.CharField(
            _("observers"),
            max_length=255,
            blank=True,
            help_text=_("Observer status as the sources state it, e.g. 'A number of countries'."),
        )
    )
    offices = translated(
        models.CharField(
            _("offices"),
            max_length=255,
            blank=True,
            help_text=_(
                "Where it has offices, e.g. 'In more than 100 countries around the world'."
            ),
        )
    )
    head_title = translated(
        models.CharField(
            _("head's title"), max_length=100, blank=True, help_text=_("E.g. 'Director General'.")
        )
    )
    head_name = translated(models.CharField(_("head's name"), max_length=255, blank=True))
    head_elected_on = models.DateField(_("head elected on"), null=True, blank=True)
    head_elected_precision = precision_field(_("precision of the election date"))
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_image_upload,
        ],
        help_text=_("A JPEG, PNG or WebP image of at most 2 MB."),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_alt = translated(
        models.CharField(
            _("logo's text alternative"),
            max_length=255,
            blank=True,
            help_text=_("What the logo says to someone who cannot see it, e.g. 'IOM logo'."),
        )
    )
    frameworks = models.ManyToManyField(
        Framework, blank=True, related_name="organizations", verbose_name=_("frameworks")
    )
    frameworks_summary = translated(
        models.TextField(
            _("frameworks summary"),
            blank=True,
            help_text=_("A sentence on the organization's role in the frameworks it works under."),
        )
    )

    precise_dates = (("head_elected_on", "head_elected_precision"),)

    class Meta(Publishable.Meta):
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True) | Q(founded_year__gte=1800),
                name="cooperation_organization_founded_year_plausible",
            ),
        ]

    def __str__(self):
        # How an organization names itself: "International Organization for Migration (IOM)".
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("cooperation:organization-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.logo and not self.logo_alt_en.strip():
            raise ValidationError(
                {"logo_alt_en": _("Describe the logo for people who cannot see it.")}
            )

    @property
    def short_name(self):
        return self.acronym or self.name


class FocusArea(Publishable):
    """One of an organization's ordered areas of work, e.g. 'migration and development'."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("organization"),
    )
    name = translated(models.CharField(_("name"), max_length=255))
    description = translated(models.TextField(_("description"), blank=True))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Areas are listed from the lowest number up.")
    )

    natural_key_fields = ("name_en", "organization")

    class Meta(Publishable.Meta):
        ordering = ["organization", "order", "name_en"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["organization", "name_en"], name="cooperation_focusarea_unique_name"
            ),
        ]

    def __str__(self):
        return self.name
