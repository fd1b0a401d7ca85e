"""Django's Redis cache, made to fail safe: when Redis is down, reads miss and writes are
dropped, and the outage is logged (once a minute, not once a request)."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
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


class FailSafeRedisCache(RedisCache):
    _last_logged = 0.0

    get = fail_safe(_default)(RedisCache.get)
    get_many = fail_safe(lambda *a, **k: {})(RedisCache.get_many)
    set = fail_safe(None)(RedisCache.set)
    add = fail_safe(False)(RedisCache.add)
    delete = fail_safe(False)(RedisCache.delete)
    clear = fail_safe(None)(RedisCache.clear)
