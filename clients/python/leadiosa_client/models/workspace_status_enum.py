from enum import StrEnum


class WorkspaceStatusEnum(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"

    def __str__(self) -> str:
        return str(self.value)
