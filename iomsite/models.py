"""The site's own records: the content version the page cache trusts."""

from django.db import models


class ContentVersion(models.Model):
    """One row for every content change, written with the change: the newest row's id is the
    current version of the site's content. The page cache keeps a copy in the shared cache
    for a second at a time, so a change the cache did not hear of (Redis away at that moment)
    still takes effect on every server within a second. Rows are added, never updated, so
    concurrent content transactions never wait on one another for them."""

    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "content version"
        verbose_name_plural = "content versions"

    def __str__(self):
        return str(self.pk)
