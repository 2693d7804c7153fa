# The README's two commands: `make run` and `make test`. Everything else is what they stand on.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install run stop test screenshots lint check spec ci clean-db drills speclint sdk sdk-check tsclient-check

$(INSTALLED): requirements/base.txt requirements/dev.txt requirements/prod.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(INSTALLED)

install: $(INSTALLED)

## The production shape on localhost:$(PORT): migrate, the demo workspace, gunicorn (2 workers), a Celery
## worker and beat, on the embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set.
## Prints the API's base URL and demo tokens; Ctrl-C stops everything it started.
PORT ?= 8000
run: install
	PORT=$(PORT) ./scripts/run.sh

## Stop what a crashed `make run` left running (pid files under .data/run/), embedded servers included.
stop:
	./scripts/stop.sh

## The whole test suite, against real PostgreSQL and Redis (each embedded unless DATABASE_URL / REDIS_URL is set).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Screenshots of every page the browser tests visit, into docs/screenshots/ (linked from the README): the
## browser tests with DASHBOARD_SCREENSHOTS=1, on the same services as `make test`.
screenshots: install
	DASHBOARD_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Django's checks: production settings pass --deploy, models match migrations, the OpenAPI spec validates.
check: install
	DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=ci-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
		ALLOWED_HOSTS=api.leadiosa.com PUBLIC_BASE_URL=https://api.leadiosa.com \
		DATABASE_URL=postgres://check@db.invalid/leadiosa REDIS_URL=redis://redis.invalid:6379/0 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

## Fault drills: the production shape on a PostgreSQL and Redis of the drill's own; each is stopped and
## started under a steady request loop, then a worker is killed mid-delivery (results: bench/README.md).
drills: install
	$(BIN)/python bench/drills/run.py

clean-db: stop
	.venv/bin/python scripts/embedded.py stop
	rm -rf .data/postgres .data/redis

## The OpenAPI gates (issue 16): openapi-spec-validator, Redocly CLI (recommended) and Spectral (spectral:oas),
## each at 0 errors and 0 warnings. The npm tools are pinned in tools/speclint/package-lock.json and
## installed there, never globally.
SPECLINT := tools/speclint
$(SPECLINT)/node_modules/.installed: $(SPECLINT)/package.json $(SPECLINT)/package-lock.json
	cd $(SPECLINT) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

speclint: install $(SPECLINT)/node_modules/.installed
	$(SPECLINT)/lint.sh

## The Python SDK (clients/python): leadiosa_client is generated from the served spec by the pinned
## openapi-python-client; `make sdk` regenerates it, `make sdk-check` (CI) fails when it is stale.
SDK_DIR := clients/python
SDK_GENERATE = cd $(SDK_DIR) && PATH="$(abspath $(BIN)):$$PATH" $(abspath $(BIN))/openapi-python-client generate \
	--path $(abspath .data/openapi.json) --config openapi-python-client.yaml --meta none --overwrite

sdk: install
	mkdir -p .data
	$(BIN)/python manage.py spectacular --format openapi-json --file .data/openapi.json
	$(SDK_GENERATE) --output-path leadiosa_client

sdk-check: install
	mkdir -p .data
	$(BIN)/python manage.py spectacular --format openapi-json --file .data/openapi.json
	rm -rf .data/sdk-check
	$(SDK_GENERATE) --output-path $(abspath .data/sdk-check)
	diff -r --exclude=__pycache__ --exclude=.ruff_cache $(SDK_DIR)/leadiosa_client .data/sdk-check \
		|| (echo "clients/python/leadiosa_client is stale: run make sdk and commit it." && exit 1)

## A second generator: orval (npm, pinned in tools/tsclient) builds a TypeScript client from the served spec
## and tsc --strict type-checks it.
TSCLIENT := tools/tsclient
$(TSCLIENT)/node_modules/.installed: $(TSCLIENT)/package.json $(TSCLIENT)/package-lock.json
	cd $(TSCLIENT) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tsclient-check: install $(TSCLIENT)/node_modules/.installed
	$(TSCLIENT)/check.sh
