"""Links the public pages print many times, reversed once per process and language.

Reversing a URL walks Django's resolver (tens of microseconds); a page prints dozens of
links, and the answer for a given name, arguments, language and script prefix never
changes while the process runs. The caches are bounded, so odd addresses cannot grow
them without limit, and emptied when a test swaps the URLconf.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_language_info


@lru_cache(maxsize=4096)
def _reverse(script_prefix, language, name, kwargs):
    # The key names the prefix and language that reverse() reads from the active request.
    return reverse(name, kwargs=dict(kwargs) or None)


def link(name: str, **kwargs) -> str:
    """``reverse(name, kwargs=kwargs)`` in the active language."""
    return _reverse(get_script_prefix(), get_language(), name, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=4096)
def _translated(script_prefix, path):
    return tuple(
        (code, get_language_info(code)["name_local"], translate_url(path, code))
        for code, _name in settings.LANGUAGES
    )


def language_links(request) -> tuple[tuple[str, str, str], ...]:
    """(code, name in that language, url) of this page in every language of the site."""
    return _translated(get_script_prefix(), request.get_full_path())


@lru_cache(maxsize=256)
def static_link(path: str) -> str:
    """``static(path)``: the collected file's URL, with its content hash in production.
    The manifest it comes from is read once per process, so the answer is remembered."""
    return static(path)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "ADMIN_PATH"}:
        _reverse.cache_clear()
        _translated.cache_clear()
    if setting in {"STATIC_URL", "STORAGES", "STATIC_MANIFEST"}:
        static_link.cache_clear()
