"""How many queries each page runs, uncached: ``python -m tests.benchmarks.query_counts PATH…``.

Run by the HTTP benchmark with the benchmarked server's settings (its database, page cache
off); prints a JSON object, path -> queries. The tests pin the same counts
(tests/test_queries.py); this reports them beside the speeds.
"""

import json
import sys

import django


def main(paths):
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in paths:
        client.get(path)  # the first request also reads what a process reads once
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries)
    print(json.dumps(counts))


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomsite.settings")
    main(sys.argv[1:])
