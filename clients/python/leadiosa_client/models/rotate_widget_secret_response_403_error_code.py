from enum import StrEnum


class RotateWidgetSecretResponse403ErrorCode(StrEnum):
    PERMISSION_DENIED = "permission_denied"

    def __str__(self) -> str:
        return str(self.value)
