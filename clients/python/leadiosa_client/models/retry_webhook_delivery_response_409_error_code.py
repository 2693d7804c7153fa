from enum import StrEnum


class RetryWebhookDeliveryResponse409ErrorCode(StrEnum):
    DELIVERY_IN_PROGRESS = "delivery_in_progress"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    WEBHOOK_DISABLED = "webhook_disabled"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
