"""Belarus' relationship with one organization, and the dated events of it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.rich_text import RichTextField

from .dates import DatePrecision, PreciseDatesMixin, precision_field
from .institutions import Institution
from .organizations import Organization
from .projects import Theme
from .publishing import Publishable
from .translation import translated


class Cooperation(PreciseDatesMixin, Publishable):
    """The Republic of Belarus' cooperation with one international organization."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="cooperation",
        verbose_name=_("organization"),
    )
    policy_priority = translated(
        models.CharField(
            _("place in foreign policy"),
            max_length=255,
            blank=True,
            help_text=_("E.g. 'A foreign policy priority of the Republic of Belarus'."),
        )
    )
    participating_since = models.PositiveSmallIntegerField(
        _("participating since (year)"), null=True, blank=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_since_precision = precision_field(_("precision of the membership date"))
    membership_note = translated(
        models.CharField(
            _("how membership came about"),
            max_length=255,
            blank=True,
            help_text=_("E.g. 'During the 90th session of the IOM Council'."),
        )
    )
    coordinating_body = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_cooperations",
        verbose_name=_("coordinating body"),
        help_text=_("The national body that coordinates the cooperation."),
    )
    priority_themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="priority_in",
        verbose_name=_("priority project areas"),
        help_text=_("The areas to which the organization's projects in Belarus give most weight."),
    )
    summary = translated(models.TextField(_("summary"), blank=True))
    body = translated(RichTextField(_("body"), blank=True))

    precise_dates = (("member_since", "member_since_precision"),)
    natural_key_fields = ("organization",)

    class Meta(Publishable.Meta):
        ordering = ["organization__name_en"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperation")

    def __str__(self):
        return _("Belarus and %(organization)s") % {"organization": self.organization.short_name}

    def get_absolute_url(self):
        return self.organization.get_absolute_url() + "#cooperation"


class Milestone(PreciseDatesMixin, Publishable):
    """A dated event of Belarus' cooperation with an organization, its date stored with the
    precision the sources give. It is public when the cooperation is."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("organization"),
    )
    date = models.DateField(_("date"))
    date_precision = precision_field(_("date precision"))
    title = translated(models.CharField(_("title"), max_length=255))
    description = translated(models.TextField(_("description"), blank=True))

    precise_dates = (("date", "date_precision"),)
    natural_key_fields = ("date", "title_en", "organization")

    class Meta(Publishable.Meta):
        ordering = ["date", "title_en"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["organization", "date", "title_en"], name="cooperation_milestone_unique"
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
                name="cooperation_milestone_precision_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.organization.get_absolute_url() + "#timeline"
