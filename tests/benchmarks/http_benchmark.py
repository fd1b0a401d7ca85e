"""Benchmark the production server: each public page uncached and cached, beside /livez.

    python -m tests.benchmarks.http_benchmark [--rounds 5] [--seconds 3] [--soak 60]

Starts two gunicorn servers (the production configuration) on loopback against one scratch
database — SQLite, and PostgreSQL (with Redis, where it answers) when DATABASE_URL names
it — one with the page cache off ("uncached": every request renders) and one with it on
("cached"). wrk drives them straight, at 16 connections, in interleaved rounds: each round
measures /livez and every page on both servers, a few seconds each, so that the machine's
drift over a run touches every figure alike. Prints, per page, the median over the rounds
of its requests per second and of its ratio to the same round's /livez, the p99 latency,
and the queries the page runs; then a soak of the cached IOM page at 64 connections, which
must see no errors. A benchmark, not a test: nothing here asserts a speed.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack

from iomsite import gunicorn_conf
from tests.servers import (
    POSTGRES_URL,
    REDIS_URL,
    ROOT,
    app_server,
    prepare_site,
    production_env,
    reachable,
    scratch_database,
)

LIVEZ = "/livez"
PAGES = {
    "home": "/en/",
    "organizations": "/en/organizations/",
    "IOM page": "/en/organizations/iom/",
    "projects": "/en/projects/",
    "project": "/en/projects/technical-assistance-human-trafficking/",
    "missions": "/en/missions/",
    "mission": "/en/missions/permanent-mission-geneva/",
    "text page": "/en/pages/accessibility/",
}


def wrk(url, connections, seconds):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": latency(99),
        "errors": errors,
    }


def query_counts(env) -> dict[str, int]:
    """Each page's queries, uncached, counted in a process of its own with the same settings."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.query_counts", *PAGES.values()],
        cwd=ROOT,
        env=env | {"DJANGO_PAGE_CACHE_SECONDS": "0", "DJANGO_ALLOWED_HOSTS": "testserver"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def run(kind, database_url, rounds, seconds, soak, cache_url):
    print(f"\n{kind}, cache: {cache_url or 'the database (embedded default)'}")
    with ExitStack() as stack:
        static = stack.enter_context(tempfile.TemporaryDirectory())
        env = production_env(database_url, static, CACHE_URL=cache_url)
        prepare_site(env)
        queries = query_counts(env)
        servers = {
            mode: stack.enter_context(app_server(env | {"DJANGO_PAGE_CACHE_SECONDS": cache}))
            for mode, cache in (("uncached", "0"), ("cached", "600"))
        }
        for base in servers.values():
            for path in (LIVEZ, *PAGES.values()):
                wrk(base + path, 4, 1)  # warm up: compile templates, fill the cache
        results = {}  # (page, mode) -> the rounds' results, each with its ratio to /livez
        for _round in range(rounds):
            for mode, base in servers.items():
                livez = wrk(base + LIVEZ, 16, seconds)
                results.setdefault((LIVEZ, mode), []).append(livez | {"ratio": 1.0})
                for name, path in PAGES.items():
                    result = wrk(base + path, 16, seconds)
                    result["ratio"] = result["rps"] / livez["rps"]
                    results.setdefault((name, mode), []).append(result)
        header = ("page", "mode", "req/s", "÷ /livez", "p99 ms", "errors", "queries")
        print("  {:<14} {:<9} {:>8} {:>9} {:>8} {:>7} {:>8}".format(*header))
        for (name, mode), measured in results.items():
            rps = statistics.median(r["rps"] for r in measured)
            ratio = statistics.median(r["ratio"] for r in measured)
            p99 = statistics.median(r["p99"] for r in measured)
            errors = sum(r["errors"] for r in measured)
            count = queries.get(PAGES.get(name), "")
            count = count if mode == "uncached" else ""
            print(
                f"  {name:<14} {mode:<9} {rps:>8.0f} {ratio:>9.1%} {p99:>8.2f} {errors:>7}"
                f" {count!s:>8}"
            )
        if soak:
            result = wrk(servers["cached"] + PAGES["IOM page"], 64, soak)
            print(
                f"  soak: IOM page, cached, 64 connections, {soak} s: "
                f"{result['rps']:.0f} req/s, p99 {result['p99']:.2f} ms, "
                f"{result['errors']} errors"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--soak", type=int, default=60)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk); make bench installs it.")
    print(
        f"HTTP benchmark: gunicorn {gunicorn_conf.workers} workers × "
        f"{gunicorn_conf.threads} thread(s) on {os.cpu_count()} cores; wrk, 2 threads, "
        f"16 connections; medians of {args.rounds} interleaved rounds of {args.seconds} s"
    )
    with scratch_database("sqlite") as url:
        run("SQLite", url, args.rounds, args.seconds, args.soak, "")
    if os.environ.get("DATABASE_URL", "").startswith("postgres") and reachable(POSTGRES_URL):
        cache_url = REDIS_URL if reachable(REDIS_URL) else ""
        with scratch_database("postgres") as url:
            run("PostgreSQL", url, args.rounds, args.seconds, args.soak, cache_url)


if __name__ == "__main__":
    main()
