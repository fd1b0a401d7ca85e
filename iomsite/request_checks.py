"""Requests refused before any view sees them: control characters in the path, the query
string or a form's fields (see ``iomsite.control_characters``), on the public site and in
the admin alike. The answer is a plain 400 page; nothing reaches the database."""

import logging

from django.http import HttpResponseBadRequest
from django.template import loader

from .control_characters import first_control_character

logger = logging.getLogger("iomsite.request")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def request_texts(request):
    """What a visitor sent that the site reads as text: the path, query names and values,
    and a form's field names, values and uploaded files' names."""
    yield "path", request.path
    for name, values in request.GET.lists():
        yield "query", name
        for value in values:
            yield "query", value
    if request.method == "POST" and request.content_type in FORM_TYPES:
        for name, values in request.POST.lists():
            yield "form", name
            for value in values:
                yield "form", value
        for name, uploads in request.FILES.lists():
            yield "form", name
            for upload in uploads:
                yield "form", upload.name or ""


def bad_request() -> HttpResponseBadRequest:
    # A template that needs no database and no request context.
    response = HttpResponseBadRequest(loader.get_template("400.html").render())
    response["Cache-Control"] = "no-store"
    return response


class ControlCharacterMiddleware:
    """400 for any request whose path, query or form fields hold a control character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for where, text in request_texts(request):
            if character := first_control_character(text):
                logger.warning("Refused a request with %s in its %s", character, where)
                return bad_request()
        return self.get_response(request)
