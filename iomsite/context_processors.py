"""Context shared by every page's chrome."""

from django.utils.functional import SimpleLazyObject

from cooperation.missions_selector import selector_groups


def missions_selector(request):
    """The footer selector's options, queried only if a template renders them."""
    return {"missions_selector_groups": SimpleLazyObject(selector_groups)}
