from enum import StrEnum


class UpdateConversationResponse422ErrorCode(StrEnum):
    ASSIGNEE_NOT_MEMBER = "assignee_not_member"

    def __str__(self) -> str:
        return str(self.value)
