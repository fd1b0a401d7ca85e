"""gunicorn settings for ``make serve`` and deployments, from the environment.

WEB_CONCURRENCY worker processes (default: two per core, plus one) with GUNICORN_THREADS
threads each (default 1: sync workers); bound to 127.0.0.1:PORT unless GUNICORN_BIND says
otherwise. A page is CPU work in Python, and the database answers in microseconds: threads
add switching under the GIL and buy nothing, and sync workers served both /livez and an
uncached page faster on the benchmark machine (BENCHMARKS.md). Sync workers expect a
buffering reverse proxy in front (nginx and the like), which the deployment guide asks for.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the project once, before forking: faster start, less memory.
preload_app = True
# The site logs every request itself (JSON, with request ids); gunicorn's own log is errors.
accesslog = None
errorlog = "-"
# Recycle workers now and then, so that no slow leak lives for ever.
max_requests = 10000
max_requests_jitter = 1000
