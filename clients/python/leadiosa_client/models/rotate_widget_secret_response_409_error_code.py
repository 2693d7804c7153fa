from enum import StrEnum


class RotateWidgetSecretResponse409ErrorCode(StrEnum):
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
