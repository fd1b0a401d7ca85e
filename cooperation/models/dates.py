"""Dates known to a year, a month or a day: stored with their precision, shown as exactly that."""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


def truncate_to_precision(value: datetime.date, precision: str) -> datetime.date:
    """The canonical stored form: 1 January for a year, the 1st for a month."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


# A month standing alone before its year ("декабрь 1996 г.", "снежань 1996 г."): Django's
# own month names are capitalized in Russian and in the genitive, classical spelling in
# Belarusian, so the site's catalogs carry these.
MONTHS_BEFORE_YEAR = {
    1: pgettext_lazy("month before a year", "January"),
    2: pgettext_lazy("month before a year", "February"),
    3: pgettext_lazy("month before a year", "March"),
    4: pgettext_lazy("month before a year", "April"),
    5: pgettext_lazy("month before a year", "May"),
    6: pgettext_lazy("month before a year", "June"),
    7: pgettext_lazy("month before a year", "July"),
    8: pgettext_lazy("month before a year", "August"),
    9: pgettext_lazy("month before a year", "September"),
    10: pgettext_lazy("month before a year", "October"),
    11: pgettext_lazy("month before a year", "November"),
    12: pgettext_lazy("month before a year", "December"),
}


def format_year(year: int) -> str:
    """A year as a date: '1994', '1994 г.'."""
    return pgettext("a date known to the year", "%(year)s") % {"year": year}


def format_precise_date(value: datetime.date | None, precision: str) -> str:
    """What is known, in the active language's grammar: '1994', 'December 1996',
    '29 November 2005'; '1994 г.', 'декабрь 1996 г.', '29 ноября 2005 г.'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return format_year(value.year)
    if precision == DatePrecision.MONTH:
        return pgettext("a date known to the month", "%(month)s %(year)s") % {
            "month": MONTHS_BEFORE_YEAR[value.month],
            "year": value.year,
        }
    # The language's DATE_FORMAT (iomsite/formats): the month after a day number in the
    # genitive ("E") in Russian and Belarusian.
    return date_format(value, "DATE_FORMAT")


def machine_precise_date(value: datetime.date | None, precision: str) -> str:
    """The HTML ``<time datetime>`` form: '1994', '1996-12' or '2005-11-29'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def precision_field(verbose_name, **kwargs):
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("How much of the date is known: the year only, the month, or the day."),
        **kwargs,
    )


class PreciseDatesMixin:
    """Stores each (date, precision) pair named in ``precise_dates`` in its canonical form.

    An editor who enters 15 June 2018 with "month" precision means June 2018;
    storing 1 June 2018 keeps ordering, uniqueness and natural keys stable.
    """

    precise_dates: tuple[tuple[str, str], ...] = ()

    def normalize_precise_dates(self):
        for date_field, precision_field_name in self.precise_dates:
            value = getattr(self, date_field)
            if value:
                precision = getattr(self, precision_field_name)
                setattr(self, date_field, truncate_to_precision(value, precision))

    def clean(self):
        super().clean()
        self.normalize_precise_dates()

    def save(self, *args, **kwargs):
        self.normalize_precise_dates()
        super().save(*args, **kwargs)


def precise_date_html(value: datetime.date | None, precision: str) -> str:
    """``<time datetime="1996-12">December 1996</time>``, or nothing for no date."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        machine_precise_date(value, precision),
        format_precise_date(value, precision),
    )
