# Finsam: two commands do everything.
#   make run   environment, install, migrate, demo data, serve http://127.0.0.1:8000 (PORT=8080 for another port)
#   make test  environment, install, the whole suite (DATABASE_URL picks the database)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
PORT ?= 8000

.PHONY: run test venv system system-test lint messages lock serve

$(VENV)/.installed: requirements-dev.lock
	@command -v $(PYTHON) >/dev/null || { echo "Finsam needs Python 3.11 ($(PYTHON) not found)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "Finsam needs Python 3.11." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

venv: $(VENV)/.installed

system:
	@scripts/system-deps

system-test:
	@scripts/system-deps --test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

run: export DJANGO_DEBUG ?= true
run: venv system
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT) – log in with one of the demo users above."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: venv system-test node_modules/.installed
	$(BIN)/ruff check --quiet .
	$(BIN)/lint-imports --no-cache
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=finsam.settings_test $(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Update the Swedish translations after changing texts; commit the .po and .mo files.
messages: export DJANGO_DEBUG ?= true
messages: venv
	$(BIN)/python manage.py makemessages --locale sv --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --locale sv --ignore '.venv/*'

# Re-lock the dependencies after changing pyproject.toml.
lock: venv
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml
