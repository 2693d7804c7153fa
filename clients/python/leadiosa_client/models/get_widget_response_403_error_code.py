from enum import StrEnum


class GetWidgetResponse403ErrorCode(StrEnum):
    PERMISSION_DENIED = "permission_denied"

    def __str__(self) -> str:
        return str(self.value)
