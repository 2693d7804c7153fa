from enum import StrEnum


class UpdateContactResponse409ErrorCode(StrEnum):
    CONTACT_EXISTS = "contact_exists"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
