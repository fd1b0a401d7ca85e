from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Belarus' cooperation with international organizations: the site's domain."""

    name = "cooperation"
    verbose_name = _("Cooperation with international organizations")

    def ready(self):
        from .roles import content_models, sync_roles
        from .search import index
        from .signals import connect_content_models

        connect_content_models(content_models())
        index.connect(content_models())

        # After the permissions themselves are created (also a post_migrate handler).
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="cooperation.sync_roles")
        # After every migrate, the search index holds what the content and the indexing code
        # of this release say (a new table filled, a changed rule applied).
        post_migrate.connect(
            index.rebuild_after_migrate, sender=self, dispatch_uid="cooperation.search_index"
        )
