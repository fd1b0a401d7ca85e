"""The production stack through its real reverse proxy: nginx (deploy/nginx.conf) in front of
gunicorn on a Unix socket, started as ``make serve`` starts it (deploy/serve), on a scratch
database. Freshness after publishing, withdrawing and scheduled publication; what is never
cached; canonical addresses; headers; limits; slow clients; forwarded headers; a hung
database. Skipped where nginx is not installed, except in CI, which installs it."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from .faults import FaultyProxy
from .servers import (
    POSTGRES_URL,
    ROOT,
    nginx_available,
    prepare_site,
    production_env,
    proxied_server,
    reachable,
    scratch_database,
)

if not nginx_available() and not os.environ.get("IOMSITE_REQUIRE_PROXY"):
    pytest.skip(
        "proxy tests skipped: nginx is not installed (apt-get install nginx)",
        allow_module_level=True,
    )

IOM = "/en/organizations/iom/"


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode()


def request(base, path, method="GET", headers=None, body=None, timeout=10) -> Response:
    """One request through the proxy; redirects are not followed."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        connection.close()


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def import_objects(env, objects):
    """Change content as a maintainer would: an import from the command line."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(objects, handle)
    try:
        manage(env, "import_content", handle.name)
    finally:
        os.unlink(handle.name)


def iom(**fields):
    objects = json.loads((ROOT / "fixtures" / "iom.json").read_text())
    (organization,) = [o for o in objects if o["model"] == "cooperation.organization"]
    organization["fields"].update(fields)
    return [organization]


@pytest.fixture(scope="module")
def stack():
    """(base URL, environment) of a running stack on a scratch SQLite database."""
    if not nginx_available():
        pytest.fail("nginx is required here (IOMSITE_REQUIRE_PROXY) but is not installed")
    with scratch_database("sqlite") as url, tempfile.TemporaryDirectory() as static:
        env = production_env(url, static, DJANGO_LOGIN_FAILURE_LIMIT="3")
        prepare_site(env)
        with proxied_server(env) as (base, _run_dir):
            yield base, env


def later(seconds=1.1):
    """Just past the longest the proxy keeps a page: to the end of the second it was kept in."""
    time.sleep(seconds)


# Fresh on publish ------------------------------------------------------------------------


def test_a_page_is_kept_by_the_proxy(stack):
    base, _env = stack
    request(base, IOM)
    assert request(base, IOM).headers["X-Proxy-Cache"] == "HIT"


def test_a_publication_reaches_visitors_through_the_proxy_within_a_second(stack):
    base, env = stack
    request(base, IOM)
    assert request(base, IOM).headers["X-Proxy-Cache"] == "HIT"
    import_objects(env, iom(summary_en="A summary published a moment ago."))
    later()
    assert "A summary published a moment ago." in request(base, IOM).text


def test_a_page_the_proxy_has_revalidated_is_still_kept_for_a_second_only(stack):
    base, env = stack
    import_objects(env, iom(summary_en="Before a revalidation."))
    later()
    assert request(base, IOM).headers["X-Proxy-Cache"] in ("MISS", "EXPIRED")
    later()
    assert request(base, IOM).headers["X-Proxy-Cache"] == "REVALIDATED"  # a 304 from the app
    import_objects(env, iom(summary_en="Published after a revalidation."))
    later()
    assert "Published after a revalidation." in request(base, IOM).text


def test_a_withdrawn_page_is_gone_through_the_proxy_within_a_second(stack):
    base, env = stack
    request(base, IOM)
    import_objects(env, iom(status="unpublished"))
    try:
        later()
        assert request(base, IOM).status == 404
    finally:
        import_objects(env, iom(status="published"))


def test_a_scheduled_page_goes_live_on_time_through_the_proxy(stack):
    base, env = stack
    # Far enough ahead that the import (a new process: Django's start-up, the import, the
    # search index) is surely done before it, on a loaded machine too: the first request
    # must come before the page's time, or it proves nothing.
    live_at = datetime.now(UTC) + timedelta(seconds=10)
    page = {
        "model": "cooperation.page",
        "fields": {
            "slug": "scheduled-notice",
            "title_en": "A scheduled notice",
            "status": "published",
            "publish_at": live_at.isoformat(),
        },
    }
    import_objects(env, [page])
    assert datetime.now(UTC) < live_at, "the import took longer than the schedule's lead"
    assert request(base, "/en/pages/scheduled-notice/").status == 404
    time.sleep(max(0, (live_at - datetime.now(UTC)).total_seconds()))
    later()
    assert request(base, "/en/pages/scheduled-notice/").status == 200


# Never cached -------------------------------------------------------------------------------


def test_signed_in_staff_are_never_served_from_nor_stored_in_the_proxy(stack):
    base, _env = stack
    request(base, IOM)
    staff = request(base, IOM, headers={"Cookie": "sessionid=anything"})
    assert staff.headers["X-Proxy-Cache"] == "BYPASS"
    assert "private" in staff.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/livez", "/healthz", "/admin/login/"])
def test_health_checks_and_the_admin_are_never_cached(stack, path):
    base, _env = stack
    for _ in range(2):
        assert "X-Proxy-Cache" not in request(base, path).headers


def test_unknown_parameters_are_redirected_and_the_redirect_is_not_kept(stack):
    base, _env = stack
    for _ in range(2):
        answer = request(base, IOM + "?utm_source=x")
        assert (answer.status, answer.headers["Location"]) == (301, IOM)
        assert answer.headers["X-Proxy-Cache"] == "MISS"


MIGRATION_RU = "/ru/search/?q=%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D0%B8"


def test_search_results_are_never_kept_by_the_proxy(stack):
    base, _env = stack
    for _ in range(2):
        answer = request(base, MIGRATION_RU)
        assert answer.status == 200
        assert "X-Proxy-Cache" not in answer.headers
        assert "Международная организация по миграции" in answer.text


def test_the_proxy_limits_how_fast_one_address_searches(stack):
    base, _env = stack
    later(3)  # the burst the test before used, given back
    answers = [request(base, f"/en/search/?q=migration+{n}") for n in range(30)]
    statuses = [answer.status for answer in answers]
    # A burst goes through at once; beyond it, a search a second.
    assert statuses[:10] == [200] * 10
    assert statuses.count(429) >= 10
    refused = next(answer for answer in answers if answer.status == 429)
    assert refused.headers["Retry-After"] == "5"
    for name in SECURITY_HEADERS:
        assert refused.headers[name], name
    # Pages other than the search are not limited, and the search comes back.
    assert request(base, IOM).status == 200
    later(2)
    assert request(base, "/en/search/?q=migration").status == 200


def test_an_anonymous_preview_is_no_way_around_the_cache(stack):
    base, _env = stack
    answer = request(base, IOM + "?preview")
    assert (answer.status, answer.headers["Location"]) == (301, IOM)


# Headers ------------------------------------------------------------------------------------

SECURITY_HEADERS = (
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Content-Security-Policy",
)


def test_a_page_kept_by_the_proxy_carries_the_headers_of_a_fresh_one(stack):
    base, env = stack
    import_objects(env, iom(summary_en="Headers, hit and miss."))
    later()
    miss = request(base, IOM)
    hit = request(base, IOM)
    assert (miss.headers["X-Proxy-Cache"], hit.headers["X-Proxy-Cache"]) != ("HIT", "MISS")
    assert hit.headers["X-Proxy-Cache"] == "HIT"
    assert set(miss.headers.keys()) == set(hit.headers.keys())
    for name in (*SECURITY_HEADERS, "Content-Length", "ETag"):
        assert hit.headers[name], name


@pytest.mark.parametrize(
    "path",
    ["/static/css/site.css", "/en/nowhere/", "/en/missions/go/?to=%00"],
    ids=["static file", "404", "400"],
)
def test_every_response_carries_the_security_headers(stack, path):
    base, _env = stack
    answer = request(base, path)
    for name in SECURITY_HEADERS:
        assert answer.headers[name], name


def test_static_files_are_served_by_the_proxy_for_a_year(stack):
    base, _env = stack
    answer = request(base, "/static/css/site.css")
    assert answer.status == 200
    assert "max-age=31536000" in answer.headers["Cache-Control"]
    assert "X-Cache" not in answer.headers  # never reached the app


# Limits -------------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_by_the_proxy(stack):
    base, _env = stack
    answer = request(base, "/en/", method="POST", body=b"x" * (2 * 1024 * 1024))
    assert answer.status == 413
    for name in SECURITY_HEADERS:
        assert answer.headers[name], name


def test_the_admin_takes_a_larger_body(stack):
    base, _env = stack
    answer = request(base, "/admin/login/", method="POST", body=b"x" * (2 * 1024 * 1024))
    assert answer.status != 413  # Django's answer (CSRF), not the proxy's refusal


def test_an_oversized_request_head_is_refused(stack):
    base, _env = stack
    assert request(base, "/en/", headers={"X-Padding": "a" * 9000}).status in (400, 431, 494)


def test_slow_clients_leave_every_other_request_answered(stack):
    base, _env = stack
    host, port = base.removeprefix("http://").split(":")
    stop = threading.Event()

    def dribble():
        with socket.create_connection((host, int(port))) as sock:
            for byte in b"GET /en/ HTTP/1.1\r\nHost: slow.example\r\nX-Slow: " + b"a" * 40:
                if stop.is_set():
                    return
                sock.send(bytes([byte]))
                time.sleep(0.1)

    slow = [threading.Thread(target=dribble, daemon=True) for _ in range(20)]
    for thread in slow:
        thread.start()
    try:
        time.sleep(0.5)
        for path in ("/livez", IOM, "/en/projects/", "/en/missions/", "/en/") * 2:
            assert request(base, path, timeout=1).status == 200, path
    finally:
        stop.set()


# Forwarded headers --------------------------------------------------------------------------


def test_forwarding_headers_from_a_client_are_not_believed(stack):
    base, env = stack
    import_objects(env, iom(summary_en="Forwarded headers."))
    later()
    crafted = request(
        base,
        IOM,
        headers={
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "evil.example",
            "SCRIPT_NAME": "/made-up-prefix",
            "X-Forwarded-For": "203.0.113.9",
        },
    )
    assert crafted.status == 200
    # The page's own absolute addresses (its canonical one, its breadcrumbs' in JSON-LD) keep
    # the scheme and host nginx saw (its $host: the address without the port).
    assert '<link rel="canonical" href="http://127.0.0.1/en/organizations/iom/">' in crafted.text
    assert "https://127.0.0.1" not in crafted.text
    assert "/made-up-prefix" not in crafted.text
    assert "evil.example" not in crafted.text
    assert "/made-up-prefix" not in request(base, IOM).text


def test_log_in_throttling_sees_the_clients_address_not_a_claimed_one(stack):
    base, env = stack
    form = request(base, "/admin/login/")
    cookie = form.headers["Set-Cookie"].split(";")[0]  # csrftoken=…
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    for n in range(3):
        answer = request(
            base,
            "/admin/login/",
            method="POST",
            body=f"csrfmiddlewaretoken={token}&username=someone&password=wrong".encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "X-Forwarded-For": f"198.51.100.{n}",
            },
        )
        assert answer.status in (200, 429), answer.status
    addresses = manage(
        env,
        "shell",
        "-c",
        "from axes.models import AccessAttempt as A; "
        "print(sorted({a.ip_address for a in A.objects.all()}))",
    )
    assert addresses.strip().splitlines()[-1] == "['127.0.0.1']"


# A hung database ----------------------------------------------------------------------------


@pytest.mark.skipif(not reachable(POSTGRES_URL), reason=f"needs PostgreSQL at {POSTGRES_URL}")
def test_a_hung_database_gives_the_503_page_within_seconds_and_the_site_recovers():
    with scratch_database("postgres") as url, tempfile.TemporaryDirectory() as static:
        prepare_site(production_env(url, static))
        host_port = url.split("@", 1)[1].split("/", 1)[0]
        host, port = host_port.split(":")
        with FaultyProxy(host, int(port)) as fault:
            faulty_url = url.replace(host_port, f"127.0.0.1:{fault.port}")
            env = production_env(faulty_url, static, DJANGO_PAGE_CACHE_SECONDS="0")
            with proxied_server(env) as (base, _run_dir):
                assert request(base, "/en/").status == 200
                fault.set_mode("hang")
                started = time.monotonic()
                answer = request(base, "/en/missions/", timeout=15)
                waited = time.monotonic() - started
                assert answer.status == 503
                assert answer.headers["Retry-After"] == "30"
                assert "Temporarily unavailable" in answer.text
                assert waited < 8
                fault.set_mode("pass")
                deadline = time.monotonic() + 30
                while request(base, "/en/missions/", timeout=15).status != 200:
                    assert time.monotonic() < deadline, "the site did not recover"
                    time.sleep(0.5)


def test_behind_a_tls_proxy_of_its_own_nginx_believes_only_that_proxy(tmp_path):
    """--trusted-proxy: the client's address and scheme come from the proxy in front (and a
    configuration nginx accepts); without it, from the connection."""
    env = production_env("sqlite:///" + str(tmp_path / "db.sqlite3"), str(tmp_path))
    for options, believed in (([], False), (["--trusted-proxy", "10.0.0.0/8"], True)):
        config = tmp_path / "nginx.conf"
        manage(env, "nginx_config", "--run-dir", str(tmp_path), "--output", str(config), *options)
        text = config.read_text()
        assert ("set_real_ip_from 10.0.0.0/8;" in text) is believed
        assert ("10.0.0.0/8 1;" in text) is believed
        checked = subprocess.run(
            ["nginx", "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr


def test_behind_a_tls_proxy_the_http_and_https_pages_are_kept_apart():
    """The proxy in front terminates TLS and says which scheme the visitor used: a page kept
    for an https visitor (its links https) is never the one an http visitor gets."""
    with scratch_database("sqlite") as url, tempfile.TemporaryDirectory() as static:
        env = production_env(url, static, DJANGO_BEHIND_TLS_PROXY="true")
        prepare_site(env)
        with proxied_server(env, IOMSITE_NGINX_OPTIONS="--trusted-proxy 127.0.0.1") as (base, _):
            over_tls = {"X-Forwarded-Proto": "https"}
            for _attempt in range(2):
                assert 'href="https://127.0.0.1/en/' in request(base, IOM, headers=over_tls).text
            plain = request(base, IOM, headers={"X-Forwarded-Proto": "http"})
            assert plain.headers["X-Proxy-Cache"] == "MISS"
            assert '<link rel="canonical" href="http://127.0.0.1/en/' in plain.text
