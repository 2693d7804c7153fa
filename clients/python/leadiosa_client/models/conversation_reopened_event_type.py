from enum import StrEnum


class ConversationReopenedEventType(StrEnum):
    CONVERSATION_REOPENED = "conversation.reopened"

    def __str__(self) -> str:
        return str(self.value)
