# PerfLoop: `make run` starts the demo on SQLite; `make test` runs every check on SQLite and PostgreSQL.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# A uv on PATH may be a pyenv shim for another Python version, so ask it to run.
UV := $(shell uv --version >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
PY := .venv/bin/python
PG_URL ?= postgres://perfloop:perfloop@127.0.0.1:5432/perfloop

.PHONY: run test install test-deps lint test-sqlite test-postgres messages benchmark loadtest

# The tests add the optional groups (LDAP sign-in: python-ldap, built against OpenLDAP's headers,
# which `make test-deps` installs); `make run` needs none of them.
SYNC_GROUPS ?=
install:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv==0.13.8
	$(UV) sync --locked $(SYNC_GROUPS)

# Another port when 8000 is taken: PORT=8001 make run
PORT ?= 8000

run: install
	PERFLOOP_DEBUG=1 $(PY) manage.py migrate --noinput
	PERFLOOP_DEBUG=1 $(PY) manage.py seed_demo --if-empty
	@echo "PerfLoop on http://127.0.0.1:$(PORT) - demo logins admin, hr, manager, employee (password perfloop-demo); Ctrl-C stops it"
	@# Beside the web server: the task worker (deliveries) and the reminders every five minutes;
	@# Ctrl-C stops all three.
	export PERFLOOP_DEBUG=1 PERFLOOP_BASE_URL=$${PERFLOOP_BASE_URL:-http://127.0.0.1:$(PORT)}; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	(while true; do $(PY) manage.py send_reminders >/dev/null; $(PY) manage.py sync_directory --if-due >/dev/null; sleep 300; done) & timer=$$!; \
	trap 'kill $$worker $$timer 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test-deps:
	scripts/install-test-deps.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	PERFLOOP_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Both cores (pytest-xdist; the tests that start processes run on one worker, one after another);
# the browser tests once, on PostgreSQL; the slowest tests named at the end.
PYTEST := .venv/bin/pytest -n 2 --dist loadgroup --durations=10

test-sqlite: install
	$(PYTEST) -m "not e2e"

# `make test` runs on PostgreSQL only the tests that reach a database: the others ran on SQLite.
PG_SELECT ?=
test-postgres: install
	scripts/start-postgres.sh
	DATABASE_URL=$(PG_URL) $(PYTEST) $(PG_SELECT)

test: test-deps lint test-sqlite test-postgres
test: PG_SELECT = --database-tests-only
test lint test-sqlite test-postgres messages: SYNC_GROUPS = --all-groups

messages: install
	PERFLOOP_DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --no-obsolete --no-location --ignore=.venv --ignore=tests --ignore=benchmarks
	PERFLOOP_DEBUG=1 $(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

benchmark: install
	PERFLOOP_DEBUG=1 $(PY) benchmarks/run.py

# PerfLoop under gunicorn beside a bare Django view, 20 connections (wrk); DATABASE_URL=postgres://… for PostgreSQL.
loadtest: install
	$(PY) benchmarks/loadtest.py
