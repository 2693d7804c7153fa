from enum import StrEnum


class UpdateWidgetResponse409ErrorCode(StrEnum):
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
