"""``manage.py import_content PATH [PATH ...]``: import fixture files all-or-nothing."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cooperation.content_import import ImportFailed, import_content, importable_models


class Command(BaseCommand):
    help = (
        "Import content from JSON fixture files or folders of them (natural keys, no primary "
        "keys). Every object is validated first; a set with any problem writes nothing. "
        "Objects are matched by natural key, so importing the same content again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="fixture files or folders of .json files")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=(
                "report what would be created, updated and left unchanged — each object, and "
                "each field that would change with its old and new value; write nothing"
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="import only into a database that holds no content yet (first deployment)",
        )

    def handle(self, *args, paths, dry_run=False, if_empty=False, verbosity=1, **options):
        if if_empty and any(m.objects.exists() for m in importable_models().values()):
            if verbosity:
                self.stdout.write("The database already holds content; nothing was imported.")
            return
        progress = self._progress_bar if self.stdout.isatty() and verbosity > 0 else None
        try:
            report = import_content(paths, dry_run=dry_run, progress=progress)
        except ImportFailed as failure:
            # Numbered, so that staff can say "problem 3" and see at once how many remain.
            for number, problem in enumerate(failure.problems, start=1):
                self.stderr.write(f"  {number}. {problem}")
            raise CommandError(
                f"{len(failure.problems)} problem(s) found; nothing was imported."
            ) from None
        if progress:
            self.stdout.write("")
        if verbosity == 0:
            return
        header = "Dry run — nothing was written." if dry_run else "Import complete."
        self.stdout.write(header if dry_run else self.style.SUCCESS(header))
        for line in report.table():
            self.stdout.write(f"  {line}")
        # A dry run is asked what it would do, object by object; a real import lists what it
        # did only when asked (-v 2): ``make run`` imports fixtures/ on every start.
        if (dry_run or verbosity > 1) and (lines := report.change_lines()):
            self.stdout.write("")
            for line in lines:
                self.stdout.write(f"  {line}")

    def _progress_bar(self, done, total):
        width = 40
        filled = int(width * done / total) if total else width
        sys.stdout.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} objects")
        sys.stdout.flush()
