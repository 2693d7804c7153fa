from enum import StrEnum


class WorkspaceClosedEventType(StrEnum):
    WORKSPACE_CLOSED = "workspace.closed"

    def __str__(self) -> str:
        return str(self.value)
