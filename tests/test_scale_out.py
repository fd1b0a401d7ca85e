"""Two app servers sharing one PostgreSQL and one Redis: a change made through one is what
the other serves on its very next request, though both had the old page cached."""

import http.cookiejar
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis

from .servers import (
    POSTGRES_URL,
    REDIS_URL,
    app_server,
    manage,
    prepare_site,
    production_env,
    reachable,
    scratch_database,
)

pytestmark = [
    pytest.mark.skipif(
        not reachable(POSTGRES_URL),
        reason=f"scale-out test skipped: no PostgreSQL at {POSTGRES_URL}",
    ),
    pytest.mark.skipif(
        not reachable(REDIS_URL), reason=f"scale-out test skipped: no Redis at {REDIS_URL}"
    ),
]

PAGE = "/en/pages/accessibility/"


def fetch(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, f"{error.url}: {error.read().decode()[:300]}"


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def site_env():
    redis.Redis.from_url(REDIS_URL).flushdb()
    with scratch_database("postgres") as database, tempfile.TemporaryDirectory() as static:
        env = production_env(database, static, CACHE_URL=REDIS_URL)
        prepare_site(env)
        manage(
            env | {"DJANGO_SUPERUSER_PASSWORD": "scale-out-pass"},
            *("createsuperuser", "--no-input", "--username", "chief", "--email", "c@example.org"),
        )
        yield env
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_a_change_through_one_server_is_served_by_the_other_next(site_env):
    anonymous = urllib.request.build_opener()
    with app_server(site_env) as server_a, app_server(site_env) as server_b:
        for server in (server_a, server_b):
            fetch(anonymous, server + PAGE)
            status, headers, html = fetch(anonymous, server + PAGE)
            assert status == 200 and headers["X-Cache"] == "hit"
            assert "Accessibility statement" in html

        # An editor unpublishes the page through server A's admin.
        staff = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        _, _, login = fetch(staff, server_a + "/admin/login/")
        fields = {
            "username": "chief",
            "password": "scale-out-pass",
            "csrfmiddlewaretoken": csrf_token(login),
            "next": "/admin/",
        }
        status, _, body = fetch(
            staff, server_a + "/admin/login/", urllib.parse.urlencode(fields).encode()
        )
        assert status == 200, body  # followed the redirect to the dashboard
        _, _, changelist = fetch(staff, server_a + "/admin/cooperation/page/?q=accessibility")
        pk = re.search(r'name="_selected_action" value="(\d+)"', changelist).group(1)
        action = {
            "action": "unpublish_selected",
            "_selected_action": pk,
            "csrfmiddlewaretoken": csrf_token(changelist),
        }
        fetch(staff, server_a + "/admin/cooperation/page/", urllib.parse.urlencode(action).encode())

        status, _, _ = fetch(anonymous, server_b + PAGE)
        assert status == 404
        _, _, home = fetch(anonymous, server_b + "/en/")
        assert "Accessibility statement" not in home
