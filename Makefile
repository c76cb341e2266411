# KFOR Timeline. `make run` serves the site on SQLite with the founding dataset; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install install-dev catalogues icons run test ci migrations-check check lint clean bench load

help:
	@echo "make run    set up (SQLite), load the KFOR dataset, make demo accounts, serve the site (port $(PORT) or the next free one)"
	@echo "make test   run the whole suite (SQLite; PostgreSQL when DATABASE_URL points at one)"
	@echo "make ci     what CI runs: tests, migrations check, system checks"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# axe-core, for the browser tests' accessibility checks, from the npm registry as pinned in package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/browser && npm ci --silent --no-audit --no-fund; \
	else echo "npm not found: the accessibility checks will be skipped"; fi

# The interface's message catalogues, compiled from locale/*/LC_MESSAGES/django.po with polib (no gettext needed).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po $(VENV)/.installed
	$(BIN)/python -c "import polib, sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])" $< $@
# Serbian in Cyrillic script: made from the Latin catalogue by transliteration (kfor_site/cyrillic.py), never edited.
CYRILLIC := locale/sr_Cyrl/LC_MESSAGES/django.mo
$(CYRILLIC): locale/sr/LC_MESSAGES/django.po kfor_site/cyrillic.py $(VENV)/.installed
	$(BIN)/python -m kfor_site.cyrillic $< $@
catalogues: $(CATALOGUES) $(CYRILLIC)

# The favicon and app icons in static/icons/, drawn by kfor_site/icons.py (no imaging library needed); committed.
icons: | $(BIN)/python
	$(BIN)/python -m kfor_site.icons static/icons

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The first free port from PORT on: a second checkout, or anything else on 8000, does not stop make run.
FREE_PORT = $(shell $(PYTHON) -c "import socket; taken = lambda p: socket.socket().connect_ex(('$(HOST)', p)) == 0; \
print(next(p for p in range($(PORT), $(PORT) + 100) if not taken(p)))")

run: install catalogues
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py import_data --if-empty
	@echo
	@DJANGO_DEBUG=1 $(BIN)/python manage.py demo_accounts
	@port=$(FREE_PORT); echo; echo "KFOR Timeline: http://$(HOST):$$port/   editors: http://$(HOST):$$port/admin/"; echo; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$$port

test: install-dev catalogues $(AXE)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=kfor_site.settings_test $(BIN)/python manage.py makemigrations --check --dry-run

check: install-dev
	DJANGO_SETTINGS_MODULE=kfor_site.settings_test $(BIN)/python manage.py check

ci: test migrations-check check

clean:
	rm -rf $(VENV) .pytest_cache staticfiles

bench: install-dev catalogues
	$(BIN)/python -m benchmarks.run

load: install-dev catalogues
	$(BIN)/python -m benchmarks.load

restore-check: install-dev
	bash deploy/check-restore.sh
