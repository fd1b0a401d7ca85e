"""What crawlers and browsers ask for at the site's root: ``/robots.txt`` and ``/favicon.ico``.

robots.txt is a page like the others — cached whole, and canonical (it understands no query
parameters) — and names the sitemap at the address it was asked for. The favicon lives with
the static files (its name hashed in production); the root address redirects to it.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views import View

# How long a browser may keep the favicon's redirect: its target changes with a new icon.
FAVICON_REDIRECT_SECONDS = 24 * 60 * 60


class RobotsTxtView(View):
    """Everything public may be crawled but the search results (an address per query, and
    noindex already). The admin is not named: its address is kept off the usual one so that
    robots do not find it, and robots.txt is read by anyone."""

    query_parameters = ()

    def get(self, request):
        disallowed = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                disallowed.append(reverse("cooperation:search"))
        lines = [
            "User-agent: *",
            *(f"Disallow: {path}" for path in disallowed),
            "Allow: /",
            "",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        ]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class FaviconView(View):
    """``/favicon.ico``, which browsers ask for whatever the page links: to the static file."""

    query_parameters = ()

    def get(self, request):
        response = HttpResponseRedirect(static("favicon.ico"))
        patch_cache_control(response, public=True, max_age=FAVICON_REDIRECT_SECONDS)
        return response
