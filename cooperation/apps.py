from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Belarus' cooperation with international organizations: the site's domain."""

    name = "cooperation"
    verbose_name = _("Cooperation with international organizations")
