"""Every process that starts checks the runtime role (leadiosa.db_roles.ensure_runtime_role); under
`make run` gunicorn's workers, the Celery worker and beat do so at the same instant. Concurrent ALTER ROLEs
of one role fail with "tuple concurrently updated" (beat died at start-up that way), concurrent CREATE
ROLEs with a duplicate: the check writes only when the role is missing or wrong."""

from __future__ import annotations

import os
import threading

import psycopg
import pytest
from django.conf import settings

from leadiosa.db_roles import ensure_runtime_role

# Roles are server-wide: a name of this suite's own (its test database's), so two suites on one server
# (TEST_DB_SUFFIX, pytest-xdist workers) never drop each other's probe.
PROBE_ROLE = "race_probe_{}{}".format(
    settings.DATABASES["default"]["TEST"]["NAME"].removeprefix("test_")[:40],
    os.environ.get("PYTEST_XDIST_WORKER", ""),
)


def _connect():
    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"],
        port=database.get("PORT") or None,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def admin_connection():
    with _connect() as connection:
        connection.execute(f'DROP ROLE IF EXISTS "{PROBE_ROLE}"')
        yield connection
        connection.execute(f'DROP ROLE IF EXISTS "{PROBE_ROLE}"')


def test_processes_starting_at_once_never_race_on_the_role(admin_connection):
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def one_process():
        try:
            with _connect() as connection, connection.cursor() as cursor:
                start.wait()
                for _ in range(25):
                    ensure_runtime_role(cursor, role=PROBE_ROLE)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=one_process) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    flags = admin_connection.execute(
        "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls"
        " FROM pg_roles WHERE rolname = %s",
        [PROBE_ROLE],
    ).fetchone()
    assert flags == (True, False, False, False, False, False)


def test_a_role_given_too_much_is_put_right(admin_connection):
    admin_connection.execute(f'CREATE ROLE "{PROBE_ROLE}" LOGIN CREATEDB')
    with admin_connection.cursor() as cursor:
        ensure_runtime_role(cursor, role=PROBE_ROLE)
    assert admin_connection.execute(
        "SELECT rolcreatedb FROM pg_roles WHERE rolname = %s", [PROBE_ROLE]
    ).fetchone() == (False,)
