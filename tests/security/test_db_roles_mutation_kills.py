"""Tests written for the mutants of leadiosa/db_roles.py that survived the area's tests
(tests/mutation/run.sh db_roles; the list and the equivalent ones: tests/mutation/RESULTS.md).

What the runtime role is given, privilege by privilege, checked with PostgreSQL's own has_*_privilege
functions on a probe role of this test database's own (roles are server-wide). Each test runs in the
test's transaction, so the probe role, its grants and every catalogue change roll back with it.
"""

from __future__ import annotations

import logging
import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import RequestFactory

from leadiosa import db_roles
from leadiosa.db_roles import (
    DEFAULT_RUNTIME_ROLE,
    ensure_runtime_role,
    grant_after_migrate,
    grant_runtime_privileges,
    restrict_table,
    restricted_tables,
    role_exists,
    running_as,
    runtime_role,
)

pytestmark = pytest.mark.django_db

# A name of this suite's own (its test database's): two suites on one server never share a probe.
PROBE = "grant_probe_" + settings.DATABASES["default"]["TEST"]["NAME"].removeprefix("test_")[:40]
# A name that needs quoting: _ident must double the quote.
QUOTED_PROBE = 'probe"quoted_' + settings.DATABASES["default"]["TEST"]["NAME"].removeprefix("test_")[:30]


def one(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def flags(role: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls"
            " FROM pg_roles WHERE rolname = %s",
            [role],
        )
        return cursor.fetchone()


def table_privileges(role: str, table: str) -> set[str]:
    return {
        privilege
        for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
        if one("SELECT has_table_privilege(%s, %s, %s)", [role, table, privilege])
    }


@pytest.fixture
def probe():
    with connection.cursor() as cursor:
        ensure_runtime_role(cursor, role=PROBE)
    return PROBE


# --- the role ------------------------------------------------------------------------------------------


def test_a_missing_role_is_created_with_login_and_nothing_else():
    with connection.cursor() as cursor:
        assert not role_exists(cursor, PROBE)
        ensure_runtime_role(cursor, role=PROBE)
        assert role_exists(cursor, PROBE)
    assert flags(PROBE) == (True, False, False, False, False, False)
    assert one("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = %s", [PROBE])


def test_a_name_with_a_quote_is_created_under_that_exact_name():
    with connection.cursor() as cursor:
        ensure_runtime_role(cursor, role=QUOTED_PROBE)
        assert role_exists(cursor, QUOTED_PROBE)
        grant_runtime_privileges(cursor, role=QUOTED_PROBE)
    assert flags(QUOTED_PROBE) == (True, False, False, False, False, False)
    assert "SELECT" in table_privileges(QUOTED_PROBE, "contacts_contact")


@pytest.mark.parametrize("attribute", ["SUPERUSER", "CREATEDB", "CREATEROLE", "REPLICATION", "BYPASSRLS"])
def test_each_attribute_too_many_is_taken_away(attribute):
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{PROBE}" LOGIN {attribute}')
        ensure_runtime_role(cursor, role=PROBE)
    assert flags(PROBE) == (True, False, False, False, False, False)


def test_a_password_is_set_when_given(probe):
    with connection.cursor() as cursor:
        ensure_runtime_role(cursor, role=probe, password="a long runtime password")
    assert one("SELECT rolpassword LIKE 'SCRAM-SHA-256$%%' FROM pg_authid WHERE rolname = %s", [probe])


def test_without_a_name_the_default_role_is_checked_and_left_as_it_is():
    before = one("SELECT xmin::text FROM pg_authid WHERE rolname = %s", [DEFAULT_RUNTIME_ROLE])
    with connection.cursor() as cursor:
        ensure_runtime_role(cursor)
    assert flags(DEFAULT_RUNTIME_ROLE) == (True, False, False, False, False, False)
    # Nothing was written: concurrent starts must not race on an ALTER ROLE of a role already right.
    assert one("SELECT xmin::text FROM pg_authid WHERE rolname = %s", [DEFAULT_RUNTIME_ROLE]) == before


def test_the_runtime_role_is_the_settings_one_or_the_default(settings):
    settings.DATABASE_RUNTIME_ROLE = "some_other_role"
    assert runtime_role() == "some_other_role"
    settings.DATABASE_RUNTIME_ROLE = ""
    assert runtime_role() == DEFAULT_RUNTIME_ROLE
    del settings.DATABASE_RUNTIME_ROLE
    assert runtime_role() == DEFAULT_RUNTIME_ROLE


# --- the grants ---------------------------------------------------------------------------------------


def test_the_runtime_role_reads_and_writes_tables_and_nothing_more(probe):
    with connection.cursor() as cursor:
        assert grant_runtime_privileges(cursor, role=probe) is True
    database = connection.settings_dict["NAME"]
    assert one("SELECT has_database_privilege(%s, %s, 'CONNECT')", [probe, database])
    assert one("SELECT has_database_privilege(%s, %s, 'TEMPORARY')", [probe, database])
    assert not one("SELECT has_database_privilege(%s, %s, 'CREATE')", [probe, database])
    assert one("SELECT has_schema_privilege(%s, 'public', 'USAGE')", [probe])
    assert not one("SELECT has_schema_privilege(%s, 'public', 'CREATE')", [probe])
    assert table_privileges(probe, "contacts_contact") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    sequence = one(
        "SELECT min(c.oid::regclass::text) FROM pg_class c"
        " WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"
    )
    assert sequence is not None
    for privilege in ("USAGE", "SELECT"):
        assert one("SELECT has_sequence_privilege(%s, %s, %s)", [probe, sequence, privilege])
    assert not one("SELECT has_sequence_privilege(%s, %s, 'UPDATE')", [probe, sequence])
    # Revoked from PUBLIC by its migration: only the grant on every function lets the role run it.
    assert one("SELECT has_function_privilege(%s, 'audit_purge_workspace(text)', 'EXECUTE')", [probe])


def test_the_public_schema_cannot_be_created_in_even_when_it_could_before(probe):
    with connection.cursor() as cursor:
        cursor.execute(f'GRANT CREATE ON SCHEMA public TO "{probe}"')
        cursor.execute(f'GRANT TRUNCATE, REFERENCES, TRIGGER ON contacts_contact TO "{probe}"')
        grant_runtime_privileges(cursor, role=probe)
    assert not one("SELECT has_schema_privilege(%s, 'public', 'CREATE')", [probe])
    assert table_privileges(probe, "contacts_contact") == {"SELECT", "INSERT", "UPDATE", "DELETE"}


def test_a_table_created_after_the_grant_is_readable_and_writable(probe):
    with connection.cursor() as cursor:
        grant_runtime_privileges(cursor, role=probe)
        cursor.execute("CREATE TABLE later_table_probe (id serial PRIMARY KEY)")
    assert table_privileges(probe, "later_table_probe") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    sequence = one("SELECT pg_get_serial_sequence('later_table_probe', 'id')")
    for privilege in ("USAGE", "SELECT"):
        assert one("SELECT has_sequence_privilege(%s, %s, %s)", [probe, sequence, privilege])


def test_restricted_tables_keep_only_what_they_allow(probe):
    with connection.cursor() as cursor:
        grant_runtime_privileges(cursor, role=probe)
    assert table_privileges(probe, "audit_entry") == {"SELECT", "INSERT"}
    assert table_privileges(probe, "audit_seal") == {"SELECT"}
    assert table_privileges(probe, "django_migrations") == {"SELECT"}
    # PUBLIC (every role) loses them too.
    assert not one(
        "SELECT count(*) FROM information_schema.role_table_grants"
        " WHERE table_name = 'audit_entry' AND grantee = 'PUBLIC'"
    )


def test_a_missing_restricted_table_is_skipped_and_the_next_ones_still_restricted(probe, monkeypatch):
    monkeypatch.setattr(
        db_roles,
        "_RESTRICTED",
        {"no_such_table": ("SELECT",), "contacts_contact": (), "audit_seal": ("SELECT", "INSERT")},
    )
    with connection.cursor() as cursor:
        assert grant_runtime_privileges(cursor, role=probe) is True
    assert table_privileges(probe, "contacts_contact") == set()  # allowed nothing: every grant revoked
    assert table_privileges(probe, "audit_seal") == {"SELECT", "INSERT"}


def test_a_role_that_does_not_exist_is_given_nothing_and_named_in_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="leadiosa.db_roles"), connection.cursor() as cursor:
        assert grant_runtime_privileges(cursor, role=PROBE) is False
    assert [r.getMessage() for r in caplog.records if r.name == "leadiosa.db_roles"] == [
        f"database runtime role {PROBE} does not exist: no privileges granted"
    ]


