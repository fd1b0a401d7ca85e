"""Canonical addresses: a public page's query holds only the parameters the page understands.

A view says which it understands in ``query_parameters`` (the projects list: organization,
theme, stage, page; a feed: none); ``preview`` counts only for staff. A GET or HEAD request
with anything else — an unknown parameter, one repeated, an order of its own, an anonymous
``?preview`` — is redirected to the canonical address before the page cache or the view sees
it. So visitors cannot make the caches hold a copy of a page per made-up address, and made-up
parameters never reach a page's links. (Whether a value is valid is the page's to say: the
projects list redirects a filter it does not know to the list without it.)
"""

from urllib.parse import quote_plus, unquote_plus

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import translation

PREVIEW = "preview"


def understood_parameters(request) -> tuple[str, ...] | None:
    """The query parameters the requested page understands; None if it is not a page that
    declares them (the admin, the sitemap, the health checks, a 404)."""
    # Before LocaleMiddleware: resolve in the language the address names.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(request.path_info)
    except Resolver404:
        return None
    # A class-based view declares them on its class; a view that is an object of its own
    # (a syndication Feed) on itself.
    view = getattr(match.func, "view_class", match.func)
    return getattr(view, "query_parameters", None)


def query_pairs(query: str) -> list[tuple[str, str, bool]]:
    """A query's (name, value, whether it had "=") in order, decoded; empty segments left out."""
    pairs = []
    for segment in query.split("&"):
        if segment:
            name, equals, value = segment.partition("=")
            pairs.append((unquote_plus(name), unquote_plus(value), bool(equals)))
    return pairs


def query_text(pairs) -> str:
    """The canonical text of (name, value[, had "="]) pairs: names and values encoded one way,
    joined by "&"; "name=" or a bare "name" for an empty value, as it was asked."""
    parts = []
    for name, value, *equals in pairs:
        equals = equals[0] if equals else True
        parts.append(quote_plus(name) + (f"={quote_plus(value)}" if value or equals else ""))
    return "&".join(parts)


def canonical_query(pairs, understood, staff: bool) -> list:
    """``pairs`` kept to the understood parameters, each once (its first value), in the
    page's order; ``preview`` for staff only."""
    first = {}
    for name, *rest in pairs:
        first.setdefault(name, (name, *rest))
    names = [*understood, *((PREVIEW,) if staff else ())]
    return [first[name] for name in names if name in first]


class CanonicalQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query and request.method in ("GET", "HEAD"):
            understood = understood_parameters(request)
            if understood is not None:
                staff = settings.SESSION_COOKIE_NAME in request.COOKIES
                canonical = canonical_query(query_pairs(query), understood, staff)
                # The text itself, not only what it parses to: "?&" and "?%70age=2" are
                # other addresses, and the caches' keys are the text.
                if query != query_text(canonical):
                    return redirect_to(request, canonical)
        return self.get_response(request)


def redirect_to(request, pairs) -> HttpResponsePermanentRedirect:
    """A redirect to this page with the query ``pairs``, which no cache keeps for long."""
    query = query_text(pairs)
    path = "/" + request.path.lstrip("/")  # never "//host/…", which would leave the site
    location = path + (f"?{query}" if query else "")
    response = HttpResponsePermanentRedirect(location)
    response["Cache-Control"] = "no-store"
    return response


def canonical_url(request) -> str:
    """The absolute address of the page the request shows, for ``<link rel="canonical">``: its
    path and the query it understands (already canonical, or the request was redirected),
    without a staff member's ``preview``."""
    pairs = [
        pair for pair in query_pairs(request.META.get("QUERY_STRING", "")) if pair[0] != PREVIEW
    ]
    query = query_text(pairs)
    path = "/" + request.path.lstrip("/")  # never "//host/…", which would name another host
    return request.build_absolute_uri(path + (f"?{query}" if query else ""))
