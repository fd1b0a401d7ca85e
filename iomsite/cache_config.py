"""The cache every app server shares, from CACHE_URL, and how its outages are logged.

``redis://`` and ``rediss://`` use django-redis with ``IGNORE_EXCEPTIONS``: when Redis is
down, reads miss and writes are dropped, so the site serves pages uncached instead of
failing. django-redis logs each ignored error; :class:`OncePerMinute` keeps that to one
line a minute. With no CACHE_URL, the site caches in the database, which every process and
server shares (development too: a command-line import shows on the development server's
next request).
"""

import logging
import time

import environ

# Short: a Redis that does not answer must cost a page little (pages are served uncached).
REDIS_TIMEOUT_SECONDS = 0.5


def cache_from_url(url: str) -> dict:
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "iomsite_cache",
        }
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    return environ.Env.cache_url_config(url)


class OncePerMinute(logging.Filter):
    """Lets one record through a minute, saying what it means: a Redis outage is reported
    once, not once per request. (django-redis's own record says only "Exception ignored".)"""

    def __init__(self, name="", seconds=60):
        super().__init__(name)
        self.seconds = seconds
        self.last = float("-inf")

    def filter(self, record):
        now = time.monotonic()
        if now - self.last < self.seconds:
            return False
        self.last = now
        record.msg, record.args = "Redis unavailable; serving pages uncached", ()
        return True
