# iomsite — one entry point for people and CI.
#   make run    set up everything and serve the site on http://127.0.0.1:$(PORT)/ (SQLite by default)
#   make test   set up everything and run the whole test suite (DATABASE_URL selects PostgreSQL)
#   make lint   ruff
# Every target does its own set-up; running one again only redoes what changed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# The first interpreter that is Python 3.12 or newer: versioned commands on PATH,
# then any installed under pyenv (its shims refuse versions that are not selected,
# so each candidate is run, not just found).
define find_python
for candidate in python3.14 python3.13 python3.12 python3 \
    $$(ls -d "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.*/bin/python3 2>/dev/null | sort -rV); do \
  if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
    command -v "$$candidate"; exit 0; \
  fi; \
done; \
echo "iomsite needs Python 3.12 or newer, and none was found on PATH or under pyenv." >&2; \
echo "Install one (for example: apt-get install python3.12, or pyenv install 3.13) and run make again." >&2; \
exit 1
endef

.PHONY: help setup catalogs run serve test lint bench clean

help:
	@echo "make run    serve the site with its content on http://127.0.0.1:$(PORT)/"
	@echo "make serve  the production configuration (gunicorn, DEBUG off) on 127.0.0.1:$(PORT)"
	@echo "make test   run the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make lint   check the code with ruff"
	@echo "make bench  run the benchmarks (set DATABASE_URL for PostgreSQL)"

$(STAMP): requirements.txt pyproject.toml
	@if [ ! -x $(PY) ]; then \
	  python=$$($(find_python)); \
	  echo "Creating $(VENV) with $$python"; \
	  "$$python" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt --group dev
	@touch $@

setup: $(STAMP) catalogs

# The interface's translations: each .po compiled to the .mo Django reads, when it changes.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
catalogs: $(CATALOGS)
locale/%.mo: locale/%.po $(STAMP)
	$(PY) -m iomsite.catalogs compile

# Development settings for manage.py and the development server: DEBUG on and a secret key
# of its own, written once and never overwritten (git ignores .env; the tests, make serve and
# make bench do not read it).
.env:
	@echo "Writing $@ for local development (DJANGO_DEBUG=true, a new secret key)"
	@umask 077; { \
	  echo "# Local development settings, written by make run. Never commit this file."; \
	  echo "DJANGO_DEBUG=true"; \
	  echo "DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	} > $@

# Development server: DEBUG on (from .env), SQLite unless DATABASE_URL says otherwise.
# Content is (re)loaded from fixtures/ on every start; the import skips objects
# that are already up to date, so a second start changes nothing.
run: $(STAMP) catalogs .env
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_content fixtures/
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production stack on loopback (deploy/serve): nginx on $(PORT) in front of gunicorn on a
# Unix socket, DEBUG off, hashed static files served by nginx. Plain HTTP here, so no redirect
# to HTTPS unless asked for. Content is loaded from fixtures/ only into an empty database. A
# development .env is not read.
serve: $(STAMP) catalogs
	@command -v nginx >/dev/null || { \
	  echo "make serve runs nginx in front of gunicorn: install Debian's package nginx" >&2; \
	  echo "  (apt-get install nginx) and run make serve again." >&2; exit 1; }
	@if [ -z "$${DJANGO_SECRET_KEY:-}" ]; then \
	  echo "make serve runs the production configuration and needs DJANGO_SECRET_KEY, e.g.:" >&2; \
	  echo "  DJANGO_SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') make serve" >&2; \
	  exit 1; \
	fi
	export DJANGO_READ_DOTENV=false DJANGO_DEBUG=false; \
	export DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-false}; \
	$(PY) manage.py migrate --no-input -v0 && \
	$(PY) manage.py import_content --if-empty fixtures/ && \
	$(PY) manage.py collectstatic --no-input -v0 && \
	PORT=$(PORT) exec deploy/serve

# Tests run with DEBUG off, as production does; the settings give the test suite its own
# secret key, plain HTTP and static files from the source folders. The run names, first
# thing, the local services it uses.
test: $(STAMP) catalogs
	$(PY) -m pytest

# Benchmarks: figures to record in BENCHMARKS.md, not pass/fail tests. The HTTP benchmark
# drives the production server with wrk, installed here if missing.
bench: $(STAMP) catalogs
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	DJANGO_READ_DOTENV=false DJANGO_DEBUG=false $(PY) -m tests.benchmarks.import_benchmark
	DJANGO_READ_DOTENV=false $(PY) -m tests.benchmarks.http_benchmark

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
