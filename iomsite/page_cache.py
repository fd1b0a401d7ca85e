"""Whole-page caching for anonymous visitors, invalidated on every app server at once.

Each cached page records the *content version* it was rendered under; a page of another
version is a miss. The version lives in the database (``iomsite.models.ContentVersion``),
a new row for every content change (``cooperation.signals.content_changed``) written with
the change, and is copied into the shared cache for at most a second at a time:
every server's next request after a change misses and renders afresh, and a change that
could not reach the cache (Redis away at that moment) is seen within a second all the same.
The state also records when the next scheduled item goes live, and no page is kept past that
time (nor the state), so scheduled publication shows within a second of its time.

Never cached: anything but GET/HEAD, requests carrying a session cookie (staff), previews,
the admin, health checks, the search results (every query an address of its own: not even
looked up), and responses that are not a plain 200 or that set cookies. The
key is the scheme, host and path with its query, which canonical addresses keep to the
parameters a page understands (``iomsite.canonical_urls``).
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Value
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag

from .models import ContentVersion

logger = logging.getLogger("iomsite.cache")
STATE_KEY = "iomsite:content-state"
# How long the shared cache may answer for the database's content version.
STATE_SECONDS = 1
# Version rows kept behind the newest (a few changes' worth; none is read again).
KEPT_VERSIONS = 100
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "ETag")
NEVER_CACHED = ("/healthz", "/livez", "/static/", "/media/")


@functools.cache
def search_paths() -> frozenset[str]:
    """The search results page's path in every language."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("cooperation:search"))
    return frozenset(paths)


def next_scheduled_publication() -> float | None:
    """When the next scheduled item goes live (a timestamp), in one query across models."""
    from cooperation.roles import content_models

    now = timezone.now()
    queries = [
        model.objects.filter(status="published", publish_at__gt=now)
        .order_by()
        .values_list("publish_at", Value("", output_field=CharField()))
        for model in content_models()
    ]
    times = [when for when, _ in queries[0].union(*queries[1:], all=True).order_by()]
    return min(times).timestamp() if times else None


def stored_version() -> str:
    """The content version in the database: the newest change's id (made on first use)."""
    latest = ContentVersion.objects.values_list("pk", flat=True).first()
    return str(latest if latest is not None else ContentVersion.objects.create().pk)


def state_from_database() -> dict:
    """The content state as the database has it, copied into the cache for a second."""
    state = {"version": stored_version(), "next_at": next_scheduled_publication()}
    try:
        cache.set(STATE_KEY, state, STATE_SECONDS)
    except Exception as error:  # the database cache, with the database in trouble
        warn_unavailable(error)
    return state


def current(state) -> dict:
    """``state`` if it is still valid, else the database's (missing, or a scheduled time
    passed)."""
    if state is None or (state["next_at"] is not None and time.time() >= state["next_at"]):
        return state_from_database()
    return state


def content_state() -> dict:
    return current(cache.get(STATE_KEY))


_last_warning = 0.0


def warn_unavailable(error):
    """Log a cache outage once a minute, not once a request."""
    global _last_warning
    if time.monotonic() - _last_warning >= 60:
        _last_warning = time.monotonic()
        logger.warning("Page cache unavailable (%s); serving pages uncached", error)


