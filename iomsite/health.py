"""Health endpoints for load balancers and orchestrators.

``/livez``: the process answers (touches nothing else). ``/healthz``: the database and the
shared cache answer too; 503 names what is down.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def livez(request):
    return JsonResponse({"status": "ok"})


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database means "not ready"
        logger.warning("Health check: the database is unreachable", exc_info=True)
        return False
    return True


def cache_ok() -> bool:
    # The Redis backend swallows outages (pages are served uncached), so ask for a round trip.
    token = uuid.uuid4().hex
    try:
        cache.set("iomsite:healthz", token, 10)
        ok = cache.get("iomsite:healthz") == token
    except Exception:
        ok = False
    if not ok:
        logger.warning("Health check: the cache is unreachable")
    return ok


@never_cache
def healthz(request):
    """200 when the database and the cache answer; 503, saying which is down, otherwise."""
    checks = {
        "database": "ok" if database_ok() else "unreachable",
        "cache": "ok" if cache_ok() else "unreachable",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
