"""``manage.py export_content --output DIR``: the site's content as fixture files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cooperation.content_export import export_content


class Command(BaseCommand):
    help = (
        "Write the site's content as JSON fixture files (natural keys, no primary keys), one per "
        "model, that import_content reads back into an empty database to the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="an empty or new folder")

    def handle(self, *args, output, verbosity=1, **options):
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} exists and is not a folder.")
        if folder.is_dir() and any(folder.glob("*.json")):
            raise CommandError(
                f"{folder} already holds .json files; export into an empty or new folder so that "
                "no stale file is imported with the new ones."
            )
        counts = export_content(folder)
        if verbosity:
            total = sum(counts.values())
            self.stdout.write(f"Exported {total} objects to {folder}/ in {len(counts)} files.")
