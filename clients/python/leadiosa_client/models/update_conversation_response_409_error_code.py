from enum import StrEnum


class UpdateConversationResponse409ErrorCode(StrEnum):
    CONVERSATION_CLOSED = "conversation_closed"
    INVALID_STATUS_TRANSITION = "invalid_status_transition"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
