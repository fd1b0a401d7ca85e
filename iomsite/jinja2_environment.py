"""The Jinja2 environment for the public pages.

The public pages are Jinja2 templates (``templates/jinja2/``): Jinja2 compiles a template
to Python once, and renders the IOM page several times faster than the Django template
language, which interprets every node on every request. The admin keeps Django's
templates. What the pages need from Django is here: translation (``_()``,
``{% trans %}``), ``url()``, ``static()``, dates in the active language, and the few
filters they use.
"""

from functools import lru_cache

from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.utils import translation
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from jinja2 import Environment
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup

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


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n", CompileTimeTranslations], **options)
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
