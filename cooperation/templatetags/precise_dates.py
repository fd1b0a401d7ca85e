"""``{% precise_date value precision %}``: a <time> element showing exactly what is known."""

from django import template
from django.utils.html import format_html

from cooperation.models.dates import format_precise_date, machine_precise_date

register = template.Library()


@register.simple_tag
def precise_date(value, precision):
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        machine_precise_date(value, precision),
        format_precise_date(value, precision),
    )
