"""gunicorn settings for ``make serve`` and deployments, from the environment.

WEB_CONCURRENCY worker processes (default: one per core, plus one) with GUNICORN_THREADS
threads each (default 1: sync workers); bound to 127.0.0.1:PORT unless GUNICORN_BIND says
otherwise. A page is CPU work in Python, and the database answers in a fraction of a
millisecond: threads add switching under the GIL and buy nothing, and workers beyond the
cores only take turns on them, each evicting the others from the CPU caches (on the
benchmark machine, 2 cores, 5 workers served the uncached IOM page about a fifth slower
than 3; BENCHMARKS.md). Where the database is far away and requests wait on it, raise
WEB_CONCURRENCY. Sync workers expect a buffering reverse proxy in front (nginx and the
like), which the deployment guide asks for.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
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


def pre_fork(server, worker):
    """In the master, before each worker is forked: warm the preloaded project up (once),
    then freeze what it made.

    The warm-up (``iomsite.warm_up``) renders each kind of public page in each language, so
    that a new worker — at start, and each time one is replaced after ``max_requests`` —
    does not compile templates, URL resolvers and queries on its first requests (115 ms for
    the IOM page's first request, 3 to 4 ms after that, on the benchmark machine).

    Django, the URLconf, the templates' code and the settings are some hundreds of thousands
    of objects that live as long as the process. Frozen, the garbage collector no longer
    walks them on every full collection in every worker (and does not touch, so copy, the
    memory pages they share with the master). On the benchmark machine the uncached IOM page's
    p99 went from 36–61 ms to 27–36 ms, and its req/s up by a seventh (BENCHMARKS.md).
    """
    # Only a preloaded application is shared with the workers (and asking for one here
    # would load it in the master otherwise).
    application = server.app.wsgi() if server is not None and server.cfg.preload_app else None
    if application is not None and application not in _warmed:
        from iomsite.warm_up import warm_up

        warm_up(application)
        _warmed.add(application)  # a reload (HUP) preloads a new one, warmed in turn
    gc.freeze()


# The WSGI applications already warmed up in this master.
_warmed: set = set()
