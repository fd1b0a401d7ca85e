"""Benchmark the content import: generate a large fixture set, import it, print the figures.

    python -m tests.benchmarks.import_benchmark [--organizations 500] [--milestones 19]

Runs against a database of its own, created and dropped by the script: a temporary
SQLite file, or, when DATABASE_URL names PostgreSQL, a database called
``<name>_import_bench`` on that server. Prints objects per second for a first
import (everything created) and a second one (everything unchanged), and the
process's peak memory. A benchmark, not a test: nothing here asserts a speed.
"""

import argparse
import json
import os
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def generate(folder: Path, organizations: int, milestones: int) -> int:
    """Fixture files: each organization with a cooperation and its milestones, children first."""
    orgs, coops, events = [], [], []
    for n in range(organizations):
        slug = f"bench-org-{n:05d}"
        orgs.append(
            {
                "model": "cooperation.organization",
                "fields": {
                    "slug": slug,
                    "name_en": f"Benchmark Organization {n}",
                    "acronym_en": f"BO{n}",
                    "summary_en": "Generated for the import benchmark.",
                    "body_en": "<p>Generated.</p>",
                    "founded_year": 1950 + n % 70,
                    "status": "published",
                },
            }
        )
        coops.append(
            {
                "model": "cooperation.cooperation",
                "fields": {
                    "organization": [slug],
                    "participating_since": 1990 + n % 30,
                    "status": "published",
                },
            }
        )
        for m in range(milestones):
            events.append(
                {
                    "model": "cooperation.milestone",
                    "fields": {
                        "organization": [slug],
                        "date": f"{1990 + m}-01-01",
                        "date_precision": "year",
                        "title_en": f"Milestone {m} of organization {n}",
                        "status": "published",
                    },
                }
            )
    # Children before parents, across files, as a maintainer's folder might hold them.
    (folder / "1_milestones.json").write_text(json.dumps(events))
    (folder / "2_cooperation.json").write_text(json.dumps(coops))
    (folder / "3_organizations.json").write_text(json.dumps(orgs))
    return len(orgs) + len(coops) + len(events)


def use_own_database():
    """Point DATABASE_URL at a fresh benchmark database; returns a function that drops it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = (parts.path.lstrip("/") or "iomsite") + "_import_bench"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

        return "PostgreSQL", drop
    handle, path = tempfile.mkstemp(suffix=".sqlite3")
    os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return "SQLite", lambda: os.unlink(path)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=500)
    parser.add_argument("--milestones", type=int, default=19)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomsite.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    engine, drop = use_own_database()
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from cooperation.content_import import import_content

        call_command("migrate", verbosity=0)
        with tempfile.TemporaryDirectory() as folder:
            total = generate(Path(folder), args.organizations, args.milestones)
            before = peak_rss_mib()
            print(
                f"Import benchmark on {engine}: {total} objects "
                f"({args.organizations} organizations × (1 cooperation + {args.milestones} "
                "milestones), in 3 files, children first)"
            )
            for label in ("first import (all created)", "second import (all unchanged)"):
                start = time.perf_counter()
                report = import_content([folder])
                seconds = time.perf_counter() - start
                created = sum(c.created for c in report.counts.values())
                print(
                    f"  {label}: {seconds:.2f} s, {total / seconds:,.0f} objects/s, "
                    f"{created} created"
                )
            print(
                f"  peak memory: {peak_rss_mib():.0f} MiB RSS "
                f"({peak_rss_mib() - before:.0f} MiB above the start)"
            )
    finally:
        drop()


if __name__ == "__main__":
    main()
