from enum import StrEnum


class CreateConversationNoteResponse404ErrorCode(StrEnum):
    CONVERSATION_NOT_FOUND = "conversation_not_found"

    def __str__(self) -> str:
        return str(self.value)
