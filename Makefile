# The README's two commands: `make run` and `make test`. Everything else is what they stand on.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install run test lint check spec ci clean-db

$(INSTALLED): requirements/base.txt requirements/dev.txt requirements/prod.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(INSTALLED)

install: $(INSTALLED)

## Serve the API on localhost:8000 with a demo workspace (embedded PostgreSQL unless DATABASE_URL is set).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo
	./scripts/serve.sh

## The whole test suite, against real PostgreSQL (embedded unless DATABASE_URL is set) and Redis when REDIS_URL is set.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Django's checks: production settings pass --deploy, models match migrations, the OpenAPI spec validates.
check: install
	DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=ci-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
		ALLOWED_HOSTS=api.leadiosa.com $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

clean-db:
	rm -rf .data/postgres
