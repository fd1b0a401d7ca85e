"""The database cache's table, for deployments without Redis: ``migrate`` is then enough."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing when CACHES names no database cache; safe to run again.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
