"""The audit log holds against the application's own database role (issue 15, part 2).

These tests log in to the test database as the runtime role (`leadiosa_app`, what production's web and
worker processes log in as) over a connection of their own, and try what the assessment did: rewrite
the three audit tables, the `SET LOCAL leadiosa.audit_purge` trick, the purge function on a workspace
that is not due, a forged entry. Then, as the owner (who can switch triggers off, but does not hold the
application's chain key), the full rewrite: delete an entry, recompute the later seals and the head.
Each is refused by the database or named by `manage.py audit_verify`.
"""

from __future__ import annotations

from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import RequestFactory
from django.utils import timezone

from apps.audit.chain import canonical_content, content_digest, link_hash, seal_pending
from apps.audit.keys import current_key, key_id, session_value, switch_mac
from apps.audit.models import AuditChainHead, AuditChainSwitch, AuditEntry, AuditSeal
from apps.workspaces.models import Workspace
from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE, RuntimeRoleMiddleware, restricted_tables
from leadiosa.events import emit
from tests.audit.helpers import close_and_expire

AUDIT_TABLES = ("audit_entry", "audit_seal", "audit_chain_head", "audit_chain_switch")
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def runtime_connection() -> psycopg.Connection:
    """A login as the application's runtime role, to this test database (autocommit off)."""
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        dbname=settings["NAME"],
        user=DEFAULT_RUNTIME_ROLE,
    )


def refused(sql: str, params=(), *, setup: tuple = ()) -> str:
    """Run `sql` as the runtime role in a transaction of its own (after the `setup` (sql, params)
    statements); the database's refusal message."""
    with runtime_connection() as conn:
        try:
            with conn.transaction():
                for statement, statement_params in setup:
                    conn.execute(statement, statement_params)
                conn.execute(sql, params)
        except psycopg.Error as exc:
            return str(exc)
    raise AssertionError(f"the runtime role was allowed: {sql}")


def verify(workspace_id: str) -> tuple[bool, str]:
    out = StringIO()
    try:
        call_command("audit_verify", "--workspace", workspace_id, stdout=out)
    except CommandError:
        return False, out.getvalue().splitlines()[-1]
    return True, out.getvalue().splitlines()[-1]


def emit_committed(workspace_id: str, n: int) -> list[AuditEntry]:
    """n entries, each committed (sealed by the trigger at commit), oldest first."""
    for i in range(n):
        emit(
            "conversation.updated",
            workspace_id=workspace_id,
            resource_type="conversation",
            resource_id=f"conv_{i}",
            changes=["status"],
        )
    return chain(workspace_id)


def chain(workspace_id: str) -> list[tuple[AuditEntry, AuditSeal]]:
    seals = {s.entry_id: s for s in AuditSeal.objects.filter(workspace_id=workspace_id)}
    rows = AuditEntry.objects.for_workspace(workspace_id).filter(id__in=seals)
    return sorted(((entry, seals[entry.id]) for entry in rows), key=lambda pair: pair[1].seq)


# --- who the application is -------------------------------------------------------------------------


@pytest.mark.django_db
def test_runtime_role_is_neither_superuser_nor_owner_of_anything():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = %s",
            [DEFAULT_RUNTIME_ROLE],
        )
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = %s",
            [DEFAULT_RUNTIME_ROLE],
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entry'")
        owner = cursor.fetchone()[0]
        cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [DEFAULT_RUNTIME_ROLE, owner])
        assert cursor.fetchone()[0] is False
    assert set(AUDIT_TABLES) <= set(restricted_tables())


@pytest.mark.django_db
def test_requests_run_as_the_runtime_role(settings):
    """The test settings run every request's queries as the runtime role (SET ROLE, reset after)."""
    settings.DATABASE_REQUEST_ROLE = DEFAULT_RUNTIME_ROLE
    seen = []

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            seen.append(cursor.fetchone()[0])
        return "response"

    assert RuntimeRoleMiddleware(view)(RequestFactory().get("/api/v1/me")) == "response"
    assert seen == [DEFAULT_RUNTIME_ROLE]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user <> %s", [DEFAULT_RUNTIME_ROLE])
        assert cursor.fetchone()[0]


