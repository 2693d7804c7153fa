"""The only writes to the audit log besides the emit() sink."""

from __future__ import annotations

from django.db import connection, transaction


@transaction.atomic
def audit_purge_workspace(*, workspace_id: str) -> int:
    """Delete every audit entry of a workspace, their seals, its chain head and switch point; returns how
    many entries went.

    The one sanctioned removal (the workspace purge calls it, before deleting the workspace). It goes
    through the database function `audit_purge_workspace(ws)` (migrations 0006, 0008): SECURITY DEFINER,
    owned by the tables' owner, the only way the application's role can delete audit rows at all. The
    function itself refuses (raises `django.db.DatabaseError`) with the reason `audit_purge_refusal()`
    gives.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_purge_workspace(%s)", [workspace_id])
        return cursor.fetchone()[0]


def audit_purge_refusal(*, workspace_id: str) -> str | None:
    """Why the database would refuse to purge this workspace's audit log now, or None when it would not.

    Decided in the database (`audit_purge_refusal(ws)`, migration 0008), by its clock: the workspace is
    closed with purge_after passed, its log's latest closing/restoring entry is a closing, and that
    closing was sealed at least the grace period ago (the seal's `sealed_at`, which only the seal trigger
    writes). The beat asks this first, so a workspace that is not due yet is skipped, not an error.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_purge_refusal(%s)", [workspace_id])
        return cursor.fetchone()[0]
