"""The refusals of a workspace's life (close, restore, archive): DomainErrors the API answers with 409."""

from __future__ import annotations

from leadiosa.errors import Conflict


class LifecycleError(Conflict):
    """A lifecycle step that the workspace's current state does not allow (the API answers 409)."""

    code = "conflict"

    def __init__(self, message: str):
        super().__init__(type(self).code, message)


class ArchiveInProgress(LifecycleError):
    code = "archive_in_progress"


class WorkspaceNotClosed(LifecycleError):
    code = "workspace_not_closed"


class WorkspaceClosed(LifecycleError):
    code = "workspace_closed"


class RestorePeriodExpired(LifecycleError):
    code = "restore_period_expired"
