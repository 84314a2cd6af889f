# Manage early career teacher induction
#
#   make run     set up (Python venv, front-end assets, SQLite database, demo data) and serve
#                the service on http://127.0.0.1:8000
#   make test    everything CI runs: lint, format, migrations, deploy checks and the test suite
#                on a private PostgreSQL and Redis (scripts/test-services.sh)
#
# Other targets: venv, assets, lint, format, migrate, seed, clean; faults (fault tests),
# load-test (locust against gunicorn); see docs/load-and-faults.md.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Each recipe runs in one shell, so variables and `cd` carry across its lines.
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
VENV_STAMP := $(VENV)/.installed-from-pyproject
NPM_STAMP := node_modules/.installed-from-lock
BUILD := static/build
GOVUK := node_modules/govuk-frontend/dist/govuk
SCSS := $(shell find static/src -name '*.scss' 2>/dev/null)
DEV := DJANGO_SETTINGS_MODULE=ecte.settings.development
START := $(shell date +%s)

.PHONY: help venv assets run test lint format migrate seed clean faults load-test

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

# --- Python ------------------------------------------------------------------------------

venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml
	@is_313() { "$$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; }
	if ! is_313 $(PYTHON); then
	  if is_313 python3.13; then py=python3.13
	  elif is_313 python3; then py=python3
	  elif py="$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13*/bin/python3.13 2>/dev/null | tail -n 1)" \
	    && [ -n "$$py" ] && is_313 "$$py"; then :
	  else echo "Python 3.13 is needed (python3.13 or python3 on PATH)" >&2; exit 1
	  fi
	  echo "creating $(VENV) with $$(command -v $$py) ($$($$py -V))"
	  rm -rf $(VENV)
	  $$py -m venv $(VENV)
	fi
	echo "pip install --group dev (into $(VENV))"
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --upgrade pip
	# pip >= 25.1 reads the PEP 735 dependency groups in ./pyproject.toml.
	$(PYTHON) -m pip install --disable-pip-version-check --progress-bar off --group dev
	touch $@

# --- Front-end assets --------------------------------------------------------------------

assets: $(BUILD)/application.css $(BUILD)/govuk/govuk-frontend.min.js $(BUILD)/govuk/assets/.copied

$(NPM_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $@

$(BUILD)/application.css: $(SCSS) $(NPM_STAMP)
	mkdir -p $(@D)
	npx sass --no-source-map --quiet-deps --load-path=node_modules --style=compressed \
	  static/src/application.scss $@

$(BUILD)/govuk/govuk-frontend.min.js: $(NPM_STAMP)
	mkdir -p $(@D)
	cp $(GOVUK)/govuk-frontend.min.js $@

$(BUILD)/govuk/assets/.copied: $(NPM_STAMP)
	rm -rf $(BUILD)/govuk/assets
	mkdir -p $(BUILD)/govuk
	cp -R $(GOVUK)/assets $(BUILD)/govuk/assets
	touch $@

# --- Running it --------------------------------------------------------------------------

run: venv assets
	export $(DEV)
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py seed_demo
	exec $(PYTHON) manage.py runserver 127.0.0.1:8000

migrate: venv
	$(DEV) $(PYTHON) manage.py migrate --noinput

seed: migrate
	$(DEV) $(PYTHON) manage.py seed_demo

# --- Checks ------------------------------------------------------------------------------

lint: venv
	$(BIN)/ruff check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: venv assets
	@trap 'status=$$?; echo; echo "make test: exit status $$status after $$(( $$(date +%s) - $(START) ))s in all"' EXIT
	step() { echo; echo "==> $$*  [$$(( $$(date +%s) - $(START) ))s]"; }

	step "PostgreSQL and Redis (scripts/test-services.sh)"
	services="$$(scripts/test-services.sh)"
	eval "$$services"
	echo "DATABASE_URL=$$DATABASE_URL REDIS_URL=$$REDIS_URL"

	if [ ! -x /usr/bin/chromium ]; then
	  step "Chromium for the browser tests (Debian package chromium)"
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo
	  if [ -z "$$(find .tmp/apt-updated -mmin -60 2>/dev/null)" ]; then
	    $$sudo apt-get update -qq && mkdir -p .tmp && touch .tmp/apt-updated
	  fi
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium
	fi

	step "ruff check"
	$(BIN)/ruff check .
	step "ruff format --check"
	$(BIN)/ruff format --check .
	step "bandit (settings in pyproject.toml [tool.bandit])"
	$(BIN)/bandit -c pyproject.toml -r ecte schools participants induction programmes -q
	step "pip-audit of the pinned dependencies (scripts/audit-dependencies.sh)"
	audit_status=0
	scripts/audit-dependencies.sh || audit_status=$$?
	if [ $$audit_status -eq 3 ]; then
	  # Not a pass: the vulnerability service could not be reached, so nothing is known.
	  echo "WARNING: the dependencies were NOT audited for vulnerabilities (service unreachable)"
	  echo "::warning title=pip-audit::dependencies not audited: vulnerability service unreachable"
	elif [ $$audit_status -ne 0 ]; then
	  exit $$audit_status
	fi
	step "makemigrations --check"
	DJANGO_SETTINGS_MODULE=ecte.settings.development $(PYTHON) manage.py makemigrations --check --dry-run
	step "check --deploy (production settings)"
	DJANGO_SETTINGS_MODULE=ecte.settings.production \
	  SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  ALLOWED_HOSTS=manage-ect-induction.example.org \
	  $(PYTHON) manage.py check --deploy --fail-level WARNING

	step "pytest"
	# No `|| true` here: pytest's exit code 5 (no tests collected) fails the run like any other.
	pytest_status=0
	$(BIN)/pytest -n 2 --durations=15 || pytest_status=$$?
	[ $$pytest_status -ne 5 ] || echo "pytest collected no tests: that is a failure" >&2
	exit $$pytest_status

# --- Hardening (docs/load-and-faults.md) ---------------------------------------------------

faults: venv assets
	scripts/fault-test.sh

load-test: venv assets
	scripts/load-test.sh

# --- Tidying -----------------------------------------------------------------------------

clean:
	if [ -x scripts/test-services.sh ]; then scripts/test-services.sh stop || true; fi
	rm -rf $(VENV) node_modules $(BUILD) staticfiles db.sqlite3 .tmp
