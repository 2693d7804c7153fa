from enum import StrEnum


class CreateContactResponse409ErrorCode(StrEnum):
    CONTACT_EXISTS = "contact_exists"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
