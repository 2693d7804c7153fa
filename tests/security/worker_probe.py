"""A task only the tests' worker loads: what the worker's own database session is and may do.

It reports through the cache (Redis, shared with the test process): no result backend is configured.
"""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction

from leadiosa.context import SYSTEM, acting_as
from leadiosa.events import emit

AUDIT_TABLES = ("audit_entry", "audit_seal", "audit_chain_head", "audit_chain_switch")


def _attempt(sql: str) -> str:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as exc:
        return str(exc).splitlines()[0]
    return "allowed"


@shared_task(name="tests.security.worker_probe.database_identity")
def database_identity(report_key: str, workspace_id: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, session_user")
        current_user, session_user = cursor.fetchone()
    attempts = {}
    for table in AUDIT_TABLES:
        attempts[f"UPDATE {table}"] = _attempt(f"UPDATE {table} SET workspace_id = workspace_id")  # noqa: S608
        attempts[f"DELETE {table}"] = _attempt(f"DELETE FROM {table}")  # noqa: S608
        attempts[f"TRUNCATE {table}"] = _attempt(f"TRUNCATE {table}")
    attempts["SET ROLE postgres"] = _attempt("SET ROLE postgres")
    # What the worker is for: an audited change, committed (sealed at commit by the owner's trigger).
    with acting_as(SYSTEM), transaction.atomic():
        entry = emit(
            "conversation.updated",
            workspace_id=workspace_id,
            resource_type="conversation",
            resource_id="conv_from_the_worker",
            changes=["status"],
        )
    cache.set(
        report_key,
        {
            "current_user": current_user,
            "session_user": session_user,
            "attempts": attempts,
            "source": entry.source,
        },
        timeout=120,
    )
