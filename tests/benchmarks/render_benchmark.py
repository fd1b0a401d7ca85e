"""Benchmark one request's work in process: time, and instructions where valgrind is here.

    python -m tests.benchmarks.render_benchmark [--requests 500]

Loads the site's content into a scratch SQLite database, then calls Django's WSGI handler
in a loop, page cache off, with the production settings: what a request costs the app
server's Python without gunicorn, the network or the load generator. Wall time varies with
the machine's neighbours; the instruction count from valgrind's callgrind (the difference
between 60 and 20 requests, so start-up is left out; string hashing fixed with
PYTHONHASHSEED=0) is the same from run to run for the same code, which makes it the figure
to compare changes by. A benchmark: nothing asserts.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time

from tests.servers import ROOT, prepare_site, production_env, scratch_database

PAGES = ("/livez", "/en/organizations/iom/", "/en/", "/en/projects/", "/en/missions/")
COUNTED = ("/livez", "/en/organizations/iom/")  # callgrind is slow: the pages of the target


def child(path: str, requests: int, rounds: int):
    """In the measured process: call the WSGI handler for ``path``; print ms a request."""
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
    }

    def call():
        response = application(environ | {"wsgi.input": io.BytesIO()}, lambda *args: None)
        b"".join(response)
        response.close()  # request_finished, as a server sends it

    for _ in range(30):  # warm up: templates compiled, queries prepared
        call()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(requests):
            call()
        best = min(best, (time.perf_counter() - start) / requests)
    print(f"{best * 1000:.3f}")


def run_child(env, path, requests, rounds=3, valgrind=False):
    command = [sys.executable, "-m", "tests.benchmarks.render_benchmark", "--child", path]
    command += ["--requests", str(requests), "--rounds", str(rounds)]
    if valgrind:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
        # String hashing is randomized per process, which moves the count by ±0.1 M.
        env = env | {"PYTHONHASHSEED": "0"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    if not valgrind:
        return float(result.stdout.split()[-1])
    for line in result.stderr.splitlines():
        if "Collected" in line:
            return int(line.split()[-1].replace(",", ""))
    raise RuntimeError("callgrind printed no instruction count:\n" + result.stderr[-2000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.requests, args.rounds)
    valgrind = shutil.which("valgrind") is not None
    print(
        f"Render benchmark: the WSGI handler in one process, SQLite, page cache off; best of "
        f"3 × {args.requests} requests"
        + ("; instructions by callgrind" if valgrind else " (no valgrind: no instruction counts)")
    )
    print(f"  {'page':<24} {'ms/request':>10} {'÷ /livez':>9} {'instructions':>13} {'÷ /livez':>9}")
    with scratch_database("sqlite") as url, tempfile.TemporaryDirectory() as static:
        env = production_env(url, static, DJANGO_PAGE_CACHE_SECONDS="0")
        env["DJANGO_SETTINGS_MODULE"] = "iomsite.settings"
        prepare_site(env)
        livez_ms = livez_instructions = None
        for path in PAGES:
            ms = run_child(env, path, args.requests)
            livez_ms = livez_ms or ms
            instructions = ""
            if valgrind and path in COUNTED:
                few, many = (run_child(env, path, n, rounds=1, valgrind=True) for n in (20, 60))
                count = (many - few) // 40
                livez_instructions = livez_instructions or count
                instructions = f"{count / 1e6:>11.2f} M {count / livez_instructions:>8.1f}×"
            print(f"  {path:<24} {ms:>10.3f} {ms / livez_ms:>8.1f}× {instructions}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomsite.settings")
    main()
