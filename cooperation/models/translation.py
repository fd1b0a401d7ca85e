"""Text in the site's three languages: a real column per language, English the fallback.

``translated(models.CharField(...))`` gives a model ``name_en``, ``name_ru`` and ``name_be``
(django-translated-fields) and an attribute ``name`` that reads the active language's column,
or the English one where that is empty. English is the source every page can fall back to,
so it alone may be required; only the English column of a unique field is unique (blank
Russian and Belarusian values must not collide), and natural keys use it.
"""

from functools import cache, reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from translated_fields import TranslatedField, to_attribute

# settings.LANGUAGES lists English first: the source language and the fallback.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = LANGUAGE_CODES[0]
TRANSLATION_LANGUAGES = LANGUAGE_CODES[1:]


def language_name(code: str) -> str:
    """A language's name in itself: "English", "Русский", "Беларуская"."""
    return capfirst(get_language_info(code)["name_local"])


def language_label(code: str) -> str:
    """A language's name in the active language: "Russian", "Русский", "Руская"."""
    return str(dict(settings.LANGUAGES)[code])


# The alphabets' own order: code points put і, ў and ё after я.
ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
}


def alphabetical(text: str, language: str | None = None) -> str:
    """A sort key for ``text`` in ``language``'s alphabetical order (the active language's
    by default); apostrophes are not letters."""
    return text.casefold().translate(_alphabet_table(language or get_language()))


@cache
def _alphabet_table(language: str) -> dict:
    # The alphabet's letters become consecutive characters in a private-use range, in
    # order, so that a plain string comparison follows the alphabet.
    table = {ord(c): chr(0xE000 + i) for i, c in enumerate(ALPHABETS.get(language, ""))}
    return table | {ord("'"): None, ord("\u2019"): None}


def translated(field) -> TranslatedField:
    """The field once per language; the translations optional and never unique."""
    specific = {"blank": True}
    # Read from deconstruct(): reading field.unique would cache True on the field, and the
    # translations are copies of it.
    if field.deconstruct()[3].get("unique"):
        specific["unique"] = False
    return TranslatedField(
        field, dict.fromkeys(TRANSLATION_LANGUAGES, specific), attrgetter=fallback_to_english
    )


def fallback_to_english(name, field):
    """The getter of ``obj.<name>``: the active language's column, else the English one.
    (django-translated-fields' own ``fallback_to_default`` rebuilds the column's name with a
    regular expression on every read; a page reads some thousand of them.)"""
    columns = {code: column(name, code) for code in field.languages}
    source = columns[SOURCE_LANGUAGE]

    def getter(obj):
        active = columns.get(get_language())
        return (getattr(obj, active) if active else "") or getattr(obj, source)

    return getter


def translated_fields(model) -> dict[str, TranslatedField]:
    """The model's translated fields by their base name (``"name"``, ``"summary"``…)."""
    found = {}
    for klass in reversed(model.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, TranslatedField):
                found[name] = value
    return found


@cache
def column(name: str, language: str) -> str:
    """``column("name", "ru")`` is ``"name_ru"``."""
    return to_attribute(name, language)


def is_fallback(obj, name: str, language: str) -> bool:
    """Whether ``obj.<name>`` in ``language`` shows the English text for want of a translation."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGE_CODES:
        return False
    return not getattr(obj, column(name, language)) and bool(
        getattr(obj, column(name, SOURCE_LANGUAGE))
    )


def missing_languages(obj) -> list[str]:
    """The translation languages in which some text ``obj`` has in English is missing."""
    names = translated_fields(type(obj))
    return [
        language
        for language in TRANSLATION_LANGUAGES
        if any(is_fallback(obj, name, language) for name in names)
    ]


# The texts that make an item's page: its title, its lead and its body. A page counts as
# translated — for its hreflang alternates and the sitemap — once these are; a smaller text
# still in English (a person's name whose official spelling is not certain, say) is marked
# on the page instead.
PAGE_TEXTS = ("name", "title", "summary", "body")


def is_translated(obj, language: str) -> bool:
    """The texts of ``obj``'s page (:data:`PAGE_TEXTS`) that exist in English exist in
    ``language`` too."""
    names = translated_fields(type(obj))
    return not any(is_fallback(obj, name, language) for name in PAGE_TEXTS if name in names)


def is_wholly_translated(obj, language: str) -> bool:
    """Every text ``obj`` has in English is there in ``language`` too."""
    return not any(is_fallback(obj, name, language) for name in translated_fields(type(obj)))


def lacks_translation(model, language) -> Q:
    """Items with some text in English but not in ``language``."""
    conditions = [
        Q(**{column(name, language): ""}) & ~Q(**{column(name, SOURCE_LANGUAGE): ""})
        for name in translated_fields(model)
    ]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])