def invalidate_pages(**kwargs):
    """Receiver of ``content_changed``: every cached page, on every server, is now stale.

    A new version row is written with the change (in its transaction, when there is one: the
    version becomes visible with the change), then copied into the cache; if the cache does
    not take it, the copy there expires within a second anyway."""
    version = ContentVersion.objects.create().pk
    if not connection.in_atomic_block:
        # After a commit: the old rows are of no use (one statement, no lock on new rows).
        ContentVersion.objects.filter(pk__lt=version - KEPT_VERSIONS).delete()
    try:
        cache.set(
            STATE_KEY,
            {"version": str(version), "next_at": next_scheduled_publication()},
            STATE_SECONDS,
        )
    except Exception:  # a cache outage must not fail the editor's save
        logger.warning("Could not record a content change in the cache", exc_info=True)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def cacheable_request(self, request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "preview" not in request.GET
            and not request.path.startswith((self.admin_prefix, *NEVER_CACHED))
            and request.path not in search_paths()
        )

    @staticmethod
    def cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def key(request) -> str:
        # The scheme too: a page's links (and its HSTS) differ between http and https.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"iomsite:page:{hashlib.sha256(address.encode()).hexdigest()}"

    def __call__(self, request):
        if not self.cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # What a signed-in person sees is theirs: no shared cache may keep it.
                patch_cache_control(response, private=True)
            response.headers.setdefault("X-Cache", "bypass")
            return response
        key = self.key(request)
        try:
            # One round trip: the content version and the page, which records the version
            # it was rendered under; a page of an older version is a miss.
            found = cache.get_many([STATE_KEY, key])
            state = current(found.get(STATE_KEY))
            stored = found.get(key)
            if stored is not None and stored["version"] != state["version"]:
                stored = None
        except Exception as error:  # the cache is down (the database cache, with the database)
            warn_unavailable(error)
            state = stored = None
        if stored is not None:
            # A HEAD request gets the headers alone.
            body = b"" if request.method == "HEAD" else stored["content"]
            response = HttpResponse(body, status=200)
            for name, value in stored["headers"].items():
                response.headers[name] = value
            # What CommonMiddleware adds to a page it sees rendered; a hit stops before it.
            response.headers["Content-Length"] = str(len(stored["content"]))
            response.headers["X-Cache"] = "hit"
            return self.public(response)
        response = self.get_response(request)
        if state is not None and self.cacheable_response(response):
            timeout = settings.PAGE_CACHE_SECONDS
            if state["next_at"] is not None:
                timeout = max(1, min(timeout, int(state["next_at"] - time.time())))
            # The ETag ConditionalGetMiddleware would compute, computed once and kept with
            # the page rather than hashed again on every hit.
            set_response_etag(response)
            headers = {h: response[h] for h in STORED_HEADERS if h in response}
            try:
                page = {
                    "version": state["version"],
                    "content": response.content,
                    "headers": headers,
                }
                cache.set(key, page, timeout)
            except Exception as error:
                warn_unavailable(error)
            response.headers["X-Cache"] = "miss"
            return self.public(response)
        response.headers.setdefault("X-Cache", "bypass")
        return response

    @staticmethod
    def public(response):
        # max-age for browsers; s-maxage for shared caches — the reverse proxy in front, a
        # CDN — which keep the page that long before asking again with its ETag: that bounds
        # how late a change, or a scheduled publication, reaches visitors through them. (In
        # Cache-Control, so that a 304 carries it too: Django's 304 keeps that header.)
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PUBLIC_MAX_AGE,
            s_maxage=settings.PROXY_CACHE_SECONDS,
        )
        return response


class ProxyLifetimeMiddleware:
    """Tells nginx in front (deploy/nginx.conf) how long it may keep a public page: until the
    end of the current second, plus ``PROXY_CACHE_SECONDS - 1``.

    nginx counts a kept page's lifetime in whole seconds, so a lifetime of one second
    (``s-maxage=1``) can keep a page for nearly two. ``X-Accel-Expires: @<time>`` (which nginx
    reads first and does not pass on) names the second the page goes stale instead, so a
    change shows through nginx within ``PROXY_CACHE_SECONDS``. Set on the 304s that revalidate
    a kept page too — Django's 304 does not copy this header — so it sits outside
    ConditionalGetMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (200, 304) and "public" in response.get("Cache-Control", ""):
            stale_at = int(time.time()) + settings.PROXY_CACHE_SECONDS - 1
            response["X-Accel-Expires"] = f"@{stale_at}"
        return response
