"""Real app servers for tests and benchmarks: a scratch database, then gunicorn processes.

Everything listens on 127.0.0.1 and is stopped by the context managers that start it.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "IOMSITE_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("IOMSITE_TEST_REDIS", "redis://127.0.0.1:6379/7")


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def scratch_database(kind: str):
    """A new, empty database URL ("sqlite" or "postgres"), dropped afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/site.sqlite3"
        return
    import psycopg

    name = f"iomsite_scratch_{uuid.uuid4().hex[:10]}"
    admin = urlsplit(POSTGRES_URL)
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(admin._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url: str, static_root: str, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))
    }
    env |= {
        "DJANGO_READ_DOTENV": "false",  # a developer's .env is not production's
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "scratch-" + uuid.uuid4().hex * 2,
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",  # plain HTTP on loopback
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    return env | extra


def manage(env: dict, *args: str):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_site(env: dict):
    """Migrate, load the site's content, collect static files."""
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "import_content", "fixtures/")
    manage(env, "collectstatic", "--no-input", "-v0")


def wait_until_serving(url: str, process: subprocess.Popen, what: str, seconds: float = 30):
    """Return once ``url`` answers; fail, with what the process said, if it ends or takes
    longer than ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                said = process.stderr.read().decode()[-3000:] if process.stderr else ""
                raise RuntimeError(f"{what} did not start serving {url}:\n{said}") from None
            time.sleep(0.2)


@contextmanager
def app_server(env: dict, port: int | None = None, **gunicorn_env):
    """gunicorn on 127.0.0.1:port with ``env``; yields its base URL once /livez answers."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "iomsite/gunicorn_conf.py", "iomsite.wsgi"],
        cwd=ROOT,
        env=env | {"PORT": str(port), **gunicorn_env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + "/livez", process, "the app server")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def nginx_available() -> bool:
    return shutil.which("nginx") is not None


@contextmanager
def proxied_server(env: dict, port: int | None = None, **server_env):
    """The production stack, as ``make serve`` runs it (deploy/serve): nginx on
    127.0.0.1:port in front of gunicorn on a Unix socket; yields (base URL, run directory)."""
    port = port or free_port()
    with tempfile.TemporaryDirectory() as run_dir:
        process = subprocess.Popen(
            [str(ROOT / "deploy" / "serve")],
            cwd=ROOT,
            env=env | {"PORT": str(port), "IOMSITE_RUN_DIR": run_dir, **server_env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(base + "/livez", process, "the stack")
            yield base, Path(run_dir)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
