"""The commands README.md shows work exactly as written, in a fresh clone.

The commands are read from README.md's shell blocks, so the README cannot drift from what
works: ``make run`` serves the site with no configuration; every ``manage.py`` command for
staff and content maintainers then runs as shown; an import from the command line shows on
the running development server's next request; and the deploy steps run under a production
environment. The clone shares this run's virtual environment (the same pinned packages).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .servers import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def readme_commands() -> list[str]:
    """Every command line of README.md's ``sh`` blocks, without its comment."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def clean_env(**extra) -> dict:
    """The environment of a newcomer's shell: none of this run's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "PYTEST", "IOMSITE_"))
    }
    return env | extra


def fresh_clone(destination: Path) -> Path:
    if not (ROOT / ".git").exists():
        pytest.fail("the README commands are checked in a clone: this checkout has no .git")
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True)
    # The same pinned dependencies as this run: reuse its virtual environment.
    (destination / ".venv").symlink_to(Path(sys.prefix))
    return destination


def run(command: str, cwd: Path, env: dict, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


@pytest.fixture(scope="module")
def development(tmp_path_factory):
    """A fresh clone serving ``make run`` on a free port; yields (clone, base URL)."""
    clone = fresh_clone(tmp_path_factory.mktemp("newcomer") / "iomsite")
    port = free_port()
    log = open(clone / "make-run.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=clean_env(PORT=str(port)),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_serving(base + "/en/", server, "make run", seconds=240)
        except RuntimeError:
            log.flush()
            pytest.fail("make run did not serve:\n" + (clone / "make-run.log").read_text())
        yield clone, base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_make_run_serves_the_site_with_its_content(development):
    _clone, base = development
    assert "International Organization for Migration" in get(base + "/en/organizations/iom/")


def test_make_run_writes_a_development_env_file_once(development):
    clone, _base = development
    env_file = clone / ".env"
    text = env_file.read_text()
    assert "DJANGO_DEBUG=true" in text.splitlines()
    lines = text.splitlines()
    (key,) = [line.split("=", 1)[1] for line in lines if line.startswith("DJANGO_SECRET_KEY=")]
    assert len(key) >= 50 and len(set(key)) >= 5
    assert oct(env_file.stat().st_mode)[-3:] == "600"
    result = run("make .env", clone, clean_env())
    assert result.returncode == 0
    assert env_file.read_text() == text  # never overwritten
    ignored = run("git check-ignore .env", clone, clean_env())
    assert ignored.returncode == 0


def test_every_manage_py_command_for_staff_and_maintainers_runs_as_written(development):
    clone, _base = development
    shutil.copy(clone / "fixtures" / "site.json", clone / "my-changes.json")  # the example file
    commands = [
        command
        for command in readme_commands()
        if command.startswith(".venv/bin/python manage.py")
        and command in section("## For ministry staff") + section("## For content maintainers")
    ]
    assert {c.split()[2] for c in commands} == {
        "createsuperuser",
        "import_content",
        "export_content",
    }
    for command in commands:
        result = run(command, clone, clean_env())
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "DJANGO_SECRET_KEY" not in result.stderr
    assert (clone / "backup").is_dir() and any((clone / "backup").iterdir())


def test_an_import_from_the_command_line_shows_on_the_development_servers_next_request(
    development,
):
    clone, base = development
    get(base + "/en/organizations/iom/")  # rendered and cached
    objects = json.loads((clone / "fixtures" / "iom.json").read_text())
    (organization,) = [o for o in objects if o["model"] == "cooperation.organization"]
    organization["fields"]["summary_en"] = "A summary changed from the command line."
    (clone / "changed.json").write_text(json.dumps([organization]))
    result = run(".venv/bin/python manage.py import_content changed.json", clone, clean_env())
    assert result.returncode == 0, result.stderr
    assert "A summary changed from the command line." in get(base + "/en/organizations/iom/")


def test_the_deploy_steps_run_as_written_under_a_production_environment(tmp_path):
    clone = fresh_clone(tmp_path / "server")
    steps = section("### Deploying")
    commands = [c for c in readme_commands() if c in steps]
    assert commands and all(c.startswith(".venv/bin/") for c in commands), commands
    production = clean_env(
        DJANGO_SECRET_KEY="a-long-random-production-key-" + os.urandom(24).hex(),
        DJANGO_ALLOWED_HOSTS="belarus-io.example.org",
        DJANGO_BEHIND_TLS_PROXY="true",
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    for command in commands:
        if command.startswith(".venv/bin/gunicorn"):
            continue  # a server; the production tests start it
        if "nginx_config" in command:
            # Rendered into this test's folder rather than the machine's /etc and /var.
            command = command.replace("/var/lib/iomsite-nginx", str(tmp_path / "nginx"))
            command = command.replace("/etc/nginx/nginx.conf", str(tmp_path / "nginx.conf"))
        result = run(command, clone, production)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    if shutil.which("nginx"):
        checked = run(f"nginx -t -c {tmp_path / 'nginx.conf'}", tmp_path, production)
        assert checked.returncode == 0, checked.stderr
    (check,) = [c for c in commands if "check --deploy" in c]
    assert "no issues" in run(check, clone, production).stdout


@pytest.mark.parametrize(
    "key",
    ["short-key", "a" * 60, "django-insecure-" + "x1y2z3w4v5" * 6],
    ids=["short", "few distinct characters", "django-insecure"],
)
def test_production_refuses_a_weak_secret_key_with_a_clear_message(key):
    result = run(
        ".venv/bin/python manage.py check",
        ROOT,
        clean_env(DJANGO_READ_DOTENV="false", DJANGO_SECRET_KEY=key),
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_refuses_a_weak_secret_key(tmp_path):
    result = run("make serve", ROOT, clean_env(DJANGO_SECRET_KEY="short-key", PORT="1"))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak" in result.stdout + result.stderr


def test_a_development_env_file_never_turns_on_development_mode_for_production_commands(
    tmp_path,
):
    clone = fresh_clone(tmp_path / "dev")
    (clone / ".env").write_text("DJANGO_DEBUG=true\nDJANGO_SECRET_KEY=" + "k3y-" * 20 + "\n")
    show = ".venv/bin/python -c \"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'iomsite.settings'); django.setup(); from django.conf import settings; print(settings.DEBUG)\""  # noqa: E501
    assert run(show, clone, clean_env()).stdout.strip() == "True"  # manage.py and runserver
    production = clean_env(DJANGO_READ_DOTENV="false", DJANGO_SECRET_KEY=os.urandom(32).hex())
    assert run(show, clone, production).stdout.strip() == "False"
    as_tests = show.replace("import django, os;", "import pytest, django, os;")
    assert run(as_tests, clone, clean_env()).stdout.strip() == "False"
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve:", "bench:"):
        recipe = makefile[makefile.index(f"\n{target}") :].split("\n\n")[0]
        assert "DJANGO_READ_DOTENV=false" in recipe, target


def test_the_test_run_names_the_local_services_it_uses(pytestconfig):
    from .conftest import pytest_report_header

    header = "\n".join(pytest_report_header(pytestconfig))
    assert "database:" in header and "Redis:" in header and "PostgreSQL" in header
    assert "empty" in header and "drops" in header
    told = " ".join(section("## Two commands").split())
    assert "Redis" in told and "PostgreSQL" in told and "empties only" in told


def test_the_translation_catalog_commands_run_as_written(tmp_path):
    clone = fresh_clone(tmp_path / "iomsite")
    commands = [
        c for c in readme_commands() if c.startswith(".venv/bin/python -m iomsite.catalogs")
    ]
    assert [c.split()[-1] for c in commands] == ["extract", "check", "compile"]
    for command in commands:
        result = run(command, clone, clean_env())
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    # The committed catalogs are in step with the code: extracting again changes nothing.
    status = run("git status --porcelain locale", clone, clean_env())
    assert status.stdout == ""
    assert (clone / "locale" / "be" / "LC_MESSAGES" / "django.mo").exists()
