from enum import StrEnum


class ConversationHandedOffEventDataObjectHandoffReason(StrEnum):
    AI_QUOTA_EXCEEDED = "ai_quota_exceeded"
    ASSISTANT_ERROR = "assistant_error"
    ASSISTANT_PROVIDER_FAILED = "assistant_provider_failed"
    CONTACT_REQUESTED_HUMAN = "contact_requested_human"
    NO_RELEVANT_KNOWLEDGE = "no_relevant_knowledge"

    def __str__(self) -> str:
        return str(self.value)
