"""
Settings for iomsite, read from the environment (see .env.example).

With no environment at all the site runs on SQLite and caches in the database;
DATABASE_URL switches to PostgreSQL and CACHE_URL to Redis.
"""

import secrets
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from iomsite.cache_config import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# The test suite runs on the real environment alone: a developer's .env (``make run`` writes
# one, with development mode on) must not turn the tests into development mode.
# DJANGO_READ_DOTENV=false ignores it too (make serve and make bench set it).
RUNNING_TESTS = "pytest" in sys.modules
if not RUNNING_TESTS and env.bool("DJANGO_READ_DOTENV", default=True):
    environ.Env.read_env(BASE_DIR / ".env")  # optional; the real environment wins

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# What Django's deploy check calls a weak key (security.W009), refused outside development.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT_CHARACTERS = 5
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and RUNNING_TESTS:
    SECRET_KEY = secrets.token_urlsafe(50)  # the test suite's own, new each run
elif not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, e.g. the output of "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(or set DJANGO_DEBUG=true for local development)."
        )
    SECRET_KEY = SECRET_KEY_INSECURE_PREFIX + "development-only-key"
elif not DEBUG and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_DISTINCT_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random "
        f"characters, at least {SECRET_KEY_MIN_DISTINCT_CHARACTERS} of them different, not "
        f"starting with {SECRET_KEY_INSECURE_PREFIX!r}; e.g. the output of "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "django_prose_editor",
    "axes",
    "iomsite",
    "cooperation",
]

MIDDLEWARE = [
    "iomsite.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response gets it: cached pages and refused requests too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iomsite.security_headers.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads the request: bodies over their limit get a 413, control
    # characters a 400 page.
    "iomsite.request_checks.BodySizeMiddleware",
    "iomsite.request_checks.ControlCharacterMiddleware",
    # Before the page cache: only a page's own query parameters make a distinct address.
    "iomsite.canonical_urls.CanonicalQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside ConditionalGetMiddleware, so that its 304s carry the proxy's lifetime too.
    "iomsite.page_cache.ProxyLifetimeMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous page views are answered from here, before sessions, auth and the view.
    "iomsite.page_cache.PageCacheMiddleware",
    "iomsite.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]

# Where the admin lives; change it to keep automated log-in attempts off the usual path.
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/").strip("/") + "/"

# Failed log-ins: after 5 for one user name from one address, that pair is locked for an hour.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The user name as it is stored: cut to django-axes' column, so a long one is no error.
AXES_USERNAME_CALLABLE = "iomsite.login_throttling.attempted_username"
# Where the client's address comes from (iomsite.login_throttling.client_address). Behind a
# proxy that overwrites a header with it (deploy/nginx.conf sets X-Forwarded-For to the
# address it sees), DJANGO_CLIENT_IP_HEADER names that header; behind proxies that append to
# X-Forwarded-For, DJANGO_TRUSTED_PROXY_COUNT says how many do; otherwise it is the
# connection's own address.
CLIENT_IP_HEADER = env.str("DJANGO_CLIENT_IP_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "iomsite.login_throttling.client_address"

ROOT_URLCONF = "iomsite.urls"

TEMPLATES = [
    {
        # The public pages (see iomsite/jinja2_environment.py for why Jinja2).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "iomsite.jinja2_environment.environment",
            "context_processors": ["iomsite.context_processors.chrome"],
        },
    },
    {
        # The admin, the error pages and the forms' widgets.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iomsite.context_processors.chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "iomsite.wsgi.application"

# An empty DATABASE_URL means the default, as an unset one does.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
# Keep connections between requests (opening one costs more than a cached page), checked
# before reuse so that a connection broken by an outage is replaced, not reused.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that takes connections but never answers must not hold a worker for long:
    # a new connection gives up after this (an open one is bounded by the proxy's and
    # gunicorn's timeouts, which end the worker holding it).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=3)
    )

# A cache every process shares — Redis by CACHE_URL, or else the database — in development
# too, where a command-line import must show on the development server's next request.
CACHES = {"default": cache_from_url(env.str("CACHE_URL", default=""))}
# Request bodies: 1 MiB on the public site; 11 MiB in the admin, whose uploads are fixture
# files of 10 MB at most and logos of 2 MB.
MAX_REQUEST_BODY_BYTES = 1024 * 1024
ADMIN_REQUEST_BODY_BYTES = 11 * 1024 * 1024
# Whole-page caching of anonymous page views (seconds); 0 turns it off.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=600)
# How long a CDN or reverse proxy may keep a public page without asking again.
PUBLIC_MAX_AGE = env.int("DJANGO_PUBLIC_MAX_AGE", default=60)
# How long the reverse proxy in front (deploy/nginx.conf) keeps a public page before it asks
# again with the page's ETag: the longest a change takes to reach visitors through it.
PROXY_CACHE_SECONDS = env.int("DJANGO_PROXY_CACHE_SECONDS", default=1)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization: every public URL carries a language prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("be", _("Belarusian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["iomsite.formats"]
TIME_ZONE = "Europe/Minsk"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Hashed, compressed static files served by WhiteNoise with far-future caching; tests and
# development use the plain storage so that nothing needs collecting first.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not (DEBUG or RUNNING_TESTS))
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads go through STORAGES, so a deployment can point "default" at shared storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: Django's protections on; the strict parts that need HTTPS are
# switched on by the deployment (see README, "Deploying").
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
# The admin's language switch sets this cookie: as private as the others.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Production redirects plain HTTP to HTTPS; plain-HTTP loopback use turns this off.
# (The test client speaks plain HTTP: the test suite's own default is off.)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not (DEBUG or RUNNING_TESTS))
# Sent on HTTPS responses only. A year, subdomains included, preload-ready.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
# Health checks come from load balancers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^healthz$"]
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=(), interest-cohort=()"
)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    # Only when a reverse proxy you control terminates TLS and sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The public pages need no script at all; the policy forbids inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# One JSON object a line in production, for log collectors; plain text while developing.
LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "iomsite.request_log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes reports every successful log-in at INFO; failures and lockouts are WARNING.
    "loggers": {
        "axes": {"level": "WARNING"},
        # The request log replaces the development server's and Django's own request lines.
        "django.server": {"level": "WARNING"},
    },
}

# Editorial notifications: publishers are told of each submission, editors of what comes back,
# always on their admin dashboard and — when DJANGO_EDITORIAL_EMAILS is on — by e-mail through
# Django's e-mail sending (its own mail settings choose the server). Off by default: a site
# without a mail server must not try to send. DJANGO_EDITORIAL_SITE_URL starts the links.
EDITORIAL_EMAILS = env.bool("DJANGO_EDITORIAL_EMAILS", default=False)
EDITORIAL_SITE_URL = env.str("DJANGO_EDITORIAL_SITE_URL", default="")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# The mail server, when there is one (Django's MAILERS; without it nothing is sent by SMTP).
if EMAIL_SERVER := env.str("DJANGO_EMAIL_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_SERVER,
                "port": env.int("DJANGO_EMAIL_PORT", default=587),
                "username": env.str("DJANGO_EMAIL_USER", default="") or None,
                "password": env.str("DJANGO_EMAIL_PASSWORD", default="") or None,
                "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=True),
                "timeout": 10,
            },
        }
    }
# Without a mail server of the operator's, nothing is sent (Django would try localhost:25).
EDITORIAL_EMAILS = EDITORIAL_EMAILS and bool(EMAIL_SERVER)
