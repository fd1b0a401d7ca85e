"""Context shared by every page's chrome."""

from django.utils.functional import SimpleLazyObject

from cooperation.site_chrome import site_chrome


def chrome(request):
    """The footer's selector options and pages: those the view read with its page
    (``request.site_chrome``), or else queried only if a template renders them."""
    read = getattr(request, "site_chrome", None)
    return {"site_chrome": read if read is not None else SimpleLazyObject(site_chrome)}
