"""The site's own records: the content version the page cache trusts."""

from django.db import models


class ContentVersion(models.Model):
    """The current version of the site's content: one row, given a new value after every
    content change is committed. The page cache keeps a copy in the shared
    cache for a second at a time, so a change the cache did not hear of (Redis away at that
    moment) still takes effect on every server within a second of the cache answering."""

    version = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "content version"
        verbose_name_plural = "content versions"

    def __str__(self):
        return self.version
