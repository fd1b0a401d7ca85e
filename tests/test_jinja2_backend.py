"""The public templates' backend: one compiled set per language, interface strings
translated when a template is compiled."""

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from markupsafe import Markup
from markupsafe import escape as markup_escape

from iomsite.jinja2_environment import output_escape


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


HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "Tom & Jerry's <b>",
    "",
    "plain text",
    Markup("<em>already safe</em>"),
    mark_safe("<strong>Django's safe string</strong>"),
    gettext_lazy("Home"),
    42,
    None,
    3.5,
]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_a_printed_value_is_escaped_exactly_as_markupsafe_escapes_it(value):
    with translation.override("en"):  # the lazy string's language, whatever ran before
        expected = str(markup_escape(value))
        assert output_escape(value) == expected
    assert render("{{ value }}", "en", value=value) == expected


def test_printed_values_go_through_the_fast_escape_and_filters_keep_markupsafe_s():
    template = engines["jinja2"].from_string("{{ value }}").template
    assert template.root_render_func.__globals__["escape"] is output_escape
    # |e gives Markup, so a value escaped on purpose is not escaped twice when printed.
    assert render("{{ value|e }}", "en", value="<b>") == "&lt;b&gt;"


def test_blocks_and_macros_with_printed_values_stay_markup_and_are_not_escaped_twice():
    source = (
        "{% macro card(v) %}<p>{{ v }}</p>{% endmacro %}"
        "{% set block %}<i>{{ value }}</i>{% endset %}"
        "{{ card(value) }}{{ block }}"
    )
    assert render(source, "en", value="<b>") == "<p>&lt;b&gt;</p><i>&lt;b&gt;</i>"
