from enum import StrEnum


class CreateConversationResponse422ErrorCode(StrEnum):
    ASSIGNEE_NOT_MEMBER = "assignee_not_member"
    CONTACT_NOT_FOUND = "contact_not_found"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"

    def __str__(self) -> str:
        return str(self.value)
