"""Concurrent writers (threads, each with its own database connection) keep every chain valid."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from apps.audit.models import AuditEntry
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
            AuditEntry.all_workspaces.filter(workspace_id=workspace.id)
            .order_by("seq")
            .values_list("seq", flat=True)
        )
        assert seqs == list(range(1, WRITERS * EVENTS_PER_WRITER + 1))
    out = StringIO()
    call_command("audit_verify", stdout=out)  # raises CommandError on a broken chain
    assert (
        out.getvalue().splitlines()[-1] == f"OK: 2 chains, {2 * WRITERS * EVENTS_PER_WRITER} entries verified"
    )
