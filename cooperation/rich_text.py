"""Rich text: HTML limited to what the site's styles support, sanitized with nh3 on every path."""

import nh3
from django.db import models

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value: str) -> str:
    """Strip everything but the allowed tags; links get ``rel="noopener noreferrer"``."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class RichTextField(models.TextField):
    """A TextField whose HTML is sanitized before it reaches the database.

    Sanitizing in ``get_prep_value`` covers every write path — forms, imports,
    ``loaddata``'s raw saves, ``QuerySet.update()`` and the shell — and
    ``pre_save`` keeps the instance in memory equal to what was stored.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return sanitize_html(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return sanitize_html(value) if isinstance(value, str) else value
