from enum import StrEnum


class RestoreWorkspaceResponse409ErrorCode(StrEnum):
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    RESTORE_PERIOD_EXPIRED = "restore_period_expired"
    WORKSPACE_NOT_CLOSED = "workspace_not_closed"

    def __str__(self) -> str:
        return str(self.value)
