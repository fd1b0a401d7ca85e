"""Requests refused before any view sees them, on the public site and in the admin alike:
bodies larger than the site accepts (413), and control characters in the path, a cookie,
the query string or a form's fields (400; see ``iomsite.control_characters``). Nothing reaches the
database, and nothing is read of a body that is too large."""

import logging

from django.conf import settings
from django.http import HttpResponse

from .control_characters import first_control_character
from .error_pages import bad_request

logger = logging.getLogger("iomsite.request")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def request_texts(request):
    """What a visitor sent that the site reads as text: the path, cookies, query names and
    values, and a form's field names, values and uploaded files' names."""
    yield "path", request.path
    for name, value in request.COOKIES.items():  # a session key reaches the database
        yield "cookie", name
        yield "cookie", value
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


class ControlCharacterMiddleware:
    """400 for any request whose path, query or form fields hold a control character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for where, text in request_texts(request):
            if character := first_control_character(text):
                logger.warning("Refused a request with %s in its %s", character, where)
                return bad_request(request)
        return self.get_response(request)


def body_limit(request) -> int:
    """The largest body this request may carry: in the admin, room for its uploads (a fixture
    file of 10 MB, a logo of 2 MB); elsewhere, a form's worth."""
    if request.path.startswith("/" + settings.ADMIN_PATH):
        return settings.ADMIN_REQUEST_BODY_BYTES
    return settings.MAX_REQUEST_BODY_BYTES


class BodySizeMiddleware:
    """413 for a request that announces a body over its limit, before anything reads it.

    Django's own upload settings bound form fields held in memory, not the file data of a
    multipart upload, which would be spooled to disk whatever its size; the proxy in front
    limits bodies too (``client_max_body_size``), and this holds without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return bad_request(request)
        if length > body_limit(request):
            logger.warning("Refused a request body of %d bytes", length)
            response = HttpResponse("Request body too large.", status=413)
            response["Content-Type"] = "text/plain; charset=utf-8"
            response["Connection"] = "close"
            return response
        return self.get_response(request)
