"""Tests written for the mutants of leadiosa/database.py (tests/mutation/run.sh database; the equivalent
ones: tests/mutation/RESULTS.md).

The settings module calls `database_settings` once, when the process starts: before any test, so no
test of the suite reaches it. These call it (and what it calls) themselves, against the embedded server
this run already uses (found running, never a second one), and check what Django is given and what the
server is left with: the database created once, the log settings that keep statement values out of the
server's log put back, and applied, and nothing written when they are already right.

libpq's defaults (PGHOST unset: the system's socket directory) are pointed at a directory with no server
for every test here: a connection that does not name this run's server must fail, never reach another
PostgreSQL on the machine.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from psycopg import sql

from leadiosa import database
from leadiosa.database import (
    EMBEDDED_DB_NAME,
    EMBEDDED_SERVER_SETTINGS,
    _ensure_database,
    _prepare_server,
    database_settings,
    embedded_data_dir,
    start_embedded_postgres,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_default_server(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("PGHOST", str(tmp_path_factory.mktemp("no-server")))


@contextlib.contextmanager
def only_this_runs_server():
    """A connection refused means the code dialled somewhere else than the server it was given: say so
    as a failure of this test (not as the server being down)."""
    try:
        yield
    except psycopg.OperationalError as error:
        raise AssertionError(f"dialled another server: {type(error).__name__}") from None


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(
        host=connection.settings_dict["HOST"], user="postgres", dbname="postgres", autocommit=True
    )


def server_setting(name: str) -> str:
    with admin_connection() as conn:  # a new session: it reads the configuration as last reloaded
        return conn.execute("SELECT setting FROM pg_settings WHERE name = %s", [name]).fetchone()[0]


# --- DATABASE_URL ---------------------------------------------------------------------------------------


def test_a_database_url_is_parsed_and_starts_no_server(tmp_path):
    config = database_settings(
        "postgres://app:secret@db.example:6543/product",
        embedded=True,
        data_root=tmp_path,
        conn_max_age=60,
        user="ignored_with_a_url",
    )
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 6543, "product")
    assert (config["USER"], config["PASSWORD"]) == ("app", "secret")
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)
    assert list(tmp_path.iterdir()) == []


def test_a_name_replaces_the_urls_database():
    config = database_settings(
        "postgres://app@db.example/product",
        embedded=False,
        data_root=Path("/nonexistent"),
        conn_max_age=0,
        name="test_product",
    )
    assert config["NAME"] == "test_product"
    assert config["CONN_MAX_AGE"] == 0


def test_production_without_a_url_refuses_and_says_what_to_set(tmp_path):
    with pytest.raises(
        ImproperlyConfigured, match=r"^Set DATABASE_URL: production runs on a real PostgreSQL\.$"
    ):
        database_settings("", embedded=False, data_root=tmp_path, conn_max_age=60)
    assert list(tmp_path.iterdir()) == []


# --- the embedded server ---------------------------------------------------------------------------------


def test_the_embedded_server_is_the_running_one_logged_in_to_as_its_superuser():
    with only_this_runs_server():
        config = database_settings("", embedded=True, data_root=settings.DATA_DIR, conn_max_age=30)
    assert config == {
        "ENGINE": "leadiosa.postgresql",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": connection.settings_dict["HOST"],
        "PORT": "",
        "CONN_MAX_AGE": 30,
        "CONN_HEALTH_CHECKS": True,
    }


def test_the_embedded_server_with_a_user_and_a_name():
    with only_this_runs_server():
        config = database_settings(
            "", embedded=True, data_root=settings.DATA_DIR, conn_max_age=0, name="test_x", user="leadiosa_app"
        )
    assert (config["USER"], config["NAME"], config["HOST"]) == (
        "leadiosa_app",
        "test_x",
        connection.settings_dict["HOST"],
    )


def test_start_embedded_postgres_answers_for_the_data_root_it_is_given():
    """What the benchmarks, which call it without settings, are given: Django's own backend."""
    with only_this_runs_server():
        config = start_embedded_postgres(settings.DATA_DIR)
    assert config == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": connection.settings_dict["HOST"],
        "PORT": "",
    }
    assert embedded_data_dir(settings.DATA_DIR) == Path(settings.DATA_DIR).resolve() / "postgres"


