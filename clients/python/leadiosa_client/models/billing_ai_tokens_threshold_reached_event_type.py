from enum import StrEnum


class BillingAiTokensThresholdReachedEventType(StrEnum):
    BILLING_AI_TOKENS_THRESHOLD_REACHED = "billing.ai_tokens.threshold_reached"

    def __str__(self) -> str:
        return str(self.value)
