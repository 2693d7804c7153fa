from enum import StrEnum


class RetryWebhookDeliveryResponse404ErrorCode(StrEnum):
    DELIVERY_NOT_FOUND = "delivery_not_found"
    WEBHOOK_NOT_FOUND = "webhook_not_found"

    def __str__(self) -> str:
        return str(self.value)