@transactional
def test_the_api_works_as_the_runtime_role_and_writes_audit_entries(owner):
    response = owner.api.post("contacts", {"email": "ada@example.com"})
    assert response.status_code == 201
    entries = owner.api.get("audit", {"resource_id": response.json()["id"]}).json()["data"]
    assert [e["action"] for e in entries] == ["contact.created"]
    assert verify(owner.workspace.id)[0]


# --- what the runtime role cannot do ----------------------------------------------------------------


@transactional
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_runtime_role_can_neither_update_delete_nor_truncate_audit_tables(workspace, table):
    emit_committed(workspace.id, 2)
    _record_switch(workspace.id)  # so audit_chain_switch has a row too
    for sql in (
        f"UPDATE {table} SET workspace_id = workspace_id",  # noqa: S608 - fixed table names
        f"DELETE FROM {table}",  # noqa: S608
        f"TRUNCATE {table}",
    ):
        assert "permission denied" in refused(sql), sql
    if table != "audit_entry":
        assert "permission denied" in refused(f"INSERT INTO {table} SELECT * FROM {table} LIMIT 0")  # noqa: S608
    assert AuditEntry.objects.for_workspace(workspace.id).count() == 2
    assert verify(workspace.id)[0]


@pytest.mark.django_db
def test_runtime_role_only_reads_the_migration_history():
    assert "permission denied" in refused("DELETE FROM django_migrations WHERE app = 'audit'")
    with runtime_connection() as conn:
        assert conn.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0


@transactional
def test_set_local_purge_trick_is_refused_to_the_runtime_role(workspace):
    (first, _), _ = emit_committed(workspace.id, 2)
    message = refused(
        "DELETE FROM audit_entry WHERE id = %s",
        [first.id],
        setup=(("SELECT set_config('leadiosa.audit_purge', %s, true)", [workspace.id]),),
    )
    assert "permission denied" in message
    assert AuditEntry.objects.for_workspace(workspace.id).filter(id=first.id).exists()


@transactional
def test_purge_function_refuses_a_workspace_that_is_not_due(workspace):
    emit_committed(workspace.id, 1)
    assert "not due for purge" in refused("SELECT audit_purge_workspace(%s)", [workspace.id])
    # The runtime role can write the workspace row, but not the closing into the chain:
    message = refused(
        "SELECT audit_purge_workspace(%s)",
        [workspace.id],
        setup=(
            (
                "UPDATE workspaces_workspace SET status = 'closed', purge_after = now() - interval '1 day' "
                "WHERE id = %s",
                [workspace.id],
            ),
        ),
    )
    assert "holds no closing" in message
    assert AuditEntry.objects.for_workspace(workspace.id).count() == 1


@transactional
def test_a_forged_closing_cannot_be_committed_so_neither_can_the_purge(workspace):
    """Without the chain key: the closing is not sealed before commit, so the purge refuses it (a closing
    is old enough only by its seal's time), and the commit itself fails (no key to seal with)."""
    emit_committed(workspace.id, 1)
    forge = (
        (
            "UPDATE workspaces_workspace SET status = 'closed', purge_after = now() - interval '1 day' "
            "WHERE id = %s",
            [workspace.id],
        ),
        (
            "INSERT INTO audit_entry (id, workspace_id, action, actor_type, actor_id, resource_type, "
            "resource_id, request_id, ip, changes, created_at, content_hash) VALUES "
            "('aud_forged', %s, 'workspace.closed', 'system', '', 'workspace', %s, '', '', '[]', now(), "
            "repeat('0', 64))",
            [workspace.id, workspace.id],
        ),
    )
    assert "not sealed yet" in refused("SELECT audit_purge_workspace(%s)", [workspace.id], setup=forge)
    with (
        runtime_connection() as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="no audit chain key"),
        conn.transaction(),
    ):
        for statement, params in forge:
            conn.execute(statement, params)
    assert AuditEntry.objects.for_workspace(workspace.id).count() == 1  # all rolled back
    assert Workspace.objects.get(id=workspace.id).status == Workspace.Status.ACTIVE


