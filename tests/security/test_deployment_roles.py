"""docker compose runs web, worker and beat logged in as the runtime role, and only the migrate step as
the owner (issue 15); neither they nor `make run`'s long-running processes inherit the owner's
credentials; the compose PostgreSQL logs no personal data. No Docker here: the compose file is read as
`docker compose` reads it, and the entrypoint and run.sh are run with stand-ins for gunicorn, Celery and
Python that record the environment they were given."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from leadiosa.database import EMBEDDED_SERVER_SETTINGS
from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
LONG_RUNNING = ("web", "worker", "beat")


def _compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yml").read_text())  # merges the x-app anchor (<<)


def test_web_worker_and_beat_log_in_as_the_runtime_role_and_only_migrate_as_the_owner():
    compose = _compose()
    owner = compose["services"]["postgres"]["environment"]["POSTGRES_USER"]
    owner_password = compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert owner != DEFAULT_RUNTIME_ROLE
    for name in LONG_RUNNING:
        environment = compose["services"][name]["environment"]
        assert urlsplit(environment["DATABASE_URL"]).username == DEFAULT_RUNTIME_ROLE, name
        assert "MIGRATE_DATABASE_URL" not in environment, name
        assert "DATABASE_REQUEST_ROLE" not in environment, name
        # No other variable carries the owner's login either.
        for key, value in environment.items():
            assert f"{owner}:{owner_password}@" not in str(value), (name, key)
        # They start once the migrate step has finished.
        assert compose["services"][name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    migrate = compose["services"]["migrate"]
    assert migrate["command"] == ["migrate"]
    assert urlsplit(migrate["environment"]["MIGRATE_DATABASE_URL"]).username == owner
    assert urlsplit(migrate["environment"]["DATABASE_URL"]).username == DEFAULT_RUNTIME_ROLE
    assert migrate.get("restart") == "no"


def test_the_compose_postgres_logs_failing_statements_without_their_values():
    """The compose server takes the embedded server's quiet log settings (issue 15, part 3): without
    them PostgreSQL logs a failing statement whole, with the contact data it carried."""
    command = _compose()["services"]["postgres"]["command"]
    assert command[0] == "postgres"
    flags, values = command[1::2], command[2::2]
    assert set(flags) == {"-c"}
    given = dict(value.split("=", 1) for value in values)
    log_settings = {
        name: value for name, value in EMBEDDED_SERVER_SETTINGS.items() if name.startswith("log_")
    }
    assert log_settings == EMBEDDED_SERVER_SETTINGS  # every one of them is a log setting, none left out
    assert given == log_settings


def test_the_entrypoint_uses_the_owner_for_migrate_alone():
    script = (DOCKER / "entrypoint.sh").read_text()
    owner_lines = [
        line for line in script.splitlines() if "MIGRATE_DATABASE_URL" in line and "unset" not in line
    ]
    owner_lines = [line for line in owner_lines if not line.lstrip().startswith("#")]
    assert owner_lines and all("manage.py migrate" in line for line in owner_lines), owner_lines


OWNER_URL = "postgres://owner:owner-secret@db.example:5432/leadiosa"
RUNTIME_URL = f"postgres://{DEFAULT_RUNTIME_ROLE}:app-secret@db.example:5432/leadiosa"


def _stand_in(path: Path, body: str) -> None:
    path.write_text("#!/usr/bin/env bash\n" + body)
    path.chmod(0o755)


def _recorded(record: Path, name: str) -> dict[str, str]:
    lines = (record / f"{name}.env").read_text().split("\0")
    return dict(line.split("=", 1) for line in lines if "=" in line)


def _records_env(record: Path, name: str) -> str:
    return f'env -0 > "{record}/{name}.env.tmp" && mv "{record}/{name}.env.tmp" "{record}/{name}.env"\n'


@pytest.mark.parametrize("role", ["migrate", "web", "worker", "beat"])
def test_the_entrypoint_gives_the_owner_to_migrate_and_to_no_long_running_process(tmp_path, role):
    bin_dir, record = tmp_path / "bin", tmp_path / "record"
    bin_dir.mkdir()
    record.mkdir()
    # python runs `manage.py migrate` and `collectstatic`; gunicorn and celery are what `exec` starts.
    _stand_in(bin_dir / "python", f'name="${{2:-python}}"\n{_records_env(record, "$name")}')
    _stand_in(bin_dir / "gunicorn", _records_env(record, "gunicorn"))
    _stand_in(bin_dir / "celery", f'name="celery-$3"\n{_records_env(record, "$name")}')
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "DATABASE_URL": RUNTIME_URL,
        "MIGRATE_DATABASE_URL": OWNER_URL,
    }
    done = subprocess.run(
        ["sh", str(DOCKER / "entrypoint.sh"), role],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    started = {path.name.removesuffix(".env") for path in record.glob("*.env")}
    if role == "migrate":
        assert started == {"migrate"}
        assert _recorded(record, "migrate")["DATABASE_URL"] == OWNER_URL
        return
    expected = {"web": {"collectstatic", "gunicorn"}, "worker": {"celery-worker"}, "beat": {"celery-beat"}}
    assert started == expected[role]
    for name in started:
        environment = _recorded(record, name)
        assert environment["DATABASE_URL"] == RUNTIME_URL, name
        assert not any("owner-secret" in value for value in environment.values()), name


@pytest.mark.parametrize("database_url", [RUNTIME_URL, None], ids=["DATABASE_URL", "embedded"])
def test_make_run_migrates_as_the_owner_and_starts_gunicorn_worker_and_beat_without_it(
    tmp_path, database_url
):
    """scripts/run.sh, run from a copy of the project whose .venv/bin holds stand-ins: python answers
    the embedded servers' status ("running", so nothing is started or stopped) and records the
    migrate and demo commands' environment; gunicorn, the worker and beat record theirs."""
    project, record = tmp_path / "project", tmp_path / "record"
    (project / "scripts").mkdir(parents=True)
    (project / ".venv" / "bin").mkdir(parents=True)
    record.mkdir()
    shutil.copy(ROOT / "scripts" / "run.sh", project / "scripts" / "run.sh")
    bin_dir = project / ".venv" / "bin"
    _stand_in(
        bin_dir / "python",
        'case "$1 ${2:-}" in\n'
        '  "scripts/embedded.py status") echo "postgres running"; echo "redis running" ;;\n'
        f'  "manage.py migrate") {_records_env(record, "migrate")} ;;\n'
        f'  "manage.py demo") {_records_env(record, "demo")} echo "Demo workspace: ws_x" ;;\n'
        "  *) cat >/dev/null ;;\n"  # the /healthz wait, a script on stdin
        "esac\n",
    )
    # The worker and beat record and wait to be stopped; gunicorn records, waits for them, then exits,
    # which makes run.sh stop the rest and return.
    _stand_in(bin_dir / "celery", f'name="celery-$3"\n{_records_env(record, "$name")}exec sleep 30\n')
    _stand_in(
        bin_dir / "gunicorn",
        _records_env(record, "gunicorn")
        + f'for _ in $(seq 100); do [ -f "{record}/celery-worker.env" ] && [ -f "{record}/celery-beat.env" ]'
        " && exit 0; sleep 0.1; done; exit 1\n",
    )
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "MIGRATE_DATABASE_URL": OWNER_URL}
    if database_url is None:
        del env["MIGRATE_DATABASE_URL"]  # the embedded server: its superuser owns the tables
    else:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        ["bash", str(project / "scripts" / "run.sh")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for name in ("migrate", "demo"):
        environment = _recorded(record, name)
        if database_url is None:
            assert environment.get("DATABASE_URL", "") == "" and environment["DATABASE_USER"] == "", name
        else:
            assert environment["DATABASE_URL"] == OWNER_URL, name
    for name in ("gunicorn", "celery-worker", "celery-beat"):
        environment = _recorded(record, name)
        assert "MIGRATE_DATABASE_URL" not in environment, name
        assert not any("owner-secret" in value for value in environment.values()), name
        if database_url is None:
            assert environment["DATABASE_USER"] == DEFAULT_RUNTIME_ROLE, name
        else:
            assert environment["DATABASE_URL"] == RUNTIME_URL, name
            assert environment["DATABASE_USER"] == "", name


def test_the_database_init_script_creates_a_runtime_role_that_is_not_superuser():
    [init] = sorted((DOCKER / "postgres-init").glob("*.sh"))
    statement = re.search(rf"CREATE ROLE {DEFAULT_RUNTIME_ROLE}\b[^;]*;", init.read_text(), re.DOTALL)
    assert statement is not None
    for attribute in ("LOGIN", "NOSUPERUSER", "NOCREATEDB", "NOCREATEROLE", "NOBYPASSRLS"):
        assert attribute in statement.group(0)


def test_the_readme_tells_a_production_server_the_same_log_settings():
    readme = (ROOT / "README.md").read_text()
    told = dict(re.findall(r"ALTER SYSTEM SET (\w+) = '?([^';\s]+)'?;", readme))
    assert told == EMBEDDED_SERVER_SETTINGS
