"""The search results page."""

from django.views.generic import TemplateView


class SearchView(TemplateView):
    template_name = "cooperation/search.html"
