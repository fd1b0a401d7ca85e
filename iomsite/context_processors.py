"""Context shared by every page's chrome."""

from django.utils.functional import SimpleLazyObject

from cooperation.site_chrome import site_chrome


def chrome(request):
    """The footer's selector options and pages, read only if a template renders them."""
    return {"site_chrome": SimpleLazyObject(site_chrome)}