def test_without_a_name_the_settings_role_is_granted(probe, settings):
    settings.DATABASE_RUNTIME_ROLE = probe
    with connection.cursor() as cursor:
        assert grant_runtime_privileges(cursor) is True
    assert table_privileges(probe, "contacts_contact") == {"SELECT", "INSERT", "UPDATE", "DELETE"}


def test_after_migrate_the_settings_role_is_granted_on_the_default_database(probe, settings):
    settings.DATABASE_RUNTIME_ROLE = probe
    grant_after_migrate(sender=None)
    assert table_privileges(probe, "audit_entry") == {"SELECT", "INSERT"}
    assert table_privileges(probe, "contacts_contact") == {"SELECT", "INSERT", "UPDATE", "DELETE"}


def test_restrict_table_keeps_the_privileges_in_capitals_and_reads_select_by_default(monkeypatch):
    monkeypatch.setattr(db_roles, "_RESTRICTED", {})
    restrict_table("some_table", allowed=("select", "Insert"))
    restrict_table("other_table")
    assert restricted_tables() == {"some_table": ("SELECT", "INSERT"), "other_table": ("SELECT",)}
    copy = restricted_tables()
    copy["third_table"] = ()
    assert "third_table" not in restricted_tables()


# --- running as the role ------------------------------------------------------------------------------


def current_user() -> str:
    return one("SELECT current_user")


