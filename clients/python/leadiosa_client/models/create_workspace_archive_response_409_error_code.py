from enum import StrEnum


class CreateWorkspaceArchiveResponse409ErrorCode(StrEnum):
    ARCHIVE_IN_PROGRESS = "archive_in_progress"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
