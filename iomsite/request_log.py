"""One log line per request — request id, method, path, status, duration — and JSON logging."""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

logger = logging.getLogger("iomsite.request")
# A request id from the proxy in front is kept if it looks like one; anything else is replaced.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        response.headers["X-Request-ID"] = request.id
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(
            level,
            "%s %s %s %.2fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "request_id": request.id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "cache": response.headers.get("X-Cache", ""),
            },
        )
        return response


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object, with the request fields when there are any."""

    FIELDS = ("request_id", "method", "path", "status", "duration_ms", "cache")

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
