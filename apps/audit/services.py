"""The only writes to the audit log besides the emit() sink."""

from __future__ import annotations

from django.db import connection, transaction

from .models import AuditChainHead

PURGE_SETTING = "leadiosa.audit_purge"


@transaction.atomic
def audit_purge_workspace(*, workspace_id: str) -> int:
    """Delete every audit entry of a workspace, their seals and its chain head; returns how many entries went.

    The one sanctioned removal (the workspace purge calls it, before deleting the workspace). The
    append-only trigger lets a DELETE through only for rows of the workspace named in the
    transaction-local setting `leadiosa.audit_purge`, which this function sets and clears: a stray
    DELETE elsewhere, even in the same transaction, is still refused.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [PURGE_SETTING, workspace_id])
        cursor.execute("DELETE FROM audit_seal WHERE workspace_id = %s", [workspace_id])
        cursor.execute("DELETE FROM audit_entry WHERE workspace_id = %s", [workspace_id])
        deleted = cursor.rowcount
        cursor.execute("SELECT set_config(%s, '', true)", [PURGE_SETTING])
    AuditChainHead.objects.filter(workspace_id=workspace_id).delete()
    return deleted
