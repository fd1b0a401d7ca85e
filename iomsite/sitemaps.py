"""sitemap.xml: every public page, in each language it is translated into."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperation.models import DiplomaticMission, Page
from cooperation.models.translation import SOURCE_LANGUAGE, is_translated
from cooperation.visibility import public_organizations, public_projects


class LocalizedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(LocalizedSitemap):
    def items(self):
        return [
            "cooperation:home",
            "cooperation:organization-list",
            "cooperation:project-list",
            "cooperation:mission-list",
        ]

    def location(self, item):
        return reverse(item)


class ContentSitemap(LocalizedSitemap):
    def __init__(self, queryset_factory):
        self.queryset_factory = queryset_factory

    def items(self):
        return self.queryset_factory()

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        # English is the source and always there; a translation only once it is complete.
        return [
            code
            for code in super().get_languages_for_item(item)
            if code == SOURCE_LANGUAGE or is_translated(item, code)
        ]


sitemaps = {
    "pages": StaticPagesSitemap,
    "organizations": ContentSitemap(public_organizations),
    "projects": ContentSitemap(public_projects),
    "missions": ContentSitemap(lambda: DiplomaticMission.objects.published()),
    "texts": ContentSitemap(lambda: Page.objects.published().exclude(slug=Page.HOME)),
}
