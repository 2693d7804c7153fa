from enum import StrEnum


class ListConversationsStatusItem(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"

    def __str__(self) -> str:
        return str(self.value)
