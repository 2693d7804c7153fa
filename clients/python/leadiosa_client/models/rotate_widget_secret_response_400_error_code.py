from enum import StrEnum


class RotateWidgetSecretResponse400ErrorCode(StrEnum):
    INVALID_PARAMETER = "invalid_parameter"

    def __str__(self) -> str:
        return str(self.value)
