"""Django's Redis cache, made to fail safe — when Redis is down, reads miss and writes are
dropped, and the outage is logged (once a minute, not once a request) — and made to keep
its Redis client.

Django's Redis client makes a new ``redis.Redis`` for every cache operation, and each one
builds redis-py's table of some 170 response callbacks: on a cached page that was a third of
the app server's work (instructions counted with callgrind; BENCHMARKS.md). A
``redis.Redis`` is safe to share between threads (its connections come from the pool), so
one is kept for each connection pool.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("iomsite.cache")
LOG_EVERY_SECONDS = 60


def fail_safe(fallback):
    """Run the cache operation; on a Redis error, log it (throttled) and return ``fallback``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                now = time.monotonic()
                if now - FailSafeRedisCache._last_logged >= LOG_EVERY_SECONDS:
                    FailSafeRedisCache._last_logged = now
                    logger.warning(
                        "Redis unavailable (%s: %s); serving without the cache",
                        method.__name__,
                        error,
                    )
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` per connection pool instead of one per call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        try:
            return self._clients[pool]
        except KeyError:
            # Two threads may both make one; either serves, and the dict keeps the last.
            client = self._clients[pool] = self._client(connection_pool=pool)
            return client


class FailSafeRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

    get = fail_safe(_default)(RedisCache.get)
    get_many = fail_safe(lambda *a, **k: {})(RedisCache.get_many)
    set = fail_safe(None)(RedisCache.set)
    add = fail_safe(False)(RedisCache.add)
    delete = fail_safe(False)(RedisCache.delete)
    clear = fail_safe(None)(RedisCache.clear)
