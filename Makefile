# Newsclaims: `make run` serves the demo, `make test` runs every test and the linter.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint format venv venv-dev migrate demo worker bench clean help

help:
	@echo "make run    - set up .venv, migrate, load and extract the demo corpus, serve on http://$(HOST):$(PORT)"
	@echo "make test   - set up .venv with the test tools, run ruff and the whole pytest suite"
	@echo "make worker - a Celery worker + beat for the fetch/extract queues (needs REDIS_URL)"
	@echo "make bench  - run the benchmarks under bench/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Serving Newsclaims on http://$(HOST):$(PORT) (Ctrl-C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: venv
	$(BIN)/celery -A newsclaims worker -B -Q default,fetch,extract -l info

bench: venv-dev
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
