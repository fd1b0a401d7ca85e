"""The error pages (400, 500, 503) in the language of the address asked for.

They are rendered with no request context and no database — the database may be why they
are shown — so the language comes from the path's prefix (``/ru/…``), English otherwise.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template import loader
from django.utils import translation


def language_of(path: str) -> str:
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def render_error_page(template_name: str, language: str) -> str:
    with translation.override(language):
        return loader.get_template(template_name).render({"LANGUAGE_CODE": language})


def render_for_request(template_name: str, request) -> str:
    path = request.path_info if request is not None else "/"
    return render_error_page(template_name, language_of(path))


def bad_request(request, exception=None):
    """handler400 (a bad Host header, say): the 400 page in the address's language, whatever
    language the worker last served."""
    response = HttpResponseBadRequest(render_for_request("400.html", request))
    response["Cache-Control"] = "no-store"
    return response
