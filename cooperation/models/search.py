"""The search index: what the public may see, one row per item, page and language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One public item's text in one language, as its page shows it, and where that page is.

    Written only by ``cooperation.search.index`` (kept current on every save, delete and
    import); never edited by hand. Every searchable model shares this one table, so a search
    is one query (and one to count) however many kinds of content there are. An item is
    indexed once it and everything its page depends on are published; ``visible_from`` holds
    the latest of their scheduled times, so a scheduled item turns up when it goes live.
    """

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("International organization")
        COOPERATION = "cooperation", _("Cooperation with Belarus")
        FOCUS_AREA = "focus_area", _("Area of work")
        FRAMEWORK = "framework", _("International framework")
        MILESTONE = "milestone", _("Milestone")
        PROJECT = "project", _("Project")
        MISSION = "mission", _("Diplomatic mission")
        PAGE = "page", _("Page")

    # The page an entry belongs to: "organization:<id>" for an organization and everything
    # shown on its page, "mission:<id>", "page:<id>". Re-indexing works a scope at a time.
    scope = models.CharField(max_length=40)
    kind = models.CharField(max_length=20, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    url = models.CharField(max_length=500)
    title = models.TextField()
    # Plain text: the page's texts with the HTML taken out.
    body = models.TextField(blank=True)
    # "en" where the English text stands in for a missing translation, as the page marks it.
    title_language = models.CharField(max_length=8, blank=True)
    body_language = models.CharField(max_length=8, blank=True)
    # Case-folded copies for SQLite, whose LIKE folds only ASCII letters (PostgreSQL searches
    # its full-text vectors of title and body instead).
    folded_title = models.TextField()
    folded_body = models.TextField(blank=True)
    visible_from = models.DateTimeField(null=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "kind", "object_id", "language"],
                name="cooperation_searchentry_unique",
            )
        ]
        indexes = [
            models.Index(fields=["language", "updated_at"], name="cooperation_search_recent")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title} ({self.language})"
