"""Django's Redis cache, made to fail safe: when Redis is down, reads miss and writes are
dropped, and the outage is logged (once a minute, not once a request)."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("iomsite.cache")
LOG_EVERY_SECONDS = 60


class FailSafeRedisCache(RedisCache):
    _last_logged = 0.0

    def _failed(self, operation, error):
        now = time.monotonic()
        if now - FailSafeRedisCache._last_logged >= LOG_EVERY_SECONDS:
            FailSafeRedisCache._last_logged = now
            logger.warning(
                "Redis unavailable (%s: %s); serving without the cache", operation, error
            )

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._failed("get_many", error)
            return {}

    def set(self, key, value, timeout=None, version=None):
        try:
            return super().set(key, value, timeout, version)
        except RedisError as error:
            self._failed("set", error)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            self._failed("add", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._failed("delete", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._failed("incr", error)
            raise ValueError("cache unavailable") from error

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            self._failed("clear", error)
