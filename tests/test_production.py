"""Production behaviour: settings, security headers, page cache, conditional requests,
health checks, and what happens when the database or Redis is down."""

import datetime
import hashlib
import json
import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.test import override_settings
from django.utils import timezone

from cooperation.models import Status
from iomsite.cache_config import cache_from_url

from .factories import OrganizationFactory, PageFactory
from .servers import REDIS_URL, ROOT, reachable

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "belarus-io.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "DJANGO_BEHIND_TLS_PROXY": "true",
    "DJANGO_STATIC_MANIFEST": "true",
}


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base["DJANGO_READ_DOTENV"] = "false"  # a developer's .env is not production's
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
    )


# Settings --------------------------------------------------------------------------------


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_reports_no_issues_under_the_documented_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# Headers ---------------------------------------------------------------------------------


def test_every_page_carries_the_security_headers(client, site_content):
    response = client.get("/en/organizations/iom/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert len(response["X-Request-ID"]) == 32


def test_https_responses_carry_hsts(client, site_content):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_plain_http_is_redirected_to_https_by_default_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/livez").status_code == 200  # load balancers probe over HTTP


def test_session_cookies_are_secure_and_http_only(client, django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.org", "pw-long-enough")
    response = client.post("/admin/login/", {"username": "chief", "password": "pw-long-enough"})
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]


# The page cache ----------------------------------------------------------------------------


def test_anonymous_visitors_get_cached_pages(client, site_content):
    assert client.get("/en/organizations/iom/")["X-Cache"] == "miss"
    response = client.get("/en/organizations/iom/")
    assert response["X-Cache"] == "hit"
    assert "International Organization for Migration" in response.content.decode()
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]


def test_staff_never_read_nor_fill_the_cache(client, site_content, admin_user):
    client.force_login(admin_user)
    response = client.get("/en/organizations/iom/")
    assert response["X-Cache"] == "bypass" and "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get("/en/organizations/iom/")["X-Cache"] == "miss"


def test_a_preview_never_reads_nor_fills_the_cache(admin_client, client, site_content):
    draft = OrganizationFactory(status=Status.DRAFT, name="Secret Draft")
    assert admin_client.get(draft.get_absolute_url() + "?preview")["X-Cache"] == "bypass"
    anonymous = client.get(draft.get_absolute_url() + "?preview")
    assert (anonymous.status_code, anonymous["Location"]) == (301, draft.get_absolute_url())


def test_a_content_change_is_served_on_the_next_request(client, site_content):
    from cooperation.models import Organization

    client.get("/en/organizations/iom/")
    iom = Organization.objects.get(slug="iom")
    iom.summary = "A summary changed a moment ago."
    iom.save()
    response = client.get("/en/organizations/iom/")
    assert response["X-Cache"] == "miss"
    assert "A summary changed a moment ago." in response.content.decode()


def test_an_import_is_served_on_the_next_request(client, site_content, tmp_path):
    from cooperation.content_import import import_content

    client.get("/en/organizations/iom/")
    change = tmp_path / "change.json"
    change.write_text(
        json.dumps(
            [{"model": "cooperation.organization", "fields": {"slug": "iom", "member_states": 175}}]
        )
    )
    import_content([change])
    assert "175" in client.get("/en/organizations/iom/").content.decode()


def test_a_scheduled_publication_is_served_once_its_time_comes(client, site_content, monkeypatch):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    PageFactory(slug="scheduled", title="Scheduled Statement", publish_at=go_live)
    assert client.get("/en/pages/scheduled/").status_code == 404
    assert "Scheduled Statement" not in client.get("/en/").content.decode()
    client.get("/en/")  # now cached

    later = go_live + datetime.timedelta(seconds=1)
    monkeypatch.setattr("cooperation.models.publishing.timezone.now", lambda: later)
    monkeypatch.setattr("iomsite.page_cache.time.time", lambda: later.timestamp())
    assert client.get("/en/pages/scheduled/").status_code == 200


def test_conditional_requests_get_304(client, site_content):
    etag = client.get("/en/organizations/iom/")["ETag"]
    response = client.get("/en/organizations/iom/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_cached_page_is_served_with_the_etag_of_its_content(client, site_content):
    first = client.get("/en/organizations/iom/")
    hit = client.get("/en/organizations/iom/")
    assert (first["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    expected = hashlib.md5(hit.content, usedforsecurity=False).hexdigest()
    assert hit["ETag"] == first["ETag"] == f'"{expected}"'
    revalidated = client.get("/en/organizations/iom/", headers={"if-none-match": hit["ETag"]})
    assert revalidated.status_code == 304


@pytest.mark.skipif(not reachable(REDIS_URL), reason=f"skipped: no Redis at {REDIS_URL}")
def test_pages_are_cached_in_redis(client, site_content):
    with override_settings(CACHES={"default": cache_from_url(REDIS_URL)}):
        from django.core.cache import cache

        cache.clear()
        client.get("/en/missions/")
        assert client.get("/en/missions/")["X-Cache"] == "hit"
        cache.clear()


def test_when_redis_is_down_the_site_serves_uncached_and_logs_it(client, site_content, caplog):
    down = {"default": cache_from_url("redis://127.0.0.1:1/0")}
    with override_settings(CACHES=down), caplog.at_level(logging.WARNING, "iomsite.cache"):
        first = client.get("/en/organizations/iom/")
        second = client.get("/en/organizations/iom/")
        health = client.get("/healthz")
    assert first.status_code == second.status_code == 200
    assert second["X-Cache"] == "miss"
    outage = [r.getMessage() for r in caplog.records if r.name == "iomsite.cache"]
    # Once: after the first failure the process leaves Redis alone for a while.
    assert len(outage) == 1 and outage[0].startswith("Redis unavailable")
    assert health.status_code == 503 and health.json()["cache"] == "unreachable"


# Health and outages ------------------------------------------------------------------------


def test_livez_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/livez").json() == {"status": "ok"}


def test_a_database_outage_is_a_friendly_503_and_the_site_recovers(client, database_down):
    OrganizationFactory.reset_sequence()
    page = client.get("/en/organizations/")
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert "Temporarily unavailable" in page.content.decode()
    assert "Traceback" not in page.content.decode()
    assert client.get("/healthz").status_code == 503
    assert client.get("/livez").status_code == 200

    database_down()  # the database is back
    assert client.get("/en/organizations/").status_code == 200
    assert client.get("/healthz").status_code == 200


# Logs --------------------------------------------------------------------------------------


def test_each_request_is_logged_as_one_json_object(client, caplog):
    from iomsite.request_log import JsonFormatter

    with caplog.at_level(logging.INFO, "iomsite.request"):
        client.get("/livez", headers={"x-request-id": "proxy-req-12345"})
    record = next(r for r in caplog.records if r.name == "iomsite.request")
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "proxy-req-12345"
    assert entry["path"] == "/livez" and entry["status"] == 200 and entry["method"] == "GET"
    assert isinstance(entry["duration_ms"], float)


def test_a_hostile_request_id_is_replaced(client):
    response = client.get("/livez", headers={"x-request-id": "<script>alert(1)</script>"})
    assert response["X-Request-ID"] != "<script>alert(1)</script>"


def test_the_500_page_renders_without_request_or_database(rf, django_assert_num_queries):
    from iomsite.unavailable import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html and 'lang="en"' in html
