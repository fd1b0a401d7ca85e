"""The search results page: ``/<lang>/search/?q=…``, in the page's language."""

from django.core.paginator import Paginator
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from iomsite.canonical_urls import query_text

from ..models.translation import LANGUAGE_CODES, SOURCE_LANGUAGE
from ..views import BreadcrumbsMixin, PageLanguagesMixin
from .query import MAX_QUERY_LENGTH, cleaned, result, search, uses_full_text_search

RESULTS_PER_PAGE = 10


class SearchView(PageLanguagesMixin, BreadcrumbsMixin, TemplateView):
    """Published content matching the visitor's words, best first, ten at a time.

    Every query is an address of its own, so no cache keeps these pages: the page cache and
    the proxy skip them (``Cache-Control: private``), and the proxy limits how often one
    client may search (deploy/nginx.conf). The query is cut to MAX_QUERY_LENGTH characters;
    whatever it holds (quotes, operators, nonsense) it answers a page, never an error.
    """

    template_name = "cooperation/search.html"
    query_parameters = ("q", "page")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        patch_cache_control(response, private=True, max_age=0)
        # Results pages are not for search engines' indexes (robots.txt says so too).
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        asked = self.request.GET.get("q", "")
        query = cleaned(asked)
        language = get_language() if get_language() in LANGUAGE_CODES else SOURCE_LANGUAGE
        paginator = Paginator(search(query, language), RESULTS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            query=query,
            # Encoded as the canonical address encodes it, so "next page" is not a redirect.
            page_query=query_text([("q", query)]),
            shortened=len(" ".join(asked.split())) > MAX_QUERY_LENGTH,
            max_length=MAX_QUERY_LENGTH,
            # Phrases, "or" and "-word" are PostgreSQL's web search syntax; SQLite has none.
            query_syntax=uses_full_text_search(),
            paginator=paginator,
            page_obj=page,
            results=[result(row, query) for row in page.object_list] if query else [],
            **kwargs,
        )

    def get_breadcrumbs(self):
        return [(_("Search"), None)]