@transactional
def test_an_entry_sealed_with_another_key_is_named_by_audit_verify(workspace):
    """The runtime role sets a key of its own guessing and appends a well-formed entry (correct content
    hash): it commits, but its link is not an HMAC under the application's key."""
    emit_committed(workspace.id, 2)
    fields = {
        "id": "aud_forged",
        "workspace_id": workspace.id,
        "action": "conversation.updated",
        "actor_type": "system",
        "actor_id": "",
        "resource_type": "conversation",
        "resource_id": "c",
        "request_id": "",
        "ip": "",
        "changes": [],
        "created_at": timezone.now(),
    }
    with runtime_connection() as conn, conn.transaction():
        conn.execute(
            "SELECT set_config('leadiosa.audit_chain_key', %s, false)", [session_value(b"guess" * 7)]
        )
        conn.execute(
            "INSERT INTO audit_entry (id, workspace_id, action, actor_type, actor_id, resource_type, "
            "resource_id, request_id, ip, changes, created_at, content_hash) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, '[]', %s, %s)",
            [*fields.values()][:9] + [fields["created_at"], content_digest(canonical_content(**fields))],
        )
    ok, line = verify(workspace.id)
    assert not ok
    assert "aud_forged" in line and "key this server does not know" in line


@transactional
def test_the_purge_function_purges_a_due_workspace_for_the_runtime_role(
    owner, django_capture_on_commit_callbacks
):
    workspace = owner.workspace
    close_and_expire(owner, django_capture_on_commit_callbacks)  # the seals' age is the owner's doing
    with runtime_connection() as conn, conn.transaction():
        deleted = conn.execute("SELECT audit_purge_workspace(%s)", [workspace.id]).fetchone()[0]
    assert deleted >= 1
    assert not AuditEntry.objects.for_workspace(workspace.id).exists()
    assert not AuditSeal.objects.filter(workspace_id=workspace.id).exists()
    assert not AuditChainHead.objects.filter(workspace_id=workspace.id).exists()


# --- what even the owner cannot do unseen -----------------------------------------------------------


def _as_owner(statements):
    """The table owner: triggers off, rows changed, triggers on (what the runtime role cannot do)."""
    with connection.cursor() as cursor:
        for table in AUDIT_TABLES:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for statement in statements:
            cursor.execute(*statement)
        for table in AUDIT_TABLES:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


@transactional
def test_the_assessments_rewrite_is_detected_by_audit_verify(workspace):
    """Delete an entry, recompute every later seal (SHA-256, as the old chain was) and the head: the
    chain is consistent again, but its links are not HMACs under the application's key."""
    pairs = emit_committed(workspace.id, 5)
    assert verify(workspace.id)[0]
    victim = pairs[2][0]
    statements = [
        ("DELETE FROM audit_seal WHERE entry_id = %s", [victim.id]),
        ("DELETE FROM audit_entry WHERE id = %s", [victim.id]),
    ]
    prev = pairs[1][1].hash
    for seq, (entry, seal) in enumerate(pairs[3:], start=3):
        digest = link_hash(prev, entry.content_hash)
        statements.append(
            (
                "UPDATE audit_seal SET seq = %s, prev_hash = %s, hash = %s WHERE entry_id = %s",
                [seq, prev, digest, seal.entry_id],
            )
        )
        prev = digest
    statements.append(
        ("UPDATE audit_chain_head SET seq = %s, prev_hash = %s, hash = %s WHERE workspace_id = %s", [4, pairs[-2][1].hash, prev, workspace.id])
    )  # fmt: skip
    _as_owner(statements)
    ok, line = verify(workspace.id)
    assert not ok
    assert pairs[3][0].id in line and "(seq 3)" in line


