"""docker compose runs web, worker and beat logged in as the runtime role, and only the migrate step as
the owner (issue 15). No Docker here: the files themselves are read, as `docker compose` reads them."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def _compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yml").read_text())  # merges the x-app anchor (<<)


def test_web_worker_and_beat_log_in_as_the_runtime_role_and_only_migrate_as_the_owner():
    compose = _compose()
    owner = compose["services"]["postgres"]["environment"]["POSTGRES_USER"]
    assert owner != DEFAULT_RUNTIME_ROLE
    for name in ("web", "worker", "beat"):
        environment = compose["services"][name]["environment"]
        assert urlsplit(environment["DATABASE_URL"]).username == DEFAULT_RUNTIME_ROLE, name
        assert urlsplit(environment["MIGRATE_DATABASE_URL"]).username == owner, name
        assert "DATABASE_REQUEST_ROLE" not in environment, name


def test_the_entrypoint_uses_the_owner_for_migrate_alone():
    script = (DOCKER / "entrypoint.sh").read_text()
    owner_lines = [line for line in script.splitlines() if "MIGRATE_DATABASE_URL" in line]
    assert owner_lines and all("manage.py migrate" in line for line in owner_lines), owner_lines


def test_the_database_init_script_creates_a_runtime_role_that_is_not_superuser():
    [init] = sorted((DOCKER / "postgres-init").glob("*.sh"))
    statement = re.search(rf"CREATE ROLE {DEFAULT_RUNTIME_ROLE}\b[^;]*;", init.read_text(), re.DOTALL)
    assert statement is not None
    for attribute in ("LOGIN", "NOSUPERUSER", "NOCREATEDB", "NOCREATEROLE", "NOBYPASSRLS"):
        assert attribute in statement.group(0)
