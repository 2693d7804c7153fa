from enum import StrEnum


class TestWebhookResponse409ErrorCode(StrEnum):
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    WEBHOOK_DISABLED = "webhook_disabled"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
