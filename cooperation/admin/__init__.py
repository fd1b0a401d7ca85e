"""The Django admin for ministry staff."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import content, imports, working_copies  # noqa: F401  (registers the ModelAdmins)

# The site's own names, not Django's stock "Django administration" / "Site administration"
# (the header's branding block and the ministry's name are in templates/admin/base_site.html).
admin.site.site_header = _("Belarus and International Organizations")
admin.site.site_title = _("Belarus and International Organizations — administration")
admin.site.index_title = _("Editorial desk")
