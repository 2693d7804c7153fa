"""The database role the application runs as: neither superuser nor owner of any table.

Two roles (see SECURITY.md and the README's production notes):

- the **owner** role runs `manage.py migrate`, owns every table, function and trigger. In production it
  is a separate login used only by the migrate step; in development it is the embedded server's
  `postgres`.
- the **runtime** role (`DATABASE_RUNTIME_ROLE`, default `leadiosa_app`) is what the web processes and
  workers log in as in production. It may read and write the application's tables, but on the tables an
  app declares append-only (`restrict_table`, e.g. the audit log) it keeps only what it is given there:
  no UPDATE, DELETE or TRUNCATE, whatever a session sets. Whatever else must touch those tables goes
  through SECURITY DEFINER functions owned by the owner role, which check their own preconditions.

`grant_runtime_privileges` runs after every `migrate` (post_migrate, as the owner), so new tables are
covered the moment they exist. `ensure_runtime_role` creates the role where the migrating login may
create roles (the embedded server; docker's init script does it for compose; a managed database's
operator does it once, see the README).

Every process that serves logs in as the runtime role: production and docker compose through
DATABASE_URL's user; on the embedded server (`make run`, and the gunicorn, worker and beat processes the
tests start) through `DATABASE_USER`, which the server trusts on its socket. `migrate` runs as the owner.

The one exception is the test client's in-process requests: they share the pytest process's connection
with test code, which needs the owner (fixtures, flushes). `RuntimeRoleMiddleware` (test settings only,
when `DATABASE_REQUEST_ROLE` names the role) runs each such request under `SET ROLE <runtime role>`, so
the request path still has exactly the runtime role's privileges. A SET ROLE can be undone by the session
that made it, which is why nothing outside the tests uses it; tests that prove the guards log in as the
runtime role (tests/security/test_db_roles.py, test_process_roles.py).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import connection as default_connection
from psycopg.errors import DuplicateObject, UniqueViolation

logger = logging.getLogger("leadiosa.db_roles")

DEFAULT_RUNTIME_ROLE = "leadiosa_app"

# table name -> the privileges the runtime role keeps on it (everything else is revoked). The migration
# history is the owner's: the application only reads it (`manage.py migrate --check`, showmigrations).
_RESTRICTED: dict[str, tuple[str, ...]] = {"django_migrations": ("SELECT",)}


def restrict_table(table: str, *, allowed: Iterable[str] = ("SELECT",)) -> None:
    """Declare that the runtime role keeps only `allowed` (e.g. SELECT, INSERT) on `table`."""
    _RESTRICTED[table] = tuple(privilege.upper() for privilege in allowed)


def restricted_tables() -> dict[str, tuple[str, ...]]:
    return dict(_RESTRICTED)


def runtime_role() -> str:
    return getattr(settings, "DATABASE_RUNTIME_ROLE", "") or DEFAULT_RUNTIME_ROLE


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def ensure_runtime_role(cursor, role: str | None = None, password: str | None = None) -> None:
    """Create the runtime role if it is missing (needs CREATEROLE): LOGIN, no superuser, creates nothing.

    Callable before settings are configured (the embedded server's start, from the settings module)."""
    role = role or DEFAULT_RUNTIME_ROLE
    # Every process that starts (gunicorn's workers, the Celery worker, beat: at the same instant under
    # `make run`) comes here: write only when something is wrong, since concurrent ALTER ROLEs of one role
    # fail with "tuple concurrently updated", and two CREATE ROLEs with a duplicate.
    cursor.execute(
        "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls"
        " FROM pg_roles WHERE rolname = %s",
        [role],
    )
    row = cursor.fetchone()
    if row is None:
        # Another process may have created it a moment ago, with these attributes (PostgreSQL says so as a
        # duplicate role, or as a duplicate key in its catalogue when both CREATEs ran at once).
        with contextlib.suppress(DuplicateObject, UniqueViolation):
            cursor.execute(
                f"CREATE ROLE {_ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
            )
    elif row[0]:
        cursor.execute(
            f"ALTER ROLE {_ident(role)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
        )
    if password is not None:
        cursor.execute(f"ALTER ROLE {_ident(role)} PASSWORD %s", [password])


def role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


def grant_runtime_privileges(cursor, role: str | None = None) -> bool:
    """Give the runtime role what the application needs, minus the restricted tables' extras.

    Runs as the owner of the tables (after migrate). Returns False (and changes nothing) when the role
    does not exist in this cluster.
    """
    role = role or runtime_role()
    if not role_exists(cursor, role):
        logger.warning("database runtime role %s does not exist: no privileges granted", role)
        return False
    r = _ident(role)
    cursor.execute("SELECT current_schema()")
    schema = _ident(cursor.fetchone()[0])
    cursor.execute("SELECT current_database()")
    database = _ident(cursor.fetchone()[0])
    cursor.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {r}")
    cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO {r}")
    cursor.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM {r}")
    cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {r}")
    cursor.execute(f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema} FROM {r}")
    cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r}")
    cursor.execute(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {r}")
    # Tables the owner creates later (before the next post_migrate) are readable and writable too.
    cursor.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}"
    )
    cursor.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {r}")
    for table, allowed in _RESTRICTED.items():
        cursor.execute("SELECT to_regclass(%s)", [table])
        if cursor.fetchone()[0] is None:
            continue
        cursor.execute(f"REVOKE ALL ON TABLE {_ident(table)} FROM {r}, PUBLIC")
        if allowed:
            cursor.execute(f"GRANT {', '.join(allowed)} ON TABLE {_ident(table)} TO {r}")
    return True


