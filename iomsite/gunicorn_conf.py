"""gunicorn settings for ``make serve`` and deployments, from the environment.

WEB_CONCURRENCY worker processes (default: one per core, plus one) with GUNICORN_THREADS
threads each (default 1: sync workers); bound to 127.0.0.1:PORT unless GUNICORN_BIND says
otherwise. A page is CPU work in Python, and the database answers in a fraction of a
millisecond: threads add switching under the GIL and buy nothing, and workers beyond the
cores only take turns on them. Where the database is far away and requests wait on it,
raise WEB_CONCURRENCY. Sync workers expect a buffering reverse proxy in front (nginx and the
like), which the deployment guide asks for.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A worker silent for this long is ended and replaced: a request stuck on a hung database
# frees its worker (nginx has answered the 503 page after its own read timeout, 5 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "10"))
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
# Forwarding headers (X-Forwarded-Proto, SCRIPT_NAME, …) are believed only from these
# addresses: none by default, so that no local client can pose as the proxy. (gunicorn
# trusts a Unix socket's peer whatever this says: the proxy in front must overwrite them.)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
# Bounded request heads: at most 50 header fields of 8 KiB, a request line of 4 KiB.
limit_request_fields = 50
limit_request_field_size = 8190
limit_request_line = 4094
# gunicorn's control socket is one path per user by default, so two servers on one machine
# would share it: each gets its own only when asked for.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
pidfile = os.environ.get("GUNICORN_PIDFILE") or None


def pre_fork(server, worker):
    """In the master, before each worker is forked: freeze what the preloaded project made.

    Django, the URLconf and the settings are objects that live as long as the process.
    Frozen (Python's ``gc.freeze()``, meant for pre-forking servers), the garbage collector
    no longer walks them on every full collection in every worker, and does not touch, so
    copy, the memory pages the workers share with the master.
    """
    gc.freeze()


def when_ready(server):
    """In the master, with the project preloaded and before any worker is forked: compile
    every public template and load each language's URLs and translations, so that each
    worker — at start, and each one that replaces another after ``max_requests`` — has them
    from its first request instead of compiling them on a visitor's time."""
    if not server.cfg.preload_app:
        return  # nothing is shared with the workers; don't load Django here
    from django.conf import settings
    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    environment = engines["jinja2"].env
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse("cooperation:home")
