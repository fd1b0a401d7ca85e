"""The Jinja2 environment for the public pages (``templates/jinja2/``).

Jinja2 compiles a template to Python once per process and renders the public pages
faster than the Django template language; the admin keeps Django's templates. What the
pages need from Django is here: translations (``_()``, ``{% trans %}``), ``url()``,
``static()``, the page's language links, dates with their precision, and a few filters.
"""

from django.conf import settings
from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.timezone import template_localtime
from jinja2 import Environment

from cooperation.models.dates import format_year, precise_date_html
from cooperation.models.translation import language_name
from cooperation.translated_text import lang, text


def url(name: str, **kwargs) -> str:
    """``url("cooperation:project-detail", slug=...)``: the address in the active language."""
    return reverse(name, kwargs=kwargs or None)


def language_links(request) -> list[tuple[str, str, str]]:
    """(code, the language's name in itself, url) of this page in every language of the site.

    Built from the request's path, so it must stay a path on this site: ``//other.host/…``
    would be a link to another host, so repeated leading slashes become one.
    """
    path = "/" + request.get_full_path().lstrip("/")
    return [
        (code, language_name(code), translate_url(path, code)) for code, _name in settings.LANGUAGES
    ]


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(
        url=url,
        static=static,
        get_language=translation.get_language,
        language_links=language_links,
        precise_date=precise_date_html,
        year=format_year,
        lang=lang,
        text=text,
    )
    env.filters.update(
        # In the site's time zone, as the Django template language shows datetimes.
        date=lambda value, arg=None: date(template_localtime(value), arg),
        truncatechars=truncatechars,
        linebreaksbr=lambda value: linebreaksbr(value, autoescape=True),
    )
    return env
