# Erbij: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format demo migrate messages makemessages gettext venv chromium clean audit

# Python 3.11 is required; fall back to python3 when it is 3.11.
PYTHON_BIN := $(shell command -v $(PYTHON) 2>/dev/null || command -v python3)

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON_BIN) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

migrate: venv messages
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo ""
	@echo "  Erbij runs on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Admin login: user 'admin', password 'erbij-demo'"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Chromium for the browser tests; no browser download.
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| (echo "Chromium is missing: install the Debian package 'chromium' (sudo apt-get install chromium)"; exit 1)

# GNU gettext compiles the translations; Debian's package if it is missing.
gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null) \
		|| (echo "msgfmt is missing: install the Debian package 'gettext'"; exit 1)

messages: venv gettext
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Update the English .po files of one app: make makemessages APP=directory (APP=site for site/ and config/).
makemessages: venv gettext
	@if [ "$(APP)" = "site" ] || [ -z "$(APP)" ]; then $(PY) manage.py makemessages -l en --ignore=.venv --ignore='*/node_modules/*' $(if $(APP),--ignore=home --ignore=directory --ignore=coalitions --ignore=campaigns --ignore=portal --ignore=search,); \
	else cd $(APP) && ../$(PY) ../manage.py makemessages -l en; fi

# DATABASE_URL=postgres://... make test runs the same suite on PostgreSQL.
test: venv chromium messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: venv messages
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Known vulnerabilities in the installed (pinned) packages, from PyPI's vulnerability data.
# --strict also fails when a package cannot be looked up; `make audit AUDIT_FLAGS=` fails only on a
# known vulnerability (for a network where the vulnerability service is not reachable).
AUDIT_FLAGS ?= --strict
audit: venv
	$(VENV)/bin/pip-audit --local --progress-spinner off $(AUDIT_FLAGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