def test_the_data_directory_is_resolved_under_the_data_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert embedded_data_dir(Path("relative")) == tmp_path.resolve() / "relative" / "postgres"


@pytest.fixture
def probe_database():
    name = settings.DATABASES["default"]["TEST"]["NAME"] + "_probe"

    def drop():
        with admin_connection() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()
    yield name
    drop()


def test_a_database_is_created_once(probe_database):
    host = connection.settings_dict["HOST"]
    with only_this_runs_server():
        _ensure_database(host, probe_database)
        _ensure_database(host, probe_database)  # found: not created again
    with admin_connection() as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [probe_database]).fetchone()


def _wait_for(name: str, value: str) -> str:
    deadline = time.monotonic() + 10
    while (current := server_setting(name)) != value and time.monotonic() < deadline:
        time.sleep(0.1)
    return current


def test_a_log_setting_changed_on_the_server_is_put_back_and_applied():
    """log_min_duration_statement is the harmless one to change: at ten minutes it logs nothing more."""
    with admin_connection() as conn:
        conn.execute("ALTER SYSTEM SET log_min_duration_statement = '600000'")
        conn.execute("SELECT pg_reload_conf()")
    try:
        assert _wait_for("log_min_duration_statement", "600000") == "600000"
        with only_this_runs_server():
            _prepare_server(connection.settings_dict["HOST"], EMBEDDED_DB_NAME)
        assert _wait_for("log_min_duration_statement", "-1") == "-1"
    finally:
        with admin_connection() as conn:
            conn.execute("ALTER SYSTEM SET log_min_duration_statement = '-1'")
            conn.execute("SELECT pg_reload_conf()")
    for name, value in EMBEDDED_SERVER_SETTINGS.items():
        assert server_setting(name) == value


def _auto_conf() -> Path:
    return Path(one_setting("data_directory")) / "postgresql.auto.conf"


def one_setting(name: str) -> str:
    with admin_connection() as conn:
        return conn.execute("SELECT setting FROM pg_settings WHERE name = %s", [name]).fetchone()[0]


def _loaded_at():
    with admin_connection() as conn:
        return conn.execute("SELECT pg_conf_load_time()").fetchone()[0]


def test_a_start_that_finds_the_settings_right_writes_and_reloads_nothing():
    """Every process start comes here (gunicorn's workers, the worker, beat, each manage.py call)."""
    host = connection.settings_dict["HOST"]
    with only_this_runs_server():
        _prepare_server(host, EMBEDDED_DB_NAME)  # whatever an earlier test left, right from here on
    time.sleep(0.3)
    written, loaded = _auto_conf().stat().st_mtime_ns, _loaded_at()
    with only_this_runs_server():
        _prepare_server(host, EMBEDDED_DB_NAME)
    time.sleep(0.5)  # a reload would have been signalled and taken by now
    assert _auto_conf().stat().st_mtime_ns == written
    assert _loaded_at() == loaded


def test_without_a_data_root_the_projects_own_data_directory_is_used(tmp_path, monkeypatch):
    """<project>/.data, exactly: here a project whose .data is this run's data root. Files stand where a
    misspelt name would point, so a wrong name fails at once instead of starting a second server."""
    (tmp_path / ".data").symlink_to(Path(settings.DATA_DIR).resolve(), target_is_directory=True)
    for wrong in ("XX.dataXX", ".DATA", "data"):
        (tmp_path / wrong).write_text("not a data root")
    monkeypatch.setattr(database, "PROJECT_ROOT", tmp_path)
    with only_this_runs_server():
        assert start_embedded_postgres()["HOST"] == connection.settings_dict["HOST"]
