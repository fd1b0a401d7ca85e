"""The cache every app server shares, from CACHE_URL, made to fail safe.

``redis://`` and ``rediss://`` use django-redis through :class:`FailSafeRedisCache`: when
Redis fails or hangs, an operation waits one short timeout at most, and then the process
stops asking Redis for a while (a circuit breaker) — reads miss, writes are dropped, and
the site serves pages uncached instead of failing or waiting. With no CACHE_URL, the site
caches in the database, which every process and server shares (development too: a
command-line import shows on the development server's next request).
"""

import logging
import time

import environ
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("iomsite.cache")

# Short: a Redis that does not answer must cost a page little (pages are served uncached).
REDIS_TIMEOUT_SECONDS = 0.25
# How long a process leaves Redis alone after it failed, before trying it again.
BREAK_SECONDS = 5


def cache_from_url(url: str) -> dict:
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "iomsite_cache",
        }
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "iomsite.cache_config.FailSafeRedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    return environ.Env.cache_url_config(url)


class FailSafeRedisCache(RedisCache):
    """django-redis, with a circuit breaker in each process (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.closed_again_at = 0.0  # while the clock is before this, Redis is not asked

    def guarded(self, operation, fallback, *args, **kwargs):
        """``operation(*args, **kwargs)``, or ``fallback`` if Redis fails or is left alone."""
        if time.monotonic() < self.closed_again_at:
            return fallback
        try:
            return operation(*args, **kwargs)
        except (RedisError, OSError) as error:
            self.closed_again_at = time.monotonic() + BREAK_SECONDS
            logger.warning(
                "Redis unavailable (%s); serving pages uncached, trying it again in %d s",
                error,
                BREAK_SECONDS,
            )
            return fallback

    def get(self, key, default=None, version=None, client=None):
        return self.guarded(super().get, default, key, default, version, client)

    def get_many(self, *args, **kwargs):
        return self.guarded(super().get_many, {}, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self.guarded(super().set, False, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self.guarded(super().set_many, None, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self.guarded(super().add, False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self.guarded(super().delete, False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self.guarded(super().delete_many, None, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self.guarded(super().has_key, False, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self.guarded(super().touch, False, *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self.guarded(super().clear, None, *args, **kwargs)
