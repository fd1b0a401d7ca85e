from django.apps import AppConfig


class IomsiteConfig(AppConfig):
    """Site-wide plumbing: the page cache listens for content changes from the start."""

    name = "iomsite"
    verbose_name = "iomsite"

    def ready(self):
        from cooperation.signals import content_changed

        from .page_cache import invalidate_pages

        content_changed.connect(invalidate_pages, dispatch_uid="iomsite.invalidate_pages")
