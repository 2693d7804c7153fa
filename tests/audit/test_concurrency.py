"""Concurrent writers (threads, each with its own database connection) keep every chain valid."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from apps.audit.models import AuditEntry, AuditSeal
from leadiosa.events import emit
from tests.factories import WorkspaceFactory

WRITERS = 6
EVENTS_PER_WRITER = 15


def _writer(workspace_ids, barrier, errors):
    try:
        barrier.wait()
        for n in range(EVENTS_PER_WRITER):
            for workspace_id in workspace_ids:
                with transaction.atomic():
                    emit(
                        "conversation.updated",
                        workspace_id=workspace_id,
                        resource_type="conversation",
                        resource_id=f"conv_{n}",
                        changes=["status"],
                    )
                    time.sleep(0.001)  # hold the transaction open: let the others pile up behind it
    except Exception as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_each_workspace_chain_valid():
    first, second = WorkspaceFactory(), WorkspaceFactory()
    barrier = threading.Barrier(WRITERS)
    errors: list[Exception] = []
    threads = [
        threading.Thread(target=_writer, args=([first.id, second.id][:: 1 if i % 2 else -1], barrier, errors))
        for i in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []

    for workspace in (first, second):
        seqs = list(
            AuditSeal.objects.filter(workspace_id=workspace.id).order_by("seq").values_list("seq", flat=True)
        )
        assert AuditEntry.all_workspaces.filter(workspace_id=workspace.id).count() == len(seqs)
        assert seqs == list(range(1, WRITERS * EVENTS_PER_WRITER + 1))
    out = StringIO()
    call_command("audit_verify", stdout=out)  # raises CommandError on a broken chain
    assert (
        out.getvalue().splitlines()[-1] == f"OK: 2 chains, {2 * WRITERS * EVENTS_PER_WRITER} entries verified"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_emitting_before_waiting_on_a_row_lock_does_not_deadlock():
    """A emits, then waits for a row B holds; B emits while holding it, then commits. Had the chain head
    been locked from A's emit, B's emit would wait for A and A for B: a deadlock. It is locked at commit."""
    from apps.workspaces.models import Workspace

    workspace, row = WorkspaceFactory(), WorkspaceFactory()
    b_has_row, a_emitted = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def emit_once():
        emit("conversation.updated", workspace_id=workspace.id, resource_type="conversation", resource_id="c")

    def a():
        try:
            assert b_has_row.wait(10)
            with transaction.atomic():
                emit_once()
                a_emitted.set()
                Workspace.objects.select_for_update().get(id=row.id)  # waits for B's commit
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    def b():
        try:
            with transaction.atomic():
                Workspace.objects.select_for_update().get(id=row.id)
                b_has_row.set()
                assert a_emitted.wait(10)
                emit_once()
                time.sleep(0.2)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    seqs = list(
        AuditSeal.objects.filter(workspace_id=workspace.id).order_by("seq").values_list("seq", flat=True)
    )
    assert seqs == [1, 2]
    call_command("audit_verify", "--workspace", workspace.id, stdout=StringIO())


# Test-only: the seal trigger's UPDATE of the chain head pauses after it, in the one session that asks,
# so another transaction can seal the chain's first entry inside that window.
PAUSE_AFTER_HEAD_UPDATE = """
CREATE FUNCTION test_pause_after_head_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('leadiosa_test.pause_after_head_update', true) = 'on' THEN
        PERFORM pg_sleep(3);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER test_pause_after_head_update AFTER UPDATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION test_pause_after_head_update();
"""


def _emit_one(workspace_id, *, pause_after_head_update=False):
    with transaction.atomic():
        if pause_after_head_update:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('leadiosa_test.pause_after_head_update', 'on', true)")
        emit(
            "conversation.updated",
            workspace_id=workspace_id,
            resource_type="conversation",
            resource_id="conv_1",
            changes=["status"],
        )


def _sleeping_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_head_created_by_a_concurrent_first_seal_is_not_taken_for_a_deleted_one():
    """B's seal finds no chain head; before B goes on, A seals the chain's first entry and commits; B
    then sees A's seal but no head of its own making. The head was created, not deleted: B's seal must
    not be marked `head_rebuilt` (audit_verify reported such a chain BROKEN under load, CI of 4fcc8c7)."""
    workspace = WorkspaceFactory()
    assert not AuditSeal.objects.filter(workspace_id=workspace.id).exists()
    with connection.cursor() as cursor:
        cursor.execute(PAUSE_AFTER_HEAD_UPDATE)
    errors: list[Exception] = []

    def sealing_b():
        try:
            _emit_one(workspace.id, pause_after_head_update=True)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    try:
        second = threading.Thread(target=sealing_b)
        second.start()
        deadline = time.monotonic() + 10
        while not _sleeping_backends() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _sleeping_backends(), "B never reached the pause after its head UPDATE"
        _emit_one(workspace.id)  # A: seq 1, committed while B waits between its UPDATE and its INSERT
        second.join(30)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER test_pause_after_head_update ON audit_chain_head")
            cursor.execute("DROP FUNCTION test_pause_after_head_update()")
    assert errors == []
    seals = list(
        AuditSeal.objects.filter(workspace_id=workspace.id).order_by("seq").values_list("seq", "head_rebuilt")
    )
    assert seals == [(1, False), (2, False)]
    out = StringIO()
    call_command("audit_verify", "--workspace", workspace.id, stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("OK")
