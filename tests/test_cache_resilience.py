"""The page cache under hostile traffic and faults: canonical addresses, bounded entries,
headers on hits, the scheme in the key, invalidation that is not lost, a hung Redis, bodies
too large. Faults are made with a TCP proxy in front of the real Redis (tests/faults.py)."""

import time
import uuid

import pytest
from django.db import connection
from django.test import override_settings

from cooperation.models import Organization, Status
from iomsite import page_cache
from iomsite.cache_config import cache_from_url

from .faults import FaultyProxy
from .servers import REDIS_URL, reachable

pytestmark = pytest.mark.django_db
needs_redis = pytest.mark.skipif(not reachable(REDIS_URL), reason=f"no Redis at {REDIS_URL}")
IOM = "/en/organizations/iom/"


def cached_pages() -> int:
    """Pages in the database cache (the tests' default cache)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM iomsite_cache WHERE cache_key LIKE %s", ["%page%"])
        return cursor.fetchone()[0]


# Canonical addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        (IOM + "?x=1", IOM),
        (IOM + "?utm_source=mail&x", IOM),
        ("/en/?page=2", "/en/"),
        ("/en/projects/?stage=ongoing&x=1", "/en/projects/?stage=ongoing"),
        (
            "/en/projects/?stage=ongoing&organization=iom",
            "/en/projects/?organization=iom&stage=ongoing",
        ),
        ("/en/projects/?stage=ongoing&stage=planned", "/en/projects/?stage=ongoing"),
        ("/en/projects/?theme=no-such-theme", "/en/projects/"),
        ("/en/projects/?page=1", "/en/projects/"),
        (IOM + "?preview", IOM),  # anonymous: no preview, and no way around the cache
        ("/en/?&", "/en/"),  # the caches' keys are the text: an empty pair is another key
        ("/en/projects/?%70age=2", "/en/projects/?page=2"),
        ("/en/projects/?stage=ongoing&", "/en/projects/?stage=ongoing"),
    ],
)
def test_a_request_with_parameters_a_page_does_not_understand_is_redirected(
    client, site_content, asked, canonical
):
    response = client.get(asked)
    assert (response.status_code, response["Location"]) == (301, canonical)
    assert "no-store" in response["Cache-Control"]


def test_made_up_parameters_add_no_cache_entries(client, site_content):
    client.get(IOM)
    before = cached_pages()
    for _ in range(20):
        assert client.get(f"{IOM}?{uuid.uuid4().hex}=1").status_code == 301
    assert cached_pages() == before == 1


def test_staff_keep_their_preview_parameter(admin_client, site_content):
    assert admin_client.get(IOM + "?preview").status_code == 200


def test_the_canonical_address_is_served(client, site_content):
    response = client.get("/en/projects/?organization=iom&stage=ongoing")
    assert response.status_code == 200


def test_pages_in_every_language_are_canonical(client, site_content):
    response = client.get("/be/organizations/iom/?x=1")
    assert (response.status_code, response["Location"]) == (301, "/be/organizations/iom/")


def test_unknown_parameters_never_reach_a_pages_links(client, site_content):
    html = client.get(IOM + "?evil=%22onmouseover", follow=True).text
    assert "evil" not in html


# The key and the headers of a hit -----------------------------------------------------------


def test_the_scheme_is_part_of_the_cache_key(client, site_content):
    assert client.get(IOM)["X-Cache"] == "miss"
    assert client.get(IOM)["X-Cache"] == "hit"
    assert client.get(IOM, secure=True)["X-Cache"] == "miss"
    assert client.get(IOM, secure=True)["X-Cache"] == "hit"


def test_a_hit_carries_every_header_a_miss_carries(client, site_content):
    miss = client.get(IOM)
    hit = client.get(IOM)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    per_request = {"x-cache", "x-request-id", "content-security-policy"}  # values differ
    assert {h.lower() for h in miss.headers} - per_request <= {h.lower() for h in hit.headers}
    for name in ("X-Frame-Options", "Content-Length", "Content-Security-Policy", "ETag"):
        assert hit[name], name
    assert int(hit["Content-Length"]) == len(hit.content)


# Invalidation and faults --------------------------------------------------------------------


@pytest.fixture
def redis_proxy():
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    with FaultyProxy(host, int(port)) as proxy:
        database = REDIS_URL.rsplit("/", 1)[1]
        proxy.url = f"redis://127.0.0.1:{proxy.port}/{database}"
        yield proxy


def through(proxy):
    """Settings for a cache reached through ``proxy``; each use is a new server's cache."""
    return override_settings(CACHES={"default": cache_from_url(proxy.url)})


