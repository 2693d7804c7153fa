from enum import StrEnum


class ArchiveStatusStatusEnum(StrEnum):
    BUILDING = "building"
    FAILED = "failed"
    NONE = "none"
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)
