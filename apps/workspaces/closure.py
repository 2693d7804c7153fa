"""Closing a workspace (read-only, archived, purged after the grace) and restoring it within the grace.

Closing makes the workspace read-only (the API answers writes with 409 workspace_closed from the
`workspace_status` in the cached token, so the cached tokens are dropped on every status change), builds
an archive, and schedules the purge for 30 days later. Restoring within the grace reopens it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.audit.services import audit_purge_refusal
from leadiosa.api.auth import forget_tokens_now_and_after_commit
from leadiosa.api.serializers import format_timestamp
from leadiosa.events import emit

from .archiving import archive_request
from .errors import (
    RestorePeriodExpired,
    WorkspaceClosed,
    WorkspaceNotClosed,
)
from .models import Workspace, WorkspaceArchive
from .serializers import WorkspaceSerializer
from .services import workspace_token_hashes

logger = logging.getLogger(__name__)
PURGE_GRACE = timedelta(days=30)


# -- close / restore --------------------------------------------------------------------------------


@transaction.atomic
def workspace_close(*, workspace_id: str) -> Workspace:
    """Close: read-only from the next request on, an archive is built, the purge is due in 30 days."""
    workspace = Workspace.objects.select_for_update().get(id=workspace_id)
    if workspace.status == Workspace.Status.CLOSED:
        raise WorkspaceClosed("This workspace is already closed.")
    now = timezone.now()
    workspace.status = Workspace.Status.CLOSED
    workspace.closed_at = now
    workspace.purge_after = now + PURGE_GRACE
    workspace.save(update_fields=["status", "closed_at", "purge_after", "updated_at"])
    emit(
        "workspace.closed",
        workspace_id=workspace_id,
        resource_type="workspace",
        resource_id=workspace_id,
        data=WorkspaceSerializer(workspace).data,
        previous_attributes={"status": Workspace.Status.ACTIVE},
        changes=["status", "closed_at", "purge_after"],
    )
    forget_tokens_now_and_after_commit(workspace_token_hashes(workspace_id=workspace_id))
    if (
        not WorkspaceArchive.objects.for_workspace(workspace_id)
        .filter(status=WorkspaceArchive.Status.BUILDING)
        .exists()
    ):
        archive_request(workspace_id=workspace_id, reason="close")
    return workspace


@transaction.atomic
def workspace_restore(*, workspace_id: str) -> Workspace:
    """Reopen a closed workspace within its grace period."""
    workspace = Workspace.objects.select_for_update().get(id=workspace_id)
    if workspace.status != Workspace.Status.CLOSED:
        raise WorkspaceNotClosed("This workspace is not closed.")
    # Expired only once the database would purge it too (its clock, the closing's seal time): a closing
    # forged with purge_after in the past (a session of the application's role) stays restorable.
    if (
        workspace.purge_after is not None
        and workspace.purge_after <= timezone.now()
        and audit_purge_refusal(workspace_id=workspace_id) is None
    ):
        raise RestorePeriodExpired("The grace period has ended: this workspace is being purged.")
    previous = {
        "status": workspace.status,
        "closed_at": format_timestamp(workspace.closed_at),
        "purge_after": format_timestamp(workspace.purge_after),
    }
    workspace.status = Workspace.Status.ACTIVE
    workspace.closed_at = None
    workspace.purge_after = None
    workspace.save(update_fields=["status", "closed_at", "purge_after", "updated_at"])
    emit(
        "workspace.restored",
        workspace_id=workspace_id,
        resource_type="workspace",
        resource_id=workspace_id,
        data=WorkspaceSerializer(workspace).data,
        previous_attributes={k: v for k, v in previous.items() if v is not None},
        changes=["status", "closed_at", "purge_after"],
    )
    forget_tokens_now_and_after_commit(workspace_token_hashes(workspace_id=workspace_id))
    return workspace
