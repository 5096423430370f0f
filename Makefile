# The two commands: `make run` (the demo) and `make test` (the whole suite). See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
# The suite runs in this many processes (tests/parallel.py keeps them apart); 0 runs it in one.
TEST_PROCESSES ?= 2

# Settings for the suite: production-like (DEBUG off), but plain HTTP on the test server.
TEST_ENV := SECRET_KEY=test-only-secret-key-not-for-production-0123456789abcdef \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	STATIC_ROOT=$(CURDIR)/var/test-static VAR_DIR=$(CURDIR)/var/test \
	EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

.PHONY: run test venv static messages makemessages lint format clean

.venv/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test]'
	touch $@

venv: .venv/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/app.css: node_modules/.installed $(shell find frontend -type f 2>/dev/null)
	npm run --silent build

static: static/build/app.css

# The Welsh catalogue, compiled from the .po in the repository (the .mo is not committed).
# compilemessages walks the tree for locale folders: the virtualenv and node_modules are not ours.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
$(MO_FILES): %.mo: %.po
	scripts/install-system-packages.sh run
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

messages: venv $(MO_FILES)

# After changing a string marked for translation: adds new strings to the Welsh .po (untranslated,
# for the translator) and marks changed ones fuzzy. tests/i18n runs the same extraction.
makemessages: venv
	DEBUG=true $(PY) manage.py makemessages -l cy --add-location=file --ignore=node_modules \
		--ignore=var --ignore=static --ignore=staticfiles --ignore=tests

run: venv static messages
	scripts/install-system-packages.sh run
	DEBUG=true $(PY) manage.py migrate --noinput -v 0
	DEBUG=true $(PY) manage.py sync_bank_holidays
	DEBUG=true scripts/run-demo.sh

test: venv static messages lint
	scripts/install-system-packages.sh test
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(TEST_ENV) scripts/with-test-services.sh $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djlint templates --lint --quiet

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

clean:
	rm -rf var static/build staticfiles locale/*/LC_MESSAGES/*.mo
