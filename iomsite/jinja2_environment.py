"""The Jinja2 environment for the public pages.

The public pages are Jinja2 templates (``templates/jinja2/``): Jinja2 compiles a template
to Python once, and renders the IOM page several times faster than the Django template
language, which interprets every node on every request. The admin keeps Django's
templates. What the pages need from Django is here: translation (``_()``,
``{% trans %}``), ``url()``, ``static()``, dates in the active language, and the few
filters they use.
"""

from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.templatetags.static import static
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment

from cooperation.links import language_links, link
from cooperation.models.dates import precise_date_html


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(
        url=link,
        static=static,
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
