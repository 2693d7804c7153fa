from enum import StrEnum


class ConversationUpdatedEventType(StrEnum):
    CONVERSATION_UPDATED = "conversation.updated"

    def __str__(self) -> str:
        return str(self.value)
