"""The Jinja2 environment for the public pages.

The public pages are Jinja2 templates (``templates/jinja2/``): Jinja2 compiles a template
to Python once, and renders the IOM page several times faster than the Django template
language, which interprets every node on every request. The admin keeps Django's
templates. What the pages need from Django is here: translation (``_()``,
``{% trans %}``), ``url()``, ``static()``, dates in the active language, and the few
filters they use.
"""

from functools import lru_cache

import jinja2
from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.utils import translation
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from jinja2 import Environment
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup
from markupsafe import escape as markup_escape

try:  # markupsafe's C escaping of a str, without the Markup it is wrapped in
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: its public escape

    def _escape_inner(text: str) -> str:
        return str(markup_escape(text))


from cooperation.links import language_links, link, static_link
from cooperation.models.dates import precise_date_html


# A page asks for some fifty interface strings. Django looks each one up through the
# active language's catalogs; the answer for a (language, string) pair cannot change while
# the process runs, so it is looked up once. Bounded, like every cache here.
@lru_cache(maxsize=4096)
def _translated(language, message):
    return Markup(translation.gettext(message))


@lru_cache(maxsize=1024)
def _translated_plural(language, singular, plural, number):
    # Plural rules depend on the number; it is part of the key (page and item counts).
    return Markup(translation.ngettext(singular, plural, number))


# What Jinja2's "newstyle" gettext does (a translation is markup; the variables it is
# formatted with are escaped), without its per-call indirections.
def gettext(message: str, **variables) -> Markup:
    return _translated(get_language(), message) % variables


def ngettext(singular: str, plural: str, number: int, **variables) -> Markup:
    variables.setdefault("num", number)
    return _translated_plural(get_language(), singular, plural, number) % variables


class CompileTimeTranslations(Extension):
    """Translates ``_("literal")`` and ``gettext("literal")`` when a template is compiled.

    An environment that has a ``translation_language`` (``iomsite.jinja2_backend`` makes
    one per language) compiles its templates with their interface strings already
    translated, as if written in that language: about fifty fewer calls a page. The
    translation is markup, as Jinja2's newstyle gettext makes it. Calls with variables,
    plurals, ``{% trans %}`` blocks and strings with a ``%`` sign are left to run time.
    """

    FUNCTIONS = frozenset({"_", "gettext"})

    def filter_stream(self, stream):
        language = getattr(self.environment, "translation_language", None)
        tokens = list(stream)
        i = 0
        while i < len(tokens):
            call = tokens[i : i + 4]
            if language and self._translatable(call, tokens[i - 1] if i else None):
                name, _lparen, message, _rparen = call
                with translation.override(language):
                    text = translation.gettext(message.value)
                # ("translated"|safe): a constant Jinja2 folds into the template's text.
                line = name.lineno
                yield Token(line, "lparen", "(")
                yield Token(line, "string", text)
                yield Token(line, "pipe", "|")
                yield Token(line, "name", "safe")
                yield Token(line, "rparen", ")")
                i += 4
            else:
                yield tokens[i]
                i += 1

    def _translatable(self, call, previous) -> bool:
        return (
            [token.type for token in call] == ["name", "lparen", "string", "rparen"]
            and call[0].value in self.FUNCTIONS
            and "%" not in call[2].value
            and (previous is None or previous.type != "dot")  # not an attribute: x._("…")
        )


def output_escape(value) -> str:
    """``{{ value }}`` as HTML: exactly what markupsafe's ``escape()`` gives, as a plain
    string. What a template prints is joined into the page at once, so wrapping each value
    in a new Markup only to join it is wasted: 300 to 400 ns a value against some 60, and
    the organization page prints about 180 values."""
    if type(value) is str:  # the common case, as in markupsafe (a proxy may fake __class__)
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class Template(jinja2.Template):
    """Jinja2's template, printing values through :func:`output_escape`.

    A compiled template calls the ``escape`` of its module's namespace for every value it
    prints with autoescaping on, and for nothing else (``|e`` and ``|escape`` are filters,
    and a ``{% set %}`` block, a macro or a ``{% call %}`` body is wrapped in Markup as it is
    joined); the namespace is the template's own, so only the printing changes.
    """

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__
        if namespace.get("escape") is markup_escape:
            namespace["escape"] = output_escape
        return template


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n", CompileTimeTranslations], **options)
    env.template_class = Template
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        gettext=gettext,
        ngettext=ngettext,
        _=gettext,
        url=link,
        static=static_link,
        get_language=get_language,
        language_links=language_links,
        precise_date=precise_date_html,
    )
    env.filters.update(
        # In the site's time zone, as the Django template language shows datetimes.
        date=lambda value, arg=None: date(template_localtime(value), arg),
        truncatechars=truncatechars,
        linebreaksbr=lambda value: linebreaksbr(value, autoescape=True),
    )
    return env
