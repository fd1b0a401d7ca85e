"""Links from the current page to the same page in each of the site's languages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, name in that language, url) for every language of the site."""
    request = context["request"]
    path = request.get_full_path()
    return [
        (code, get_language_info(code)["name_local"], translate_url(path, code))
        for code, _name in settings.LANGUAGES
    ]