def grant_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver (connected once, for the platform app)."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        grant_runtime_privileges(cursor)


class RuntimeRoleMiddleware:
    """Runs each request's queries as `DATABASE_REQUEST_ROLE` (SET ROLE … / RESET ROLE), when that is set.

    Test settings only (config/settings/test.py adds it): the test client's requests run on the pytest
    process's owner connection, and get exactly the runtime role's privileges this way. Every real
    process logs in as the runtime role instead. The role is set lazily, before the request's first query (a
    request that never queries never connects), through Django's documented execute_wrapper; the two
    statements go to the driver directly, so query-count assertions see only the request's own queries.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.role = getattr(settings, "DATABASE_REQUEST_ROLE", "")

    def __call__(self, request):
        if not self.role:
            return self.get_response(request)
        with running_as(self.role):
            return self.get_response(request)


_switched = threading.local()


@contextlib.contextmanager
def running_as(role: str):
    """This thread's queries on the default connection run as `role` for the block (SET ROLE before the
    first, RESET ROLE after the block), as `RuntimeRoleMiddleware` runs a request. Test settings only:
    the middleware, and the tests' eager Celery tasks (tests/conftest.py), which run in the pytest
    process on its owner connection. Nested blocks (a task run eagerly inside a request, a task calling
    another) share the outermost one's switch, so an inner block's end does not reset the role early."""
    if not role or getattr(_switched, "active", False):
        yield
        return
    switch = _RoleSwitch(role)
    _switched.active = True
    try:
        with default_connection.execute_wrapper(switch):
            yield
    finally:
        _switched.active = False
        switch.reset()


class _RoleSwitch:
    def __init__(self, role: str):
        self.statement = f"SET ROLE {_ident(role)}"
        self.raw = None

    def __call__(self, execute, sql, params, many, context):
        raw = context["connection"].connection
        if raw is not None and raw is not self.raw:
            raw.execute(self.statement)
            self.raw = raw
        return execute(sql, params, many, context)

    def reset(self) -> None:
        raw, self.raw = self.raw, None
        if raw is None or raw.closed:
            return
        try:
            raw.execute("RESET ROLE")
        except Exception:  # noqa: BLE001 - an aborted transaction's rollback undoes the SET ROLE itself
            logger.debug("RESET ROLE failed; the transaction's rollback resets the role")
