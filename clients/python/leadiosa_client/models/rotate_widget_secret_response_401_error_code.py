from enum import StrEnum


class RotateWidgetSecretResponse401ErrorCode(StrEnum):
    INVALID_TOKEN = "invalid_token"
    MISSING_TOKEN = "missing_token"

    def __str__(self) -> str:
        return str(self.value)
