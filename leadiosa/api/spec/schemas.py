"""The description of every schema the spec publishes, and the components the generator cannot infer."""

from __future__ import annotations

SCHEMA_DESCRIPTIONS = {
    "AiTokens": "AI tokens of the current billing period: the plan's allowance, used and remaining.",
    "ArchiveStatus": "The newest workspace archive: its state and, once ready, a signed, expiring link "
    "(owners only).",
    "Article": "A knowledge-base article. Published articles are searched and used by the assistant once "
    "`ingest_status` is `ready`.",
    "ArticleCreateRequest": "A new article: Markdown or plain text. `locale` defaults to `en`, `status` to "
    "`published`.",
    "AuditActor": "Who made the change: a token, a user (dashboard or admin) or the system.",
    "AuditEntry": "One audit entry: the action, its actor, the resource and the names of the changed "
    "fields (never their values).",
    "AuditResource": "The resource an audit entry is about.",
    "Author": "Who wrote a message: the contact, an agent (user), the assistant or the system.",
    "Chunk": "A searchable piece of an article, in order by `position`.",
    "ChunkList": "A page of an article's chunks and the cursor to the next one.",
    "Contact": "A person your workspace talks to. Optional fields are omitted when empty.",
    "ContactCreateRequest": "A contact to create (also the `contact` object of a new conversation, found by "
    "`email` or `external_id`).",
    "Conversation": "A conversation with a contact. Optional fields are omitted when empty.",
    "ConversationCreateRequest": "A new conversation: `contact_id`, or a `contact` to find or create; an "
    "optional first `message`.",
    "Error": "The one error envelope of every failure.",
    "ErasedContact": "All that remains of an erased contact: its id.",
    "Event": "An event exactly as delivered to webhook endpoints.",
    "EventData": "The resource as the API returns it and, for changes, the old values of the changed fields.",
    "FirstMessageRequest": "The contact's first message of a new conversation.",
    "KnowledgeSearchResults": "The best-matching chunks of published articles, best first.",
    "Me": "The calling token, its member and its workspace.",
    "MeToken": "The calling token: its effective role (never above its member's) and scope.",
    "MeWorkspace": "The token's workspace.",
    "Member": "A member of the workspace. `user_id` is what a conversation's `assignee_id` takes.",
    "Message": "A message of a conversation's thread.",
    "MessageCreateRequest": "A message to post as an agent (default) or on behalf of the contact.",
    "Note": "An internal note on a conversation, never shown to the contact.",
    "NoteCreateRequest": "An internal note to add.",
    "Pagination": "The cursor contract of every list: keyset pages (never offsets), stable when rows are "
    "added. When `has_more` is true, pass `next_cursor` as `after` to get the next page; `next_cursor` is "
    "omitted on the last page. A cursor is bound to its list, its filters' order and the workspace.",
    "PatchedArticleUpdateRequest": "The article fields to change; a new title or body queues ingestion.",
    "PatchedContactUpdateRequest": "The contact fields to change: `null` or an empty string clears a field; "
    "`attributes` merges and a null value removes a key.",
    "PatchedConversationUpdateRequest": "The conversation fields to change.",
    "PatchedWebhookUpdateRequest": "The endpoint fields to change; `status: enabled` re-enables it.",
    "PlanRef": "The workspace's plan.",
    "SearchArticle": "The article a search hit comes from.",
    "SearchHit": "A chunk matching the search, with its relevance `score`.",
    "Subscription": "The workspace's plan, billing period, rate limit and AI token usage.",
    "Usage": "The tokens an assistant reply used.",
    "Webhook": "A webhook endpoint. `status` is `disabled` after a `410 Gone`, 5 days of failures, or a "
    "member's choice.",
    "WebhookCreateRequest": "A webhook endpoint to register: a public `https` URL and catalogue event names "
    '(or `["*"]`).',
    "WebhookDelivery": "One event sent to one endpoint: status, attempts, last response and next retry.",
    "WebhookWithSecret": "A webhook endpoint with its signing secret, shown only in this response.",
    "Workspace": "The token's workspace.",
}


def extra_components() -> dict:
    return {
        "EventData": {
            "type": "object",
            "required": ["object"],
            "properties": {
                "object": {
                    "type": "object",
                    "description": "The resource as the API returns it (for `contact.erased`, `{id}` only).",
                },
                "previous_attributes": {
                    "type": "object",
                    "description": "The changed fields' values before this change (omitted when none).",
                },
            },
        },
        "ErasedContact": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string", "description": "The erased contact's id (`ct_…`)."}},
        },
        "Pagination": {
            "type": "object",
            "required": ["has_more"],
            "properties": {
                "has_more": {"type": "boolean", "description": "Whether another page follows."},
                "next_cursor": {
                    "type": "string",
                    "description": "Pass as `after` for the next page; omitted on the last page.",
                    "example": "cur_eyJsaXN0IjoiQ29udmVyc2F0aW9ucyJ9",
                },
            },
        },
    }
