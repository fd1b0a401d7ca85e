"""Render the public pages once in gunicorn's master, so that every worker starts warm.

A process's first request for a page does work no later request repeats: Jinja2 compiles
the page's templates (once per language: their interface strings are translated when
compiled), Django builds each language's URL resolver, the prepared queries are compiled
to SQL, and some modules are imported. On the benchmark machine the IOM page's first
request in a new worker took 115 ms, the next ones 3 to 4 ms; and gunicorn replaces each
worker after ``max_requests``, so under load this was every half-minute or so, showing as a
p99 of over 100 ms (BENCHMARKS.md).

With ``preload_app``, the workers are forked from the master: what the master has compiled,
they have too. :func:`warm_up` requests each kind of public page in each language through
the WSGI application, as a visitor would, with the page cache left out (the pages must be
rendered, and nothing is stored), then closes the master's database connections, which a
forked worker must not share. It never stops the server from starting: with the database
down, the pages answer 503 and the workers warm up on their first requests, as before.
"""

import io
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.urls import reverse
from django.utils import translation

from iomsite.sitemaps import ContentSitemap, StaticPagesSitemap, sitemaps

logger = logging.getLogger("iomsite.warm_up")

# The listing pages, as the sitemap lists them; one page of each kind of content (each
# sitemap of content) is added from the database.
LISTINGS = tuple(StaticPagesSitemap().items())


def content_examples() -> list:
    """One published item of each kind of content that has a page of its own: the first of
    each of the sitemap's lists of content, which say what the public may see."""
    return [
        item
        for sitemap in sitemaps.values()
        if isinstance(sitemap, ContentSitemap) and (item := sitemap.items().order_by("pk").first())
    ]


def paths() -> list[str]:
    """The pages to render: each listing and each content example, in each language."""
    examples = content_examples()
    found = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found += [reverse(name) for name in LISTINGS]
            found += [item.get_absolute_url() for item in examples]
    return found


def host() -> str:
    """A host name the site answers to (the first concrete one in ALLOWED_HOSTS)."""
    for allowed in settings.ALLOWED_HOSTS:
        name = allowed.lstrip(".")
        if name and "*" not in name:
            return name
    return "localhost"


def environ(path: str, request_id: str) -> dict:
    """A plain anonymous HTTPS GET for ``path``, as a WSGI server would pass it."""
    name = host()
    https = {"wsgi.url_scheme": "https", "SERVER_PORT": "443"}
    if header := getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        https[header[0]] = header[1]
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": name,
        "HTTP_HOST": name,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_X_REQUEST_ID": request_id,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **https,
    }


@contextmanager
def page_cache_off() -> Iterator[None]:
    """The page cache left out: a cached page would not compile anything, and the master
    should not fill the cache (it runs before any content change a worker might see)."""
    seconds = settings.PAGE_CACHE_SECONDS
    settings.PAGE_CACHE_SECONDS = 0
    try:
        yield
    finally:
        settings.PAGE_CACHE_SECONDS = seconds


def request(application: Callable, path: str, request_id: str) -> str:
    """GET ``path`` through the WSGI ``application``; its status line."""
    statuses = []
    body = application(
        environ(path, request_id), lambda status, headers, *_: statuses.append(status)
    )
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return statuses[0]


def warm_up(application: Callable) -> dict[str, str]:
    """Render the public pages through ``application``; their statuses, by path.

    Logs what it did, and closes this process's database connections afterwards.
    """
    started = time.perf_counter()
    statuses: dict[str, str] = {}
    try:
        with page_cache_off():
            for number, path in enumerate(paths(), 1):
                statuses[path] = request(application, path, f"warm-up-{number:03d}")
    except Exception:  # the database is down, say: the workers warm up on their own
        logger.warning(
            "Warm-up stopped; workers will compile pages as they serve them", exc_info=True
        )
    finally:
        connections.close_all()
    rendered = sum(status.startswith("200") for status in statuses.values())
    logger.info(
        "Warm-up: %d of %d pages rendered in %.0f ms",
        rendered,
        len(statuses),
        (time.perf_counter() - started) * 1000,
    )
    return statuses