@transactional
def test_marking_rewritten_seals_as_old_unkeyed_ones_is_detected(workspace):
    pairs = emit_committed(workspace.id, 3)
    entry, seal = pairs[1]
    forged = link_hash(seal.prev_hash, entry.content_hash)
    _as_owner([("UPDATE audit_seal SET key_id = '', hash = %s WHERE entry_id = %s", [forged, entry.id])])
    ok, line = verify(workspace.id)
    assert not ok and entry.id in line and "not keyed" in line


@transactional
def test_a_deleted_chain_head_is_rebuilt_not_a_500_and_audit_verify_reports_it(owner):
    workspace_id = owner.workspace.id
    assert owner.api.post("contacts", {"email": "a@example.com"}).status_code == 201
    _as_owner([("DELETE FROM audit_chain_head WHERE workspace_id = %s", [workspace_id])])
    response = owner.api.post("contacts", {"email": "b@example.com"})
    assert response.status_code == 201, response.content
    assert owner.api.post("contacts", {"email": "c@example.com"}).status_code == 201
    head = AuditChainHead.objects.get(workspace_id=workspace_id)
    assert head.seq == AuditSeal.objects.filter(workspace_id=workspace_id).count()
    ok, line = verify(workspace_id)
    assert not ok and "chain head was missing" in line


# --- chains from before keyed seals -----------------------------------------------------------------


def _record_switch(workspace_id: str) -> None:
    """What migration 0006 did for chains that existed then."""
    head = AuditChainHead.objects.get(workspace_id=workspace_id)
    key = current_key()
    _as_owner(
        [
            (
                "INSERT INTO audit_chain_switch (workspace_id, seq, hash, key_id, mac) VALUES (%s, %s, %s, %s, %s)",
                [
                    workspace_id,
                    head.seq,
                    head.hash,
                    key_id(key),
                    switch_mac(key, workspace_id, head.seq, head.hash),
                ],
            )
        ]
    )


def _make_legacy(workspace_id: str, pairs) -> None:
    """Rewrite a chain as the pre-0006 code wrote it: plain SHA-256 links, no key id."""
    prev, statements = "0" * 64, []
    for entry, seal in pairs:
        digest = link_hash(prev, entry.content_hash)
        statements.append(
            (
                "UPDATE audit_seal SET key_id = '', prev_hash = %s, hash = %s WHERE entry_id = %s",
                [prev, digest, seal.entry_id],
            )
        )
        prev = digest
    statements.append(
        ("UPDATE audit_chain_head SET prev_hash = %s, hash = %s WHERE workspace_id = %s", [statements[-1][1][1], prev, workspace_id])
    )  # fmt: skip
    _as_owner(statements)


@transactional
def test_a_chain_from_before_keyed_seals_verifies_up_to_its_switch_point_and_goes_on_keyed(workspace):
    _make_legacy(workspace.id, emit_committed(workspace.id, 3))
    ok, line = verify(workspace.id)
    assert not ok and "not keyed" in line  # no switch point: unkeyed seals are not accepted
    _record_switch(workspace.id)
    assert verify(workspace.id)[0]
    pairs = emit_committed(workspace.id, 2)  # sealed with the key from here on
    assert [bool(seal.key_id) for _, seal in pairs] == [False, False, False, True, True]
    assert verify(workspace.id)[0]


