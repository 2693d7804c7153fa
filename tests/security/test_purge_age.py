"""The purge counts the grace from the closing's seal, timed by the database (issue 15, part 2).

A session of the runtime role that also holds the chain key (every application connection does, so an
SQL injection is one) can commit a `workspace.closed` entry and write the workspace row. What it cannot
do is make that closing old: the seal's `sealed_at` is the database clock at commit, set by the SECURITY
DEFINER seal trigger, and the runtime role can neither write seals nor shadow the table with a temporary
one. Backdating a seal takes the tables' owner (`backdate_seals`, what an operator or a fixture does).
"""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from django.utils import timezone

from apps.audit.keys import current_key, session_value
from apps.audit.models import AuditEntry, AuditSeal
from apps.workspaces.closure import PURGE_GRACE
from apps.workspaces.models import Workspace
from apps.workspaces.purge import purge_due_workspaces
from tests.audit.helpers import backdate_seals, close_and_expire
from tests.security.test_db_roles import emit_committed, refused, runtime_connection

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INSERT_CLOSING = (
    "INSERT INTO audit_entry (id, workspace_id, action, actor_type, actor_id, resource_type, "
    "resource_id, request_id, ip, changes, created_at, content_hash) VALUES "
    "(%s, %s, 'workspace.closed', 'system', '', 'workspace', %s, '', '', '[]', %s, repeat('0', 64))"
)
MARK_DUE = (
    "UPDATE workspaces_workspace SET status = 'closed', closed_at = now() - interval '60 days', "
    "purge_after = now() - interval '30 days' WHERE id = %s"
)


def app_session() -> psycopg.Connection:
    """The runtime role holding the application's chain key, as every application connection does."""
    conn = runtime_connection()
    conn.execute("SELECT set_config('leadiosa.audit_chain_key', %s, false)", [session_value(current_key())])
    conn.commit()
    return conn


def forge_closing(workspace_id: str, entry_id: str = "aud_forged") -> None:
    """Commit a closing, its created_at 60 days back, and the row closed with purge_after long passed."""
    with app_session() as conn, conn.transaction():
        conn.execute(
            INSERT_CLOSING, [entry_id, workspace_id, workspace_id, timezone.now() - timedelta(days=60)]
        )
        conn.execute(MARK_DUE, [workspace_id])


def purge_as_runtime(workspace_id: str) -> int:
    with runtime_connection() as conn, conn.transaction():
        return conn.execute("SELECT audit_purge_workspace(%s)", [workspace_id]).fetchone()[0]


@transactional
def test_a_forged_closing_with_purge_after_backdated_is_refused(workspace):
    emit_committed(workspace.id, 2)
    forge_closing(workspace.id)
    forged = AuditSeal.objects.get(entry_id="aud_forged")  # sealed like a real closing, but now
    assert forged.sealed_at > timezone.now() - timedelta(minutes=5)
    message = refused("SELECT audit_purge_workspace(%s)", [workspace.id])
    assert f"sealed less than {PURGE_GRACE.days} days ago by the database clock" in message
    assert AuditEntry.objects.for_workspace(workspace.id).count() == 3
    # The beat skips it (logged), it is not an error for the run.
    assert purge_due_workspaces() == []
    assert Workspace.objects.filter(id=workspace.id).exists()


@transactional
def test_the_runtime_role_cannot_backdate_a_seal(workspace):
    emit_committed(workspace.id, 1)
    forge_closing(workspace.id)
    assert "permission denied" in refused(
        "UPDATE audit_seal SET sealed_at = sealed_at - interval '60 days' WHERE workspace_id = %s",
        [workspace.id],
    )


@transactional
def test_a_temporary_table_cannot_shadow_the_seals_the_purge_reads(workspace):
    """A session may create temporary tables, and PostgreSQL searches a session's temporary schema first
    unless a function's search_path names it: an `audit_seal` of the session's own, with an old seal
    for the forged closing, would otherwise pass the age check (and the purge would delete the real
    entries)."""
    emit_committed(workspace.id, 1)
    forge_closing(workspace.id)
    shadow = (
        (
            "CREATE TEMPORARY TABLE audit_seal (entry_id varchar(40), workspace_id varchar(40), seq bigint, "
            "prev_hash varchar(64), hash varchar(64), key_id varchar(16), head_rebuilt boolean, "
            "sealed_at timestamptz)",
            [],
        ),
        (
            "INSERT INTO audit_seal VALUES ('aud_forged', %s, 1000000, '', '', '', false, now() - interval '60 days')",
            [workspace.id],
        ),
    )
    message = refused("SELECT audit_purge_workspace(%s)", [workspace.id], setup=shadow)
    assert "sealed less than" in message
    assert AuditEntry.objects.for_workspace(workspace.id).count() == 2


@transactional
def test_a_real_closing_older_than_the_grace_is_purged_and_one_just_younger_is_not(
    owner, django_capture_on_commit_callbacks
):
    """The migration's constant agrees with the application's PURGE_GRACE, to the minute."""
    workspace = owner.workspace
    close_and_expire(owner, django_capture_on_commit_callbacks, age=PURGE_GRACE - timedelta(minutes=1))
    assert "sealed less than" in refused("SELECT audit_purge_workspace(%s)", [workspace.id])
    backdate_seals(workspace.id, age=PURGE_GRACE + timedelta(minutes=1))
    assert purge_as_runtime(workspace.id) >= 1
    assert not AuditEntry.objects.for_workspace(workspace.id).exists()
    assert not AuditSeal.objects.filter(workspace_id=workspace.id).exists()


@transactional
def test_the_latest_closing_counts_not_an_old_one_before_a_restore(owner, django_capture_on_commit_callbacks):
    workspace = owner.workspace
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/close").status_code == 200
    backdate_seals(workspace.id)  # a real closing, long ago
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/restore").status_code == 200
    forge_closing(workspace.id)
    assert "sealed less than" in refused("SELECT audit_purge_workspace(%s)", [workspace.id])


@transactional
def test_sealed_at_is_the_database_clock_at_commit_not_the_transaction_start_or_created_at(workspace):
    with app_session() as conn:
        with conn.transaction():
            started = conn.execute("SELECT now()").fetchone()[0]
            conn.execute(
                INSERT_CLOSING, ["aud_slow", workspace.id, workspace.id, timezone.now() - timedelta(days=60)]
            )
            conn.execute("SELECT pg_sleep(0.3)")
        committed = conn.execute("SELECT clock_timestamp()").fetchone()[0]
    seal = AuditSeal.objects.get(entry_id="aud_slow")
    assert started + timedelta(seconds=0.3) <= seal.sealed_at <= committed


@transactional
def test_the_owner_can_restore_a_workspace_closed_by_a_forged_closing(owner):
    """purge_after in the past does not end the grace while the database would still refuse the purge."""
    forge_closing(owner.workspace.id)
    response = owner.api.post("workspace/restore")
    assert response.status_code == 200, response.content
    assert Workspace.objects.get(id=owner.workspace.id).status == Workspace.Status.ACTIVE
    # Marking the row due again without a new closing gets nowhere: the log's latest word is the restore.
    message = refused(
        "SELECT audit_purge_workspace(%s)", [owner.workspace.id], setup=((MARK_DUE, [owner.workspace.id]),)
    )
    assert "holds no closing" in message
