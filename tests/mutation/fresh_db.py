"""pytest plugin for the mutation runs (`-p tests.mutation.fresh_db`, pyproject [tool.mutmut]).

mutmut runs the tests once per mutant; creating the test database each time (every migration) would
cost more than most mutants' tests, and `--reuse-db` alone leaves the database as the last
transactional test left it: emptied, without the rows data migrations seed (plans), so the next run
fails at its first factory. Instead, every session starts from a pristine copy: the first session
saves the freshly migrated database as `<test db>_pristine`, and each later one recreates the test
database from it (`CREATE DATABASE … TEMPLATE`, a file copy: well under a second).
"""

from __future__ import annotations

import contextlib

import psycopg
import pytest
from psycopg import sql

# Exit code 2: mutmut's "check was interrupted", never counted as killed.
INTERRUPTED = 2
UNAVAILABLE = (
    "too many clients",
    "connection failed",
    "connection is bad",
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "the database system is starting up",
    "the database system is shutting down",
)


def _names():
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database["TEST"]["NAME"]
    return database, name, f"{name}_pristine"


def _admin(database):
    return psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _exists(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _close_django_connections() -> None:
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):  # a connection the database already dropped
            connection.close()


def pytest_sessionstart(session):
    database, name, pristine = _names()
    try:
        conn = _admin(database)
    except psycopg.OperationalError as exc:
        pytest.exit(f"database unavailable, not the mutant: {exc}", returncode=INTERRUPTED)
    with conn:
        if not _exists(conn, pristine):
            return  # the first session creates the test database and saves the pristine copy
        _close_django_connections()
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(pristine))
        )


@pytest.fixture(scope="session", autouse=True)
def _save_the_pristine_database(django_db_setup, django_db_blocker):
    database, name, pristine = _names()
    with _admin(database) as conn:
        if _exists(conn, pristine):
            return
        _close_django_connections()
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(pristine), sql.Identifier(name))
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that failed because the shared database server was full, down or restarting (other
    runs share it, and some stop it on purpose) says nothing about the mutant: end the session as
    interrupted (exit code 2, which mutmut records as "interrupted", not "killed"), so the mutant is
    run again next time."""
    report = yield
    if report.failed and call.excinfo is not None:
        text = str(call.excinfo.value)
        if any(sign in text for sign in UNAVAILABLE):
            pytest.exit(f"database unavailable, not the mutant: {text[:200]}", returncode=INTERRUPTED)
    return report
