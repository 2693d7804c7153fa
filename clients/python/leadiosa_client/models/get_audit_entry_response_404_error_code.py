from enum import StrEnum


class GetAuditEntryResponse404ErrorCode(StrEnum):
    AUDIT_ENTRY_NOT_FOUND = "audit_entry_not_found"

    def __str__(self) -> str:
        return str(self.value)
