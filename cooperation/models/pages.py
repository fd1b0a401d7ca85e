"""Free-standing pages of site copy, such as the home page's introduction."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.rich_text import RichTextField

from .publishing import Publishable
from .translation import translated


class Page(Publishable):
    """A page of text; the one with slug ``home`` introduces the home page."""

    HOME = "home"

    title = translated(models.CharField(_("title"), max_length=255))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = translated(
        models.TextField(
            _("summary"), blank=True, help_text=_("Lead paragraph; also the page's description.")
        )
    )
    body = translated(RichTextField(_("body"), blank=True))
    in_footer = models.BooleanField(
        _("link from the footer"),
        default=False,
        help_text=_("List this page in every page's footer, e.g. the accessibility statement."),
    )

    class Meta(Publishable.Meta):
        ordering = ["title_en"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == self.HOME:
            return reverse("cooperation:home")
        return reverse("cooperation:page-detail", kwargs={"slug": self.slug})