@needs_redis
def test_a_withdrawn_page_is_not_served_again_when_its_invalidation_was_lost(
    transactional_db, client, site_content, redis_proxy
):
    with through(redis_proxy):
        from django.core.cache import cache

        cache.clear()
        client.get(IOM)
        assert client.get(IOM)["X-Cache"] == "hit"
        redis_proxy.set_mode("cut")
        withdrawn_at = time.monotonic()
        organization = Organization.objects.get(slug="iom")
        organization.status = Status.UNPUBLISHED
        organization.save()  # committed; the cache cannot hear of it
        redis_proxy.set_mode("pass")
    # Another server, whose cache is healthy, after the change: never the withdrawn page.
    time.sleep(max(0, withdrawn_at + page_cache.STATE_SECONDS + 0.1 - time.monotonic()))
    with through(redis_proxy):
        for _ in range(3):
            assert client.get(IOM).status_code == 404


@needs_redis
def test_a_hung_redis_is_waited_for_once_then_left_alone(client, site_content, redis_proxy):
    with through(redis_proxy):
        client.get(IOM)
        redis_proxy.set_mode("hang")
        first = client.get(IOM)
        asked = redis_proxy.unanswered
        later = [client.get(IOM) for _ in range(5)]
    assert first.status_code == 200 and all(r.status_code == 200 for r in later)
    assert asked >= 1
    assert redis_proxy.unanswered == asked  # the later requests did not ask Redis at all
    assert {r["X-Cache"] for r in later} == {"miss"}


# Bodies --------------------------------------------------------------------------------------


def test_an_anonymous_huge_body_is_refused_before_it_is_read(client):
    response = client.generic("POST", "/en/", b"x" * 10, CONTENT_LENGTH=str(300 * 1024 * 1024))
    assert response.status_code == 413


def test_a_public_form_body_over_a_mebibyte_is_refused(client):
    response = client.post("/en/missions/go/", {"to": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 413


def test_the_admin_accepts_an_upload_of_ten_megabytes(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("big.json", b" " * (10 * 1000 * 1000 - 10) + b"[]")
    response = admin_client.post("/admin/cooperation/contentimport/add/", {"file": big})
    assert response.status_code == 302


def test_the_proxy_is_told_to_keep_a_page_to_the_end_of_this_second_on_a_304_too(
    client, site_content
):
    page = client.get(IOM)
    again = client.get(IOM, headers={"if-none-match": page["ETag"]})
    assert again.status_code == 304
    for response in (page, again):
        stale_at = int(response["X-Accel-Expires"].removeprefix("@"))
        assert abs(stale_at - time.time()) <= 1
        assert "s-maxage=1" in response["Cache-Control"]


def test_staff_pages_give_the_proxy_no_lifetime(admin_client, site_content):
    assert "X-Accel-Expires" not in admin_client.get(IOM)


def test_a_page_stays_cached_after_the_caches_copy_of_the_version_expires(client, site_content):
    """The copy of the content version in the cache lasts a second; the version it is read
    again from is the same, so pages stay cached (they are not rendered once a second)."""
    assert client.get(IOM)["X-Cache"] == "miss"
    time.sleep(page_cache.STATE_SECONDS + 0.1)
    assert client.get(IOM)["X-Cache"] == "hit"
