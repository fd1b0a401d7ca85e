"""Root URLs: public pages under a language prefix; admin, health, sitemap, robots.txt and
the favicon without."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from .health import healthz, livez
from .root_files import FaviconView, RobotsTxtView
from .sitemaps import sitemaps

urlpatterns = [
    path("livez", livez, name="livez"),
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", RobotsTxtView.as_view(), name="robots-txt"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    # Django's set_language: the admin's language switch (a POST, redirected only on-site).
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(path("", include("cooperation.urls")))

# Uploaded files in development; production serves MEDIA_URL from its storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "iomsite.error_pages.bad_request"
handler500 = "iomsite.unavailable.server_error"
