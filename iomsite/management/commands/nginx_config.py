"""``manage.py nginx_config``: the reverse proxy's configuration for this deployment.

Renders ``deploy/nginx.conf`` with the site's settings (static and media files, the admin's
address, the session cookie, the security headers) and the options below, and writes the 503
page nginx answers with when the app servers fail, into the run directory.
"""

import getpass
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.csp import build_policy

from iomsite.error_pages import render_error_page
from iomsite.page_cache import search_paths

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
RATE = re.compile(r"[1-9][0-9]*r/[sm]")


def security_headers() -> dict[str, str]:
    """The headers Django gives every response, for the responses nginx makes itself."""
    return {
        "X-Content-Type-Options": "nosniff" if settings.SECURE_CONTENT_TYPE_NOSNIFF else "",
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY or "",
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY or "",
        "Permissions-Policy": settings.PERMISSIONS_POLICY,
        "Content-Security-Policy": build_policy(settings.SECURE_CSP),
        # Filled in for HTTPS only (a map in deploy/nginx.conf).
        "Strict-Transport-Security": "$strict_transport_security",
    }


def hsts() -> str:
    if not settings.SECURE_HSTS_SECONDS:
        return ""
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def render(template: str, values: dict) -> str:
    """``template`` with each ``{{ name }}`` replaced; a name without a value is an error."""

    def value(match):
        name = match.group(1)
        if name not in values:
            raise CommandError(f"deploy/nginx.conf names {{{{ {name} }}}}, which has no value")
        return str(values[name])

    return PLACEHOLDER.sub(value, template)


def url_prefix(url: str) -> str:
    return "/" + url.strip("/") + "/"


class Command(BaseCommand):
    help = "Print nginx's configuration for this site (deploy/nginx.conf, filled in)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-dir",
            required=True,
            help="Where nginx keeps its pid file, cache and working files (made if missing).",
        )
        parser.add_argument(
            "--listen", default="127.0.0.1:8000", help="nginx's listen address (127.0.0.1:8000)."
        )
        parser.add_argument(
            "--upstream",
            action="append",
            help="An app server: unix:/path/to/gunicorn.sock or host:port; once for each "
            "(default: unix:RUN_DIR/gunicorn.sock).",
        )
        parser.add_argument(
            "--user", default=getpass.getuser(), help="The user nginx's workers run as."
        )
        parser.add_argument(
            "--access-log",
            default="/dev/stdout iomsite",
            help="nginx's access_log: a file and the 'iomsite' format, or 'off'.",
        )
        parser.add_argument(
            "--read-timeout",
            type=int,
            default=5,
            help="Seconds an app server has to answer before visitors get the 503 page.",
        )
        parser.add_argument(
            "--trusted-proxy",
            action="append",
            default=[],
            help="The address (or CIDR range) of a proxy in front that terminates TLS and sets "
            "X-Forwarded-For and X-Forwarded-Proto; once for each. Only its headers are "
            "believed.",
        )
        parser.add_argument(
            "--search-rate",
            default="1r/s",
            help="Searches one client address may make, after a burst of --search-burst "
            "(nginx's rate: 1r/s, 30r/m). Search results are never cached, so each is work "
            "for the database.",
        )
        parser.add_argument(
            "--search-burst",
            type=int,
            default=10,
            help="Searches a client may make at once before the rate applies (10).",
        )
        parser.add_argument("--output", help="Write the configuration here, not to stdout.")

    def handle(self, *args, **options):
        if not RATE.fullmatch(options["search_rate"]):
            raise CommandError(
                f"--search-rate {options['search_rate']!r} is not a rate nginx reads, such as "
                "1r/s or 30r/m."
            )
        if options["search_burst"] < 0:
            raise CommandError("--search-burst must be 0 or more.")
        run_dir = Path(options["run_dir"]).resolve()
        (run_dir / ".errors").mkdir(parents=True, exist_ok=True)
        # The page nginx answers with when the app servers fail: Django's own 503 page, in
        # each language (nginx picks it by the address's prefix, as Django would).
        for language, _name in settings.LANGUAGES:
            page = render_error_page("503.html", language)
            (run_dir / ".errors" / f"503.{language}.html").write_text(page)
        upstreams = options["upstream"] or [f"unix:{run_dir / 'gunicorn.sock'}"]
        headers = "\n".join(
            f'            add_header {name} "{value}" always;'
            for name, value in security_headers().items()
            if value
        )
        access_log = options["access_log"]
        values = {
            "user": options["user"],
            "run_dir": run_dir,
            "access_log": access_log,
            "listen": options["listen"],
            "upstream_servers": "\n".join(
                f"        server {upstream} max_fails=0;" for upstream in upstreams
            ),
            "read_timeout": options["read_timeout"],
            "errors_root": run_dir,
            "default_language": settings.LANGUAGE_CODE,
            "page_language_prefixes": "\n".join(
                f'        "~^/{code}(/|$)" {code};' for code, _name in settings.LANGUAGES
            ),
            "security_headers": headers,
            "search_paths": "|".join(re.escape(path) for path in sorted(search_paths())),
            "search_rate": options["search_rate"],
            "search_burst": options["search_burst"],
            "static_url": url_prefix(settings.STATIC_URL),
            "static_root": Path(settings.STATIC_ROOT).resolve(),
            "media_url": url_prefix(settings.MEDIA_URL),
            "media_root": Path(settings.MEDIA_ROOT).resolve(),
            "admin_url": url_prefix(settings.ADMIN_PATH),
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "hsts": hsts(),
            "trusted_proxies": "\n".join(
                [f"        set_real_ip_from {proxy};" for proxy in options["trusted_proxy"]]
                + (
                    ["        real_ip_header X-Forwarded-For;", "        real_ip_recursive on;"]
                    if options["trusted_proxy"]
                    else []
                )
            ),
            "trusted_proxy_addresses": "\n".join(
                f"        {proxy} 1;" for proxy in options["trusted_proxy"]
            ),
        }
        config = render(TEMPLATE.read_text(), values)
        if options["output"]:
            Path(options["output"]).write_text(config)
        else:
            self.stdout.write(config, ending="")
