"""Translated text on the public pages, marked where English stands in for a translation.

A text a page shows in the active language, or in English where it has no translation yet.
English standing in is marked ``lang="en"`` (WCAG 3.1.2), so that a screen reader reads it
with an English voice rather than a Russian or Belarusian one.
"""

from django.utils import translation
from markupsafe import Markup, escape

from cooperation.models.translation import SOURCE_LANGUAGE, is_fallback


def lang(obj, name: str) -> Markup:
    """`` lang="en"`` for an element whose text is English standing in for a missing
    translation (WCAG 3.1.2), else nothing: ``<p{{ lang(page, "summary") }}>``."""
    if is_fallback(obj, name, translation.get_language()):
        return Markup(' lang="{}"').format(SOURCE_LANGUAGE)
    return Markup("")


def text(obj, name: str) -> Markup:
    """``obj.<name>`` escaped, wrapped in ``<span lang="en">`` where it stands in for a
    missing translation: for text that shares its element with other words."""
    value = getattr(obj, name)
    if is_fallback(obj, name, translation.get_language()):
        return Markup('<span lang="{}">{}</span>').format(SOURCE_LANGUAGE, value)
    return escape(value)
