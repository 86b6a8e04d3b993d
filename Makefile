# Newsclaims: `make run` serves the demo, `make test` runs every test and the linter.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint typecheck format lock venv venv-dev test-tools migrate demo worker bench clean help

help:
	@echo "make run    - set up .venv, migrate, load and extract the demo corpus, serve on http://$(HOST):$(PORT)"
	@echo "make test   - set up .venv with the test tools, run make lint and the whole pytest suite"
	@echo "make test-tools - npm ci in tests/tools (axe-core for the browser tests' accessibility check)"
	@echo "make lint   - ruff check, ruff format --check and mypy (what .pre-commit-config.yaml runs)"
	@echo "make lock   - after editing requirements*.txt: re-resolve requirements*.lock (hashed)"
	@echo "make worker - a Celery worker + beat for the fetch/extract queues (needs REDIS_URL)"
	@echo "make bench  - run the benchmarks under bench/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The venv is installed from the locks (every package pinned, every file's hash checked), and again
# whenever a lock changes. requirements*.txt are the inputs people edit; `make lock` resolves them.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $@

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo --no-users
	$(BIN)/python manage.py demo_accounts

# Without REDIS_URL, a Celery worker and beat run beside the web server over an embedded broker
# (SQLAlchemy transport on var/celery/broker.sqlite3), so feeds are polled and bulk ingest runs in
# the background as in production. With REDIS_URL set, start workers yourself (make worker).
run: demo
	@mkdir -p var
	@echo "Serving Newsclaims on http://$(HOST):$(PORT) (Ctrl-C to stop)"
	@if [ -n "$$REDIS_URL" ]; then exec $(BIN)/python manage.py runserver $(HOST):$(PORT); fi; \
	export NEWSCLAIMS_EMBEDDED_BROKER=1; \
	$(BIN)/celery -A newsclaims worker -Q default,fetch,extract -c 2 -l warning -n embedded@%h & worker=$$!; \
	$(BIN)/celery -A newsclaims beat -s var/celerybeat-schedule -l warning & beat=$$!; \
	trap 'kill $$worker $$beat 2>/dev/null; wait $$worker $$beat 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: lint test-tools
	$(BIN)/python -m pytest

# JavaScript the browser tests inject into pages (axe-core for the accessibility check), from
# the npm registry at the versions and hashes of tests/tools/package-lock.json; reinstalled when
# the lock changes. Needs node and npm; the browser tests skip what is missing.
TOOLS := tests/tools
$(TOOLS)/node_modules/.installed: $(TOOLS)/package.json $(TOOLS)/package-lock.json
	cd $(TOOLS) && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test-tools: $(TOOLS)/node_modules/.installed

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

# Re-resolve the locks from requirements.txt and requirements-dev.txt, keeping every version the
# old lock had unless an input asks otherwise (LOCK_FLAGS=--upgrade moves everything forward).
# Universal (any OS) for Python 3.11, the version the Dockerfile runs; the dev lock is constrained
# to the runtime lock so both install the same runtime packages. Needs PyPI.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_FLAGS)
lock: venv-dev
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) -c requirements.lock requirements.txt requirements-dev.txt -o requirements-dev.lock

# mypy with the django and DRF plugins (pyproject.toml): --strict on claims/extraction and claims/lib.
typecheck: venv-dev
	$(BIN)/mypy

format: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: venv
	$(BIN)/celery -A newsclaims worker -B -Q default,fetch,extract -l info

bench: venv-dev
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache $(TOOLS)/node_modules
