from enum import StrEnum


class DownloadWorkspaceArchiveResponse403ErrorCode(StrEnum):
    DOWNLOAD_URL_EXPIRED = "download_url_expired"
    INVALID_SIGNATURE = "invalid_signature"

    def __str__(self) -> str:
        return str(self.value)
