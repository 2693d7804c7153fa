from enum import StrEnum


class PatchedWebhookUpdateRequestEventsItem(StrEnum):
    BILLING_AI_TOKENS_THRESHOLD_REACHED = "billing.ai_tokens.threshold_reached"
    CONTACT_CREATED = "contact.created"
    CONTACT_ERASED = "contact.erased"
    CONTACT_UPDATED = "contact.updated"
    CONVERSATION_ASSIGNED = "conversation.assigned"
    CONVERSATION_CLOSED = "conversation.closed"
    CONVERSATION_CREATED = "conversation.created"
    CONVERSATION_HANDED_OFF = "conversation.handed_off"
    CONVERSATION_REOPENED = "conversation.reopened"
    CONVERSATION_UPDATED = "conversation.updated"
    KNOWLEDGE_ARTICLE_CREATED = "knowledge.article.created"
    KNOWLEDGE_ARTICLE_DELETED = "knowledge.article.deleted"
    KNOWLEDGE_ARTICLE_INGESTED = "knowledge.article.ingested"
    KNOWLEDGE_ARTICLE_UPDATED = "knowledge.article.updated"
    MESSAGE_CREATED = "message.created"
    NOTE_CREATED = "note.created"
    VALUE_0 = "*"
    WEBHOOK_TEST = "webhook.test"
    WORKSPACE_ARCHIVE_READY = "workspace.archive.ready"
    WORKSPACE_CLOSED = "workspace.closed"
    WORKSPACE_RESTORED = "workspace.restored"

    def __str__(self) -> str:
        return str(self.value)
