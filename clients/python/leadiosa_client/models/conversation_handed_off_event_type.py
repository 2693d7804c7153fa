from enum import StrEnum


class ConversationHandedOffEventType(StrEnum):
    CONVERSATION_HANDED_OFF = "conversation.handed_off"

    def __str__(self) -> str:
        return str(self.value)
