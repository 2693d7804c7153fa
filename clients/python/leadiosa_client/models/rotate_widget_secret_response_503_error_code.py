from enum import StrEnum


class RotateWidgetSecretResponse503ErrorCode(StrEnum):
    SERVICE_UNAVAILABLE = "service_unavailable"

    def __str__(self) -> str:
        return str(self.value)