def test_running_as_switches_for_the_block_and_back_after():
    owner = current_user()
    with running_as(DEFAULT_RUNTIME_ROLE):
        assert current_user() == DEFAULT_RUNTIME_ROLE
    assert current_user() == owner
    with running_as(DEFAULT_RUNTIME_ROLE):  # a second block switches again
        assert current_user() == DEFAULT_RUNTIME_ROLE
    assert current_user() == owner


def test_no_role_switches_nothing():
    owner = current_user()
    with running_as(""):
        assert current_user() == owner
        with running_as(DEFAULT_RUNTIME_ROLE):  # the empty block did not count as the outer one
            assert current_user() == DEFAULT_RUNTIME_ROLE
    assert current_user() == owner


def test_a_nested_block_keeps_the_outer_role_until_the_outer_block_ends(probe):
    owner = current_user()
    with running_as(DEFAULT_RUNTIME_ROLE):
        with running_as(probe):
            assert current_user() == DEFAULT_RUNTIME_ROLE
        assert current_user() == DEFAULT_RUNTIME_ROLE
    assert current_user() == owner


def test_a_block_that_ran_no_query_and_a_block_that_raised_both_end_cleanly():
    owner = current_user()
    with running_as(DEFAULT_RUNTIME_ROLE):
        pass
    with pytest.raises(LookupError), running_as(DEFAULT_RUNTIME_ROLE):
        assert current_user() == DEFAULT_RUNTIME_ROLE
        raise LookupError
    assert current_user() == owner
    with running_as(DEFAULT_RUNTIME_ROLE):  # the raised block ended its switch: this one switches
        assert current_user() == DEFAULT_RUNTIME_ROLE


def test_the_role_is_set_once_per_connection_not_before_every_query():
    """One SET ROLE per connection: a statement of the block's own that changes the role holds until the
    block ends (a SET ROLE before every query would undo it, at a round trip per query)."""
    owner = current_user()
    with running_as(DEFAULT_RUNTIME_ROLE):
        assert current_user() == DEFAULT_RUNTIME_ROLE
        connection.connection.execute("RESET ROLE")
        assert current_user() == owner
    assert current_user() == owner


def test_a_failed_reset_in_an_aborted_transaction_is_logged_not_raised(caplog):
    with (
        caplog.at_level(logging.DEBUG, logger="leadiosa.db_roles"),
        running_as(DEFAULT_RUNTIME_ROLE),  # ends after the failed query: its RESET ROLE fails
        pytest.raises(Exception, match="division by zero"),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT 1 / 0")
    assert [r.getMessage() for r in caplog.records if r.name == "leadiosa.db_roles"] == [
        "RESET ROLE failed; the transaction's rollback resets the role"
    ]
    assert [r.levelno for r in caplog.records if r.name == "leadiosa.db_roles"] == [logging.DEBUG]


def test_the_middleware_without_a_role_leaves_the_request_on_the_owner(settings):
    settings.DATABASE_REQUEST_ROLE = ""
    seen = []

    def view(request):
        seen.append(current_user())
        return "response"

    owner = current_user()
    assert db_roles.RuntimeRoleMiddleware(view)(RequestFactory().get("/api/v1/me")) == "response"
    assert seen == [owner]


@pytest.mark.parametrize("request_role", ["", None])
def test_without_a_request_role_the_request_itself_reaches_the_view_on_the_owner(settings, request_role):
    if request_role is None:
        del settings.DATABASE_REQUEST_ROLE  # settings that never name one
    else:
        settings.DATABASE_REQUEST_ROLE = request_role
    request = RequestFactory().get("/api/v1/me")
    seen = []

    def view(received):
        seen.append((received, current_user()))
        return "response"

    owner = current_user()
    assert db_roles.RuntimeRoleMiddleware(view)(request) == "response"
    assert seen == [(request, owner)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_thread_that_never_switched_switches_at_its_first_block():
    """A fresh thread has no switch of its own yet (threads that serve requests, eager tasks in threads):
    its first block is the outermost one, and switches."""
    seen: list[str] = []
    errors: list[BaseException] = []

    def in_a_new_thread():
        try:
            with running_as(DEFAULT_RUNTIME_ROLE):
                seen.append(current_user())
            seen.append(current_user())
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=in_a_new_thread)
    thread.start()
    thread.join()
    assert errors == []
    assert seen[0] == DEFAULT_RUNTIME_ROLE
    assert seen[1] != DEFAULT_RUNTIME_ROLE


def test_a_wrapper_installed_inside_the_block_gets_each_statements_arguments():
    """Django passes every execute wrapper (sql, params, many, context); the switch passes them on as
    they came, to whatever wrapper is installed inside it."""
    received = []

    def record(execute, sql, params, many, context):
        received.append((many, context["connection"] is connections["default"]))
        return execute(sql, params, many, context)

    with running_as(DEFAULT_RUNTIME_ROLE), connection.execute_wrapper(record), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE wrapper_probe (n int)")
        cursor.executemany("INSERT INTO wrapper_probe VALUES (%s)", [(1,), (2,)])
        cursor.execute("SELECT count(*) FROM wrapper_probe")
        assert cursor.fetchone()[0] == 2
    assert received == [(False, True), (True, True), (False, True)]
