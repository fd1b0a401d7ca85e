"""The three languages in the admin: each text's English, Russian and Belarusian side by side.

Admin classes name a translated field by its base name (``"name"``, ``"summary"``) in their
fields, fieldsets and search fields (prepopulated fields name the English column); here it
becomes a row of its columns, each labelled with its language in that language's own name
and marked with ``lang`` for screen readers and spelling checkers. English is required
wherever the field is; the translations are optional. Lists show which languages an item
lacks and filter by it.
"""

from functools import cache

from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cooperation.models.translation import (
    LANGUAGE_CODES,
    SOURCE_LANGUAGE,
    TRANSLATION_LANGUAGES,
    column,
    lacks_translation,
    language_label,
    language_name,
    missing_languages,
    translated_fields,
)


def language_columns(model) -> dict[str, tuple[str, str]]:
    """Every translated column of ``model``: ``{"name_ru": ("name", "ru"), …}``."""
    return {
        column(name, language): (name, language)
        for name in translated_fields(model)
        for language in LANGUAGE_CODES
    }


def expand(model, fields):
    """Fields as admin options list them, with each translated field — named by its base
    name, or by its columns as Django lists a form's fields — as one row of its columns."""
    names = translated_fields(model)
    columns = language_columns(model)
    expanded, seen = [], set()
    for field in fields:
        if isinstance(field, (list, tuple)):
            row = []
            for part in field:
                row += [column(part, code) for code in LANGUAGE_CODES] if part in names else [part]
            expanded.append(tuple(dict.fromkeys(row)))
            continue
        base = field if field in names else columns.get(field, (None,))[0]
        if base is None:
            expanded.append(field)
        elif base not in seen:
            seen.add(base)
            expanded.append(tuple(column(base, code) for code in LANGUAGE_CODES))
    return expanded


@cache
def translated_column(model, name):
    """A list column showing ``name`` in the admin's language (English where it lacks one),
    sorted by the English column."""
    field = model._meta.get_field(column(name, SOURCE_LANGUAGE))

    @admin.display(description=field.verbose_name, ordering=field.name)
    def show(obj):
        return getattr(obj, name)

    show.__name__ = name
    return show


class TranslatedFormFieldsMixin:
    """For ModelAdmins and inlines: translated columns grouped, labelled and marked."""

    def get_fields(self, request, obj=None):
        return expand(self.model, super().get_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": expand(self.model, options["fields"])})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        name_language = language_columns(self.model).get(db_field.name)
        if formfield is not None and name_language is not None:
            _name, language = name_language
            formfield.label = f"{capfirst(db_field.verbose_name)} ({language_name(language)})"
            formfield.widget.attrs["lang"] = language
        return formfield


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [
            (
                language,
                _("No %(language)s translation") % {"language": language_label(language)},
            )
            for language in TRANSLATION_LANGUAGES
        ]

    def queryset(self, request, queryset):
        if self.value() in TRANSLATION_LANGUAGES:
            return queryset.filter(lacks_translation(queryset.model, self.value()))
        return queryset


class TranslatedListMixin:
    """For ModelAdmins: translated search, a "missing translations" column and filter."""

    def get_search_fields(self, request):
        # The model's own translated fields; a related one is named by its columns.
        names = translated_fields(self.model)
        fields = []
        for field in super().get_search_fields(request):
            if field in names:
                fields += [column(field, code) for code in LANGUAGE_CODES]
            else:
                fields.append(field)
        return fields

    def get_list_display(self, request):
        names = translated_fields(self.model)
        return [
            *(
                translated_column(self.model, f) if f in names else f
                for f in super().get_list_display(request)
            ),
            "missing_translations",
        ]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj):
        missing = missing_languages(obj)
        return ", ".join(language_label(code) for code in missing) or "—"
