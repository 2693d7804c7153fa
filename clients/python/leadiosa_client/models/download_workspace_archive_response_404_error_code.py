from enum import StrEnum


class DownloadWorkspaceArchiveResponse404ErrorCode(StrEnum):
    ARCHIVE_NOT_FOUND = "archive_not_found"

    def __str__(self) -> str:
        return str(self.value)
