"""The only writes to the audit log besides the emit() sink."""

from __future__ import annotations

from django.db import connection, transaction


@transaction.atomic
def audit_purge_workspace(*, workspace_id: str) -> int:
    """Delete every audit entry of a workspace, their seals, its chain head and switch point; returns how
    many entries went.

    The one sanctioned removal (the workspace purge calls it, before deleting the workspace). It goes
    through the database function `audit_purge_workspace(ws)` (migration 0006): SECURITY DEFINER, owned
    by the tables' owner, the only way the application's role can delete audit rows at all. The function
    itself refuses unless the workspace is closed, its purge_after has passed, and its own chain's last
    closing/restoring entry is its closing (raises `django.db.DatabaseError`).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_purge_workspace(%s)", [workspace_id])
        return cursor.fetchone()[0]
