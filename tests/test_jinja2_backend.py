"""The public templates' backend: one compiled set per language, interface strings
translated when a template is compiled."""

from django.template import engines
from django.utils import translation


def render(source, language, **context):
    with translation.override(language):
        return engines["jinja2"].from_string(source).render(context)


def test_interface_strings_are_in_the_active_language():
    # "January" and "Yes" are in Django's own catalogs, so every language has them.
    source = '{{ _("January") }} / {{ gettext("Yes") }}'
    assert render(source, "en") == "January / Yes"
    assert render(source, "ru") == "Январь / Да"
    assert render(source, "be") == "студзеня / Так"


def test_a_literal_string_is_translated_once_when_compiled_not_when_rendered():
    # Were _() called at render time, the context's _ would answer.
    assert render('{{ _("Yes") }}', "ru", _=lambda message: "called") == "Да"


def test_the_same_template_name_compiles_once_per_language():
    with translation.override("en"):
        english = engines["jinja2"].get_template("includes/breadcrumbs.html").template
    with translation.override("ru"):
        russian = engines["jinja2"].get_template("includes/breadcrumbs.html").template
    assert english is not russian
    assert english.environment is not russian.environment


def test_translations_with_variables_escape_the_variables():
    source = '{{ _("Page %(number)s", number=n) }}'
    assert render(source, "en", n="<b>") == "Page &lt;b&gt;"


def test_an_unknown_language_gets_the_default_languages_templates():
    assert render('{{ _("Yes") }}', "xx") == "Yes"
