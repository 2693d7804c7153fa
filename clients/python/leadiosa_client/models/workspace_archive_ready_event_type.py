from enum import StrEnum


class WorkspaceArchiveReadyEventType(StrEnum):
    WORKSPACE_ARCHIVE_READY = "workspace.archive.ready"

    def __str__(self) -> str:
        return str(self.value)
