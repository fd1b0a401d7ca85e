"""When the database cannot be reached: a friendly 503 with Retry-After, never a traceback.

Connections are not kept once they fail (Django closes unusable connections at the end of
each request), so the site recovers by itself on the first request after the database
returns.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError

from .error_pages import render_for_request

logger = logging.getLogger("iomsite.unavailable")
RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def unavailable_response(request=None):
    from django.http import HttpResponse

    # A template that needs no database: no context processors, no queries.
    html = render_for_request("503.html", request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage met by a view, or while rendering, into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", exception)
            return unavailable_response(request)
        return None


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the error was the database being unreachable elsewhere
    (in a middleware, say), the plain 500 page otherwise."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable_response(request)
    return HttpResponseServerError(render_for_request(template_name, request))
