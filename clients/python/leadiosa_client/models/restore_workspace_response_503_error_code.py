from enum import StrEnum


class RestoreWorkspaceResponse503ErrorCode(StrEnum):
    SERVICE_UNAVAILABLE = "service_unavailable"

    def __str__(self) -> str:
        return str(self.value)
