# Cinema One: `make demo` runs the site with demo content, `make test` runs the tests.
PYTHON ?= python3.13
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# The French interface: compiled from its catalogue (committed) whenever the catalogue changes.
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/django.po)
COMPILED := $(CATALOGUES:.po=.mo)
%.mo: %.po | $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

install: $(VENV)/.installed $(COMPILED)
install-test: $(VENV)/.installed-test $(COMPILED)

demo: install
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py load_demo --served-at http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# SQLite unless DATABASE_URL points elsewhere (CI sets it to PostgreSQL). lint-imports checks
# that the apps depend one way (the contract in pyproject.toml).
test: install-test
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache

# Benchmark, not a test (CI does not run it): synthetic catalogs of 100 and 10,000 films on the
# PostgreSQL at 127.0.0.1:5432 (databases cinemaone_bench_<films>, dropped and recreated), in-process
# page timings, then gunicorn + wrk, then a mixed read/write workload at 10,000 films; writes
# docs/benchmarks.md. Takes 8-18 minutes. Options: BENCH_ARGS,
# e.g. BENCH_ARGS="--scales 100 1000 --submissions 20000" (see `python bench/run.py --help`).
.PHONY: bench
BENCH_ARGS ?=
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Fault suite, not a test (CI does not run it): the production topology (its own PostgreSQL,
# Redis, gunicorn, Varnish, nginx, on free ports of 127.0.0.1) under a small load, one fault at a
# time (database restarted and hung, Redis stopped, a worker killed, stalled uploads, gunicorn
# stopped behind Varnish); writes docs/reliability.md. About 7 minutes. Options: FAULTS_ARGS,
# e.g. FAULTS_ARGS="--faults stop-redis --fault-seconds 10" (see `python bench/faults.py --help`).
.PHONY: faults
FAULTS_ARGS ?=
faults: install
	$(BIN)/python bench/faults.py $(FAULTS_ARGS)
