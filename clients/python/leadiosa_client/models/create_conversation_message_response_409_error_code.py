from enum import StrEnum


class CreateConversationMessageResponse409ErrorCode(StrEnum):
    CONVERSATION_CLOSED = "conversation_closed"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    WORKSPACE_CLOSED = "workspace_closed"

    def __str__(self) -> str:
        return str(self.value)
