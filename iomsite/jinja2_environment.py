"""The Jinja2 environment for the public pages (``templates/jinja2/``).

Jinja2 compiles a template to Python once per process and renders the public pages
faster than the Django template language; the admin keeps Django's templates. What the
pages need from Django is here: translations (``_()``, ``{% trans %}``), ``url()``,
``static()``, the page's language links, dates with their precision, what the head says about
the page to machines (canonical address, Open Graph locale, JSON-LD), and a few filters.
"""

from django.conf import settings
from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.timezone import template_localtime
from jinja2 import Environment, pass_context
from markupsafe import Markup

from cooperation.models.dates import format_year, precise_date_html
from cooperation.models.translation import language_name
from cooperation.structured_data import json_ld_script, page_graph
from cooperation.translated_text import lang, text

from .canonical_urls import canonical_url

# Open Graph names a language with its country: the site's English is British (its spelling,
# its dates), its Belarusian and Russian those of Belarus and Russia.
OPEN_GRAPH_LOCALES = {"en": "en_GB", "ru": "ru_RU", "be": "be_BY"}


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


def open_graph_locale(code: str) -> str:
    """``og:locale`` of a language of the site: "en_GB", "ru_RU", "be_BY"."""
    return OPEN_GRAPH_LOCALES.get(code, code)


@pass_context
def structured_data(context, subject=None) -> Markup:
    """The page's JSON-LD: its breadcrumbs, the site's publisher, and ``subject`` (the
    organization or mission the page is about)."""
    request = context.get("request")
    if request is None:  # an error page rendered without a request
        return Markup("")
    chrome = context.get("site_chrome")
    graph = page_graph(
        request,
        breadcrumbs=context.get("breadcrumbs") or (),
        publisher=chrome.publisher if chrome is not None else None,
        subject=subject,
    )
    return json_ld_script(graph)


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
        canonical_url=canonical_url,
        open_graph_locale=open_graph_locale,
        structured_data=structured_data,
    )
    env.filters.update(
        # In the site's time zone, as the Django template language shows datetimes.
        date=lambda value, arg=None: date(template_localtime(value), arg),
        truncatechars=truncatechars,
        linebreaksbr=lambda value: linebreaksbr(value, autoescape=True),
    )
    return env
