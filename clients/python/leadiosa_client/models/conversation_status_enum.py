from enum import StrEnum


class ConversationStatusEnum(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"

    def __str__(self) -> str:
        return str(self.value)
