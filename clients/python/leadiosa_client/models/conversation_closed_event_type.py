from enum import StrEnum


class ConversationClosedEventType(StrEnum):
    CONVERSATION_CLOSED = "conversation.closed"

    def __str__(self) -> str:
        return str(self.value)