@transactional
def test_rewriting_the_old_unkeyed_part_is_caught_at_the_switch_point(workspace):
    """Unkeyed links need no key to recompute: an owner rewrites the old part consistently and drops
    every keyed seal after it (they cannot be re-MACed), head included. The MACed switch point, which
    names the old part's last hash, is what catches it."""
    pairs = emit_committed(workspace.id, 3)
    _make_legacy(workspace.id, pairs)
    _record_switch(workspace.id)
    ((keyed, _),) = emit_committed(workspace.id, 1)[3:]
    entry1, entry2, entry3 = (entry for entry, _ in pairs)
    h1 = link_hash("0" * 64, entry1.content_hash)
    fake2 = content_digest(canonical_content(**{**_fields(entry2), "action": "nothing.happened"}))
    h2 = link_hash(h1, fake2)
    h3 = link_hash(h2, entry3.content_hash)
    _as_owner(
        [
            ("UPDATE audit_entry SET action = 'nothing.happened', content_hash = %s WHERE id = %s", [fake2, entry2.id]),
            ("UPDATE audit_seal SET hash = %s WHERE entry_id = %s", [h2, entry2.id]),
            ("UPDATE audit_seal SET prev_hash = %s, hash = %s WHERE entry_id = %s", [h2, h3, entry3.id]),
            ("DELETE FROM audit_seal WHERE entry_id = %s", [keyed.id]),
            ("DELETE FROM audit_entry WHERE id = %s", [keyed.id]),
            ("UPDATE audit_chain_head SET seq = 3, prev_hash = %s, hash = %s WHERE workspace_id = %s", [h2, h3, workspace.id]),
        ]
    )  # fmt: skip
    ok, line = verify(workspace.id)
    assert not ok
    assert entry3.id in line and "switch point" in line


def _fields(entry: AuditEntry) -> dict:
    names = ("id", "workspace_id", "action", "actor_type", "actor_id", "resource_type", "resource_id")
    return {
        **{name: getattr(entry, name) for name in names},
        "request_id": entry.request_id,
        "ip": entry.ip,
        "changes": entry.changes,
        "created_at": entry.created_at,
        "source": entry.source,
        "client_request_id": entry.client_request_id,
        "content_version": entry.content_version,
    }


@transactional
def test_a_forged_switch_point_is_caught(workspace):
    _make_legacy(workspace.id, emit_committed(workspace.id, 2))
    _record_switch(workspace.id)
    _as_owner(
        [("UPDATE audit_chain_switch SET mac = repeat('0', 64) WHERE workspace_id = %s", [workspace.id])]
    )
    ok, line = verify(workspace.id)
    assert not ok and "switch point" in line
    assert AuditChainSwitch.objects.filter(workspace_id=workspace.id).exists()


# --- key rotation -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seals_stay_verifiable_after_rotating_secret_key_while_the_old_one_is_a_fallback(workspace, settings):
    emit("conversation.updated", workspace_id=workspace.id, resource_type="conversation", resource_id="c")
    seal_pending()
    old = settings.SECRET_KEY
    settings.AUDIT_CHAIN_KEY = ""
    settings.SECRET_KEY = "r" * 60
    settings.SECRET_KEY_FALLBACKS = [old]
    assert verify(workspace.id)[0]
    settings.SECRET_KEY_FALLBACKS = []
    ok, line = verify(workspace.id)
    assert not ok and "key this server does not know" in line


@pytest.mark.django_db
def test_the_chain_key_never_appears_in_statement_text():
    """Each connection gets the key as a bind parameter: pg_stat_activity (which any session of the same
    role can read) shows the statement, never the key."""
    fresh = connections.create_connection("default")
    try:
        fresh.ensure_connection()  # connection_created: the key is its last (and only) statement
        with fresh.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
            cursor.execute("SELECT current_setting('leadiosa.audit_chain_key')")
            assert cursor.fetchone()[0] == session_value(current_key())
        with connection.cursor() as cursor:
            cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
            query = cursor.fetchone()[0]
    finally:
        fresh.close()
    assert "current_setting" in query or "set_config" in query
    key_blocks = session_value(current_key()).split(":")[1:]
    assert not any(block in query for block in key_blocks)
