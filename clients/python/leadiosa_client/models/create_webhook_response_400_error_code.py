from enum import StrEnum


class CreateWebhookResponse400ErrorCode(StrEnum):
    INVALID_JSON = "invalid_json"
    INVALID_PARAMETER = "invalid_parameter"
    INVALID_WEBHOOK_URL = "invalid_webhook_url"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)
