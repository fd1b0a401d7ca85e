"""The cache every app server shares, from CACHE_URL.

``redis://`` and ``rediss://`` use Django's Redis backend wrapped so that a Redis outage
degrades the site to uncached pages instead of errors. With no CACHE_URL, production uses
the database (shared by every process and server); development (DEBUG) uses local memory.
"""

import environ


def cache_from_url(url: str, *, debug: bool) -> dict:
    if not url:
        if debug:
            return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "iomsite_cache",
        }
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "iomsite.redis_cache.FailSafeRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    return environ.Env.cache_url_config(url)
