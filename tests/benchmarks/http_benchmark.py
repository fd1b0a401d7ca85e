"""Benchmark the production server: requests per second and latency, cold and cached.

    python -m tests.benchmarks.http_benchmark [--seconds 10] [--soak 60]

Starts gunicorn (the production configuration) on loopback against a scratch database —
SQLite, and PostgreSQL too when DATABASE_URL names it — and drives it with wrk: /livez,
the home page, the IOM page, the projects list and the missions directory, each with the
page cache off ("cold": every request renders) and on ("cached"), at 16 connections;
then a soak at 64 connections that must see no errors. Prints each page's ratio to
/livez measured just before and just after it (the mean of the two). A benchmark, not a
test: nothing here asserts a speed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack

from iomsite import gunicorn_conf
from tests.servers import (
    POSTGRES_URL,
    REDIS_URL,
    app_server,
    prepare_site,
    production_env,
    reachable,
    scratch_database,
)

PAGES = {
    "/livez": "/livez",
    "home": "/en/",
    "IOM page": "/en/organizations/iom/",
    "projects": "/en/projects/",
    "missions": "/en/missions/",
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
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


def run(kind, database_url_scratch, seconds, soak, cache_url):
    print(f"\n{kind}, cache: {cache_url or 'the database (embedded default)'}")
    header = ("page", "mode", "req/s", "p50 ms", "p99 ms", "errors", "/livez", "÷ /livez")
    print("  {:<10} {:<7} {:>8} {:>8} {:>8} {:>6} {:>8} {:>9}".format(*header))
    with ExitStack() as stack:
        static = stack.enter_context(tempfile.TemporaryDirectory())
        env = production_env(database_url_scratch, static, CACHE_URL=cache_url)
        prepare_site(env)
        for mode, cache_seconds in (("cold", "0"), ("cached", "600")):
            with app_server(env | {"DJANGO_PAGE_CACHE_SECONDS": cache_seconds}) as base:
                for name, path in PAGES.items():
                    wrk(base + path, 4, 1)  # warm up: fill the cache, open connections
                    if path == PAGES["/livez"]:
                        result = livez = wrk(base + path, 16, seconds)
                    else:
                        # /livez just before and just after the page: the machine's speed
                        # drifts over a run, and the ratio should compare like with like.
                        before = wrk(base + PAGES["/livez"], 16, max(1, seconds // 2))
                        result = wrk(base + path, 16, seconds)
                        after = wrk(base + PAGES["/livez"], 16, max(1, seconds // 2))
                        livez = {"rps": (before["rps"] + after["rps"]) / 2}
                    print(
                        f"  {name:<10} {mode:<7} {result['rps']:>8.0f} {result['p50']:>8.2f} "
                        f"{result['p99']:>8.2f} {result['errors']:>6} {livez['rps']:>8.0f} "
                        f"{result['rps'] / livez['rps']:>8.0%}"
                    )
                if mode == "cached" and soak:
                    result = wrk(base + PAGES["IOM page"], 64, soak)
                    print(
                        f"  soak: IOM page, cached, 64 connections, {soak} s: "
                        f"{result['rps']:.0f} req/s, p99 {result['p99']:.2f} ms, "
                        f"{result['errors']} errors"
                    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--soak", type=int, default=60)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk); make bench installs it.")
    cores = os.cpu_count()
    print(
        f"HTTP benchmark: gunicorn {gunicorn_conf.workers} workers × "
        f"{gunicorn_conf.threads} thread(s) on {cores} cores; wrk, 2 threads, "
        f"16 connections, {args.seconds} s a page"
    )
    with scratch_database("sqlite") as url:
        run("SQLite", url, args.seconds, args.soak, "")
    if os.environ.get("DATABASE_URL", "").startswith("postgres") and reachable(POSTGRES_URL):
        cache_url = REDIS_URL if reachable(REDIS_URL) else ""
        with scratch_database("postgres") as url:
            run("PostgreSQL", url, args.seconds, args.soak, cache_url)


if __name__ == "__main__":
    main()
