"""Dates in each language's grammar, with exactly the precision the content knows."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from cooperation.models.dates import DatePrecision, format_precise_date

DAY = (datetime.date(2005, 11, 29), DatePrecision.DAY)
MONTH = (datetime.date(1996, 12, 1), DatePrecision.MONTH)
YEAR = (datetime.date(1994, 1, 1), DatePrecision.YEAR)


@pytest.mark.parametrize(
    ("language", "date", "shown"),
    [
        ("en", DAY, "29 November 2005"),
        ("en", MONTH, "December 1996"),
        ("en", YEAR, "1994"),
        ("ru", DAY, "29 ноября 2005 г."),
        ("ru", MONTH, "декабрь 1996 г."),
        ("ru", YEAR, "1994 г."),
        ("be", DAY, "29 лістапада 2005 г."),
        ("be", MONTH, "снежань 1996 г."),
        ("be", YEAR, "1994 г."),
    ],
)
def test_a_precise_date_reads_in_the_languages_grammar(language, date, shown):
    with translation.override(language):
        assert format_precise_date(*date) == shown


BELARUSIAN_MONTHS = [
    # (after a day number, before a year), in the official spelling.
    ("студзеня", "студзень"),
    ("лютага", "люты"),
    ("сакавіка", "сакавік"),
    ("красавіка", "красавік"),
    ("траўня", "травень"),
    ("чэрвеня", "чэрвень"),
    ("ліпеня", "ліпень"),
    ("жніўня", "жнівень"),
    ("верасня", "верасень"),
    ("кастрычніка", "кастрычнік"),
    ("лістапада", "лістапад"),
    ("снежня", "снежань"),
]


@pytest.mark.parametrize(("month", "names"), list(enumerate(BELARUSIAN_MONTHS, start=1)))
def test_belarusian_month_names_are_in_the_official_spelling(month, names):
    # Django's own Belarusian catalog spells December "сьнежня" (classical) and gives the
    # genitive where the nominative is meant; the site's catalog corrects both.
    value = datetime.date(2026, month, 2)
    with translation.override("be"):
        shown = (
            date_format(value, "DATE_FORMAT"),
            format_precise_date(value, DatePrecision.MONTH),
        )
    after_day, before_year = names
    assert shown == (f"2 {after_day} 2026 г.", f"{before_year} 2026 г.")


def test_a_last_updated_stamp_uses_the_languages_date_format():
    value = datetime.date(2026, 12, 2)
    shown = {}
    for language in ("en", "ru", "be"):
        with translation.override(language):
            shown[language] = date_format(value, "DATE_FORMAT")
    assert shown == {"en": "2 December 2026", "ru": "2 декабря 2026 г.", "be": "2 снежня 2026 г."}
