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
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack

from iomsite import gunicorn_conf
from tests.servers import (
    POSTGRES_URL,
    REDIS_URL,
    ROOT,
    app_server,
    prepare_site,
    production_env,
    proxied_server,
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
    # Never cached (every query an address of its own): the same work on both servers.
    "search": "/en/search/?q=migration",
}


def wrk(url, connections, seconds, script=None):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            *(["-s", script] if script else []),
            url,
        ],
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
    slowest = re.search(r"^\s*Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", out, re.M)
    value, unit = float(slowest.group(1)), slowest.group(2)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": latency(99),
        "max": value / 1000 if unit == "us" else value * 1000 if unit == "s" else value,
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
    """Both servers on one scratch database, in rounds; then the proxy in front."""
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
        if shutil.which("nginx"):
            proxy = stack.enter_context(proxied_server(env | {"DJANGO_PAGE_CACHE_SECONDS": "600"}))
            through_proxy(proxy[0], servers, rounds, seconds, soak, cache_url or database_url)
        else:
            print("  (nginx is not installed: the proxy's figures are left out)")


RANDOM_PARAMETERS = """
request = function()
  return wrk.format("GET", "%s?utm_" .. math.random(1, 1000000000) .. "=1")
end
"""


def cache_entries(cache_url: str) -> int:
    """Pages the app's cache holds: Redis keys, or rows of the database cache's table."""
    if cache_url.startswith("redis"):
        import redis

        return redis.Redis.from_url(cache_url).dbsize()
    if cache_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(cache_url.removeprefix("sqlite:///")) as db:
            return db.execute("SELECT COUNT(*) FROM iomsite_cache").fetchone()[0]
    import psycopg

    with psycopg.connect(cache_url) as db:
        return db.execute("SELECT COUNT(*) FROM iomsite_cache").fetchone()[0]


def slow_clients(base, count, seconds):
    """``count`` clients that send a request head a byte at a time, for ``seconds``."""
    host, port = base.removeprefix("http://").split(":")
    stop = threading.Event()

    def dribble():
        try:
            with socket.create_connection((host, int(port))) as sock:
                deadline = time.monotonic() + seconds
                while not stop.is_set() and time.monotonic() < deadline:
                    sock.send(b"a")
                    time.sleep(0.2)
        except OSError:
            pass

    threads = [threading.Thread(target=dribble, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return stop


def through_proxy(proxy, servers, rounds, seconds, soak, cache_url):
    """The proxy's figures beside gunicorn's, in interleaved rounds; then the attacks."""
    measured = {}
    cases = {
        "/livez (gunicorn)": servers["cached"] + LIVEZ,
        "static file (nginx)": proxy + "/static/css/site.css",
        "IOM page (nginx cache)": proxy + PAGES["IOM page"],
        "IOM page (gunicorn cache)": servers["cached"] + PAGES["IOM page"],
        "IOM page (uncached)": servers["uncached"] + PAGES["IOM page"],
    }
    for url in cases.values():
        wrk(url, 4, 1)
    for _round in range(rounds):
        for name, url in cases.items():
            measured.setdefault(name, []).append(wrk(url, 16, seconds))
    static = statistics.median(r["rps"] for r in measured["static file (nginx)"])
    livez = statistics.median(r["rps"] for r in measured["/livez (gunicorn)"])
    print("  through the proxy:")
    print(
        "  {:<28} {:>8} {:>10} {:>9} {:>8} {:>7}".format(
            "what", "req/s", "÷ static", "÷ /livez", "p99 ms", "errors"
        )
    )
    for name, results in measured.items():
        rps = statistics.median(r["rps"] for r in results)
        p99 = statistics.median(r["p99"] for r in results)
        errors = sum(r["errors"] for r in results)
        print(
            f"  {name:<28} {rps:>8.0f} {rps / static:>10.1%} {rps / livez:>9.1%}"
            f" {p99:>8.2f} {errors:>7}"
        )
    # Made-up parameters, straight to gunicorn: redirected, and no cache entry added.
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(RANDOM_PARAMETERS % PAGES["IOM page"])
    before = cache_entries(cache_url)
    result = wrk(servers["cached"] + "/", 16, max(seconds, 5), script=script.name)
    os.unlink(script.name)
    added = cache_entries(cache_url) - before
    print(
        f"  random unknown parameters (gunicorn): {result['rps']:.0f} req/s = "
        f"{result['rps'] / livez:.0%} of /livez, {added} cache entries added"
    )
    # 20 slow clients hold connections to nginx; everyone else is still answered.
    stop = slow_clients(proxy, 20, max(seconds, 5) + 2)
    result = wrk(proxy + PAGES["IOM page"], 16, max(seconds, 5))
    stop.set()
    print(
        f"  while 20 slow clients hold connections: {result['rps']:.0f} req/s, p99 "
        f"{result['p99']:.2f} ms, slowest {result['max']:.0f} ms, {result['errors']} errors"
    )
    if soak:
        result = wrk(proxy + PAGES["IOM page"], 64, soak)
        print(
            f"  soak: IOM page through nginx, 64 connections, {soak} s: "
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
