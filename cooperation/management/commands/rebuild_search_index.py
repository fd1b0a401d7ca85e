"""``manage.py rebuild_search_index``: the search index brought back to what the content holds.

The index keeps itself current on every save, deletion and import, and is rebuilt after every
``migrate``; this is for the writes that bypass all of those — ``loaddata``, a database
restored from a backup, rows changed by hand in SQL. Only the differences are written, in one
transaction; the site stays up meanwhile.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from cooperation.models import SearchEntry
from cooperation.search import index


class Command(BaseCommand):
    help = (
        "Re-index the site search from the published content (after loaddata, a restored "
        "backup or changes made in SQL); writes only what differs."
    )

    def handle(self, *args, verbosity=1, **options):
        with transaction.atomic():
            index.rebuild()
        if verbosity:
            count = SearchEntry.objects.count()
            self.stdout.write(f"Search index up to date: {count} entries.")
