"""Per operation: its operationId, summary, description, tag, least role and the error codes of its own.

Keys are "METHOD /path" with the public path parameter names (PATH_PARAMETERS) and without /api/v1.
The errors every operation shares (auth, rate limit, unknown parameters, writes on a closed workspace,
idempotency, bodies) are added by the hook from the operation's shape; `errors` lists only the rest. An
entry `("contact_not_found", 422)` gives a code under a status other than its usual one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Path parameters named after what they identify, the same name everywhere.
PATH_PARAMETERS = {
    "conversations": "conversation_id",
    "contacts": "contact_id",
    "articles": "article_id",
    "webhooks": "webhook_id",
    "deliveries": "delivery_id",
    "events": "event_id",
    "audit": "audit_entry_id",
    "members": "member_id",
}

PATH_PARAMETER_DESCRIPTIONS = {
    "conversation_id": "The conversation's id (`conv_…`).",
    "contact_id": "The contact's id (`ct_…`).",
    "article_id": "The article's id (`art_…`).",
    "webhook_id": "The webhook endpoint's id (`wh_…`).",
    "delivery_id": "The delivery's id (`dlv_…`), from the endpoint's delivery log.",
    "event_id": "The event's id (`evt_…`), the `webhook-id` header of its deliveries.",
    "audit_entry_id": "The audit entry's id (`aud_…`).",
    "member_id": "The member's id (`mem_…`).",
}

QUERY_PARAMETER_DESCRIPTIONS = {
    "limit": "How many items per page, 1 to 100 (default 25).",
    "after": "The `pagination.next_cursor` of the previous page, verbatim. Omit it for the first page.",
    "created_after": "Only items created strictly after this instant (ISO-8601 with an offset).",
    "created_before": "Only items created strictly before this instant (ISO-8601 with an offset).",
    "updated_after": "Only items updated strictly after this instant (ISO-8601 with an offset).",
    "updated_before": "Only items updated strictly before this instant (ISO-8601 with an offset).",
    "sort": "The order: `created_at`, `-created_at` (the default, newest first), `updated_at` or "
    "`-updated_at`. A cursor stays bound to the order it was made for.",
    "contact_id": "Only the conversations of this contact (`ct_…`).",
    "assignee_id": "Only the conversations assigned to this user (`usr_…`, from `GET /members`), or `none` "
    "for the unassigned ones.",
    "tag": "Only the conversations carrying this tag.",
    "handled_by": "Only the conversations handled by `assistant` or by a `human`.",
    "email": "Only the contact with this e-mail address (case-insensitive).",
    "external_id": "Only the contact with this id from your own system.",
    "q": "Search text.",
    "locale": "Only articles (or chunks of articles) in this language tag, e.g. `en` or `pt-BR`.",
    "ingest_status": "Only articles whose ingestion is `pending`, `ready` or `failed`.",
    "action": "Only entries of this action, e.g. `conversation.updated`.",
    "actor_id": "Only entries made by this token (`tok_…`) or user (`usr_…`).",
    "resource_type": "Only entries about this kind of resource, e.g. `conversation`.",
    "resource_id": "Only entries about this resource id.",
    "format": "`jsonl` (JSON lines, the default) or `csv` (with a header line).",
    "signature": "The signed, expiring credential from `download_url` in `GET /workspace/archive-status`.",
    "type": "Only events of these types: one catalogue name or a comma-separated list, e.g. "
    "`conversation.created,message.created`.",
}


@dataclass(frozen=True)
class Operation:
    operation_id: str
    summary: str
    description: str
    tag: str
    role: str = "agent"  # the least role allowed
    errors: tuple = ()
    parameters: dict[str, str] = field(default_factory=dict)  # per-operation parameter descriptions
    success: str = ""  # the success response's description
    paginated: bool = False


def _op(key, operation_id, summary, description, tag, **kwargs):
    return key, Operation(operation_id, summary, description, tag, **kwargs)


PAGINATION_NOTE = (
    " Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is false."
)

OPERATIONS: dict[str, Operation] = dict(
    [
        # conversations ---------------------------------------------------------------------------
        _op(
            "GET /conversations",
            "listConversations",
            "List conversations",
            "The workspace's conversations, newest first (by `created_at`, then `id`), filtered by the "
            "parameters given (all of them must match)." + PAGINATION_NOTE,
            "conversations",
            paginated=True,
            parameters={
                "status": "Only these statuses: one of `open`, `pending`, `snoozed`, `closed`, or a "
                "comma-separated list, e.g. `open,pending`.",
                "priority": "Only these priorities: one of `low`, `normal`, `high`, `urgent`, or a "
                "comma-separated list, e.g. `high,urgent`.",
            },
            success="A page of conversations.",
        ),
        _op(
            "POST /conversations",
            "createConversation",
            "Start a conversation",
            "Starts a conversation with an existing contact (`contact_id`) or with a `contact` object that "
            "is found by `email` (or `external_id`) or created. An optional `message` becomes the first "
            "contact message; with `handled_by: assistant` the assistant answers it. Emits "
            "`conversation.created` (and `contact.created`, `message.created` when they happen).",
            "conversations",
            errors=(("contact_not_found", 422), "assignee_not_member"),
            success="The conversation, as created.",
        ),
        _op(
            "GET /conversations/{conversation_id}",
            "getConversation",
            "Retrieve a conversation",
            "One conversation of the workspace, with its counters and timestamps.",
            "conversations",
            errors=("conversation_not_found",),
            success="The conversation.",
        ),
        _op(
            "PATCH /conversations/{conversation_id}",
            "updateConversation",
            "Update a conversation",
            "Changes the fields given: `status` (any status to `closed`; `closed` only back to `open`; "
            "`snoozed` needs a future `snoozed_until`), `assignee_id` (a member's `usr_…` id, or null to "
            "unassign), `priority`, `tags`, `subject`, `snoozed_until` and `handled_by`. Emits "
            "`conversation.updated`, `conversation.assigned`, `conversation.closed` or "
            "`conversation.reopened` with `previous_attributes`.",
            "conversations",
            errors=(
                "conversation_not_found",
                "conversation_closed",
                "invalid_status_transition",
                "assignee_not_member",
            ),
            success="The conversation, as updated.",
        ),
        # messages --------------------------------------------------------------------------------
        _op(
            "GET /conversations/{conversation_id}/messages",
            "listConversationMessages",
            "List a conversation's messages",
            "The thread, oldest first (by `created_at`, then `id`): contact, agent, assistant and system "
            "messages. Internal notes never appear here." + PAGINATION_NOTE,
            "messages",
            paginated=True,
            errors=("conversation_not_found",),
            success="A page of messages, oldest first.",
        ),
        _op(
            "POST /conversations/{conversation_id}/messages",
            "createConversationMessage",
            "Post a message",
            "Posts as an `agent` (the token's creator is the author; the default) or, with "
            '`"author_type": "contact"`, relays a message from the contact. A contact message reopens a '
            "closed conversation and may get an assistant reply; an agent message on a closed one is "
            "refused. Emits `message.created`.",
            "messages",
            errors=("conversation_not_found", "conversation_closed"),
            success="The message, as posted.",
        ),
        # notes -----------------------------------------------------------------------------------
        _op(
            "GET /conversations/{conversation_id}/notes",
            "listConversationNotes",
            "List a conversation's internal notes",
            "Internal notes of the team, newest first. Notes never reach the contact." + PAGINATION_NOTE,
            "notes",
            paginated=True,
            errors=("conversation_not_found",),
            success="A page of notes.",
        ),
        _op(
            "POST /conversations/{conversation_id}/notes",
            "createConversationNote",
            "Add an internal note",
            "Adds a note for the team (also on a closed conversation). Emits `note.created`.",
            "notes",
            errors=("conversation_not_found",),
            success="The note, as added.",
        ),
        # contacts --------------------------------------------------------------------------------
        _op(
            "GET /contacts",
            "listContacts",
            "List contacts",
            "The workspace's contacts, newest first (by `created_at`, then `id`). `q` searches names and "
            "e-mail addresses." + PAGINATION_NOTE,
            "contacts",
            paginated=True,
            parameters={"q": "Search text matched against names and e-mail addresses."},
            success="A page of contacts.",
        ),
        _op(
            "POST /contacts",
            "createContact",
            "Create a contact",
            "Creates a contact. `email` and `external_id` are unique within the workspace. Emits "
            "`contact.created`.",
            "contacts",
            errors=("contact_exists",),
            success="The contact, as created.",
        ),
        _op(
            "GET /contacts/{contact_id}",
            "getContact",
            "Retrieve a contact",
            "One contact of the workspace.",
            "contacts",
            errors=("contact_not_found",),
            success="The contact.",
        ),
        _op(
            "PATCH /contacts/{contact_id}",
            "updateContact",
            "Update a contact",
            "Changes the fields given. `attributes` merges into the stored ones; an attribute set to null is "
            "removed. Emits `contact.updated` with `previous_attributes`.",
            "contacts",
            errors=("contact_not_found", "contact_exists"),
            success="The contact, as updated.",
        ),
        _op(
            "DELETE /contacts/{contact_id}",
            "eraseContact",
            "Erase a contact (GDPR)",
            "Erases the contact, its conversations, their messages and notes, every stored webhook payload "
            "and delivery that carried its data, and any cached copy, before answering. The audit log keeps a "
            "`contact.erased` entry with the id only; subscribers get `contact.erased` with the id only.",
            "contacts",
            role="admin",
            errors=("contact_not_found",),
            success="Erased. No body.",
        ),
        # knowledge -------------------------------------------------------------------------------
        _op(
            "GET /knowledge/articles",
            "listKnowledgeArticles",
            "List knowledge articles",
            "The workspace's knowledge-base articles, newest first." + PAGINATION_NOTE,
            "knowledge",
            paginated=True,
            parameters={"status": "Only `draft` or only `published` articles."},
            success="A page of articles.",
        ),
        _op(
            "POST /knowledge/articles",
            "createKnowledgeArticle",
            "Create a knowledge article",
            "Creates an article and queues its ingestion (chunking and indexing): `ingest_status` is "
            "`pending` until `knowledge.article.ingested`. Only `published` articles are searched and used "
            "by the assistant.",
            "knowledge",
            role="admin",
            success="The article, as created.",
        ),
        _op(
            "GET /knowledge/articles/{article_id}",
            "getKnowledgeArticle",
            "Retrieve a knowledge article",
            "One article, with its ingestion state and chunk count.",
            "knowledge",
            errors=("article_not_found",),
            success="The article.",
        ),
        _op(
            "PATCH /knowledge/articles/{article_id}",
            "updateKnowledgeArticle",
            "Update a knowledge article",
            "Changes the fields given. A new `title` or `body` queues ingestion again; the chunks are "
            "replaced atomically when it finishes.",
            "knowledge",
            role="admin",
            errors=("article_not_found",),
            success="The article, as updated.",
        ),
        _op(
            "DELETE /knowledge/articles/{article_id}",
            "deleteKnowledgeArticle",
            "Delete a knowledge article",
            "Deletes the article and its chunks. Emits `knowledge.article.deleted`.",
            "knowledge",
            role="admin",
            errors=("article_not_found",),
            success="Deleted. No body.",
        ),
        _op(
            "GET /knowledge/articles/{article_id}/chunks",
            "listKnowledgeArticleChunks",
            "List an article's chunks",
            "The indexed chunks of the article in order (by `position`)." + PAGINATION_NOTE,
            "knowledge",
            paginated=True,
            errors=("article_not_found",),
            success="A page of chunks, in order.",
        ),
        _op(
            "POST /knowledge/articles/{article_id}/ingest",
            "ingestKnowledgeArticle",
            "Ingest an article again",
            "Queues the article's ingestion again (for example after a failure or a change of the "
            "embedding provider). `ingest_status` is `pending` until `knowledge.article.ingested`.",
            "knowledge",
            role="admin",
            errors=("article_not_found",),
            success="Ingestion queued; the article with `ingest_status: pending`.",
        ),
        _op(
            "GET /knowledge/search",
            "searchKnowledge",
            "Search the knowledge base",
            "Chunks of published articles ranked by relevance to `q` (full text, fused with vector "
            "similarity when embeddings are configured), each with its `score` and its article's id and "
            "title.",
            "knowledge",
            parameters={
                "q": "What to search for (required).",
                "limit": "How many chunks, 1 to 20 (default 5).",
            },
            success="The best-matching chunks, best first.",
        ),
        # webhooks --------------------------------------------------------------------------------
        _op(
            "GET /webhooks",
            "listWebhooks",
            "List webhook endpoints",
            "The workspace's webhook endpoints, newest first. Secrets are never shown here."
            + PAGINATION_NOTE,
            "webhooks",
            role="admin",
            paginated=True,
            success="A page of webhook endpoints.",
        ),
        _op(
            "POST /webhooks",
            "createWebhook",
            "Create a webhook endpoint",
            'Registers an `https` URL for catalogue events (or `["*"]` for all). The response is the only '
            "one that shows the signing `secret` (`whsec_…`): store it to verify deliveries.",
            "webhooks",
            role="admin",
            errors=("invalid_webhook_url",),
            success="The endpoint, with its secret (shown once).",
        ),
        _op(
            "GET /webhooks/{webhook_id}",
            "getWebhook",
            "Retrieve a webhook endpoint",
            "One webhook endpoint, with its `status` (`disabled` after `410 Gone` or 5 days of failures).",
            "webhooks",
            role="admin",
            errors=("webhook_not_found",),
            success="The endpoint.",
        ),
        _op(
            "PATCH /webhooks/{webhook_id}",
            "updateWebhook",
            "Update or re-enable a webhook endpoint",
            'Changes `events`, `description` or `status`. `"status": "enabled"` re-enables an endpoint the '
            "system disabled (its failure run is forgotten); `disabled` stops deliveries. Events that "
            "happened meanwhile are listed by `GET /events` and can be redelivered.",
            "webhooks",
            role="admin",
            errors=("webhook_not_found",),
            success="The endpoint, as updated.",
        ),
        _op(
            "DELETE /webhooks/{webhook_id}",
            "deleteWebhook",
            "Delete a webhook endpoint",
            "Deletes the endpoint; its pending deliveries are dropped.",
            "webhooks",
            role="admin",
            errors=("webhook_not_found",),
            success="Deleted. No body.",
        ),
        _op(
            "POST /webhooks/{webhook_id}/rotate-secret",
            "rotateWebhookSecret",
            "Rotate a webhook endpoint's secret",
            "A new secret, shown once. The previous one keeps signing alongside it for 24 hours "
            "(`webhook-signature` then carries two signatures), so receivers can switch without losing a "
            "delivery.",
            "webhooks",
            role="admin",
            errors=("webhook_not_found",),
            success="The endpoint, with its new secret (shown once).",
        ),
        _op(
            "POST /webhooks/{webhook_id}/test",
            "testWebhook",
            "Send a test event",
            "Sends a `webhook.test` event to this endpoint (whatever it subscribes to) and answers with its "
            "delivery record. The endpoint must be enabled.",
            "webhooks",
            role="admin",
            errors=("webhook_not_found", "webhook_disabled"),
            success="The test event's delivery record.",
        ),
        _op(
            "GET /webhooks/{webhook_id}/deliveries",
            "listWebhookDeliveries",
            "List an endpoint's deliveries",
            "The delivery log of one endpoint, newest first: each event's status, attempts, last response "
            "status and next retry." + PAGINATION_NOTE,
            "webhooks",
            role="admin",
            paginated=True,
            errors=("webhook_not_found",),
            success="A page of deliveries.",
        ),
        _op(
            "POST /webhooks/{webhook_id}/deliveries/{delivery_id}/retry",
            "retryWebhookDelivery",
            "Redeliver an event now",
            "Delivers this delivery's event to its endpoint again now, with the same `webhook-id` and body, "
            "whatever its outcome so far. The endpoint must be enabled.",
            "webhooks",
            role="admin",
            errors=("webhook_not_found", "delivery_not_found", "webhook_disabled", "delivery_in_progress"),
            success="Accepted; the delivery record, pending or already attempted.",
        ),
        # events ----------------------------------------------------------------------------------
        _op(
            "GET /events",
            "listEvents",
            "List events",
            "The events of the last 30 days, newest first, each exactly as its deliveries carried it "
            "(`{id, type, created_at, workspace_id, data}`). Events are recorded while the workspace has at "
            "least one webhook endpoint (enabled or disabled), so what a disabled or failing endpoint "
            "missed can be fetched or redelivered." + PAGINATION_NOTE,
            "events",
            role="admin",
            paginated=True,
            success="A page of events.",
        ),
        _op(
            "GET /events/{event_id}",
            "getEvent",
            "Retrieve an event",
            "One event, byte for byte the body its deliveries carried (and signed).",
            "events",
            role="admin",
            errors=("event_not_found",),
            success="The event, exactly as delivered.",
        ),
        # audit -----------------------------------------------------------------------------------
        _op(
            "GET /audit",
            "listAuditEntries",
            "List audit entries",
            "The workspace's audit log, newest first: who changed what, from which door (token, user or "
            "system), with the names of the changed fields (never their values)." + PAGINATION_NOTE,
            "audit",
            role="admin",
            paginated=True,
            success="A page of audit entries.",
        ),
        _op(
            "GET /audit/{audit_entry_id}",
            "getAuditEntry",
            "Retrieve an audit entry",
            "One audit entry.",
            "audit",
            role="admin",
            errors=("audit_entry_not_found",),
            success="The audit entry.",
        ),
        _op(
            "GET /audit/export",
            "exportAuditEntries",
            "Export the audit log",
            "The whole filtered range as JSON lines or CSV, oldest first, streamed (no page limit). The "
            "export itself is audited.",
            "audit",
            role="admin",
            success="The entries, streamed.",
        ),
        # members ---------------------------------------------------------------------------------
        _op(
            "GET /members",
            "listMembers",
            "List members",
            "Every member of the workspace, newest first. `user_id` is what a conversation's `assignee_id` "
            "takes." + PAGINATION_NOTE,
            "members",
            paginated=True,
            success="A page of members.",
        ),
        _op(
            "GET /members/{member_id}",
            "getMember",
            "Retrieve a member",
            "One member of the workspace.",
            "members",
            errors=("member_not_found",),
            success="The member.",
        ),
        _op(
            "GET /me",
            "getMe",
            "Who is calling",
            "The member behind the calling token, the token itself (its effective role, never above the "
            "member's current role, and scope) and the workspace.",
            "members",
            success="The calling member, token and workspace.",
        ),
        # workspace -------------------------------------------------------------------------------
        _op(
            "GET /workspace",
            "getWorkspace",
            "Retrieve the workspace",
            "The token's workspace: its name, status, plan and, once closed, when it will be purged.",
            "workspace",
            success="The workspace.",
        ),
        _op(
            "POST /workspace/archive",
            "createWorkspaceArchive",
            "Build an archive",
            "Builds a full export (every resource as JSON lines, zipped) in the background. Poll "
            "`GET /workspace/archive-status`; `workspace.archive.ready` fires when it is done.",
            "workspace",
            role="owner",
            errors=("archive_in_progress",),
            success="Accepted; the archive's status (`building`).",
        ),
        _op(
            "GET /workspace/archive-status",
            "getWorkspaceArchiveStatus",
            "Retrieve the archive status",
            "The newest archive: `none`, `building`, `ready` (with a signed, expiring `download_url`) or "
            "`failed`. Every role sees the status; only owners get the link.",
            "workspace",
            success="The newest archive's status.",
        ),
        _op(
            "GET /workspace/archive/download",
            "downloadWorkspaceArchive",
            "Download the archive",
            "The archive itself, a zip of JSON-lines files. The signed, expiring `signature` is the "
            "credential: no token is needed, so the link works in a browser or with curl. Downloads are "
            "audited.",
            "workspace",
            errors=("invalid_signature", "download_url_expired", "archive_not_found"),
            success="The archive (a zip file).",
        ),
        _op(
            "POST /workspace/close",
            "closeWorkspace",
            "Close the workspace",
            "Closes the workspace: an archive is built, writes answer 409 `workspace_closed`, reads still "
            "work, and everything is purged after a 30-day grace (`purge_after`). Emits `workspace.closed`.",
            "workspace",
            role="owner",
            success="The workspace, closed.",
        ),
        _op(
            "POST /workspace/restore",
            "restoreWorkspace",
            "Restore the workspace",
            "Reopens a closed workspace within its 30-day grace. Emits `workspace.restored`.",
            "workspace",
            role="owner",
            errors=("workspace_not_closed", "restore_period_expired"),
            success="The workspace, active again.",
        ),
        # channels --------------------------------------------------------------------------------
        _op(
            "GET /email",
            "getEmailChannel",
            "Retrieve the e-mail channel",
            "The workspace's inbound e-mail address (messages sent to it start or continue conversations "
            "with `channel: email`) and the secret inbound URL a mail provider posts raw RFC 5322 messages "
            "to. Treat the URL as a credential.",
            "channels",
            role="admin",
            success="The e-mail channel.",
        ),
        _op(
            "GET /widget",
            "getWidget",
            "Retrieve the chat widget settings",
            "The widget's public key (for the embed snippet), the origins allowed to embed it, its greeting "
            "and color. Conversations it creates have `channel: widget`.",
            "channels",
            role="admin",
            success="The widget settings.",
        ),
        _op(
            "PATCH /widget",
            "updateWidget",
            "Update the chat widget settings",
            "Changes the fields given: `allowed_origins` (https origins that may embed the widget), "
            "`greeting`, `color`.",
            "channels",
            role="admin",
            success="The widget settings, as updated.",
        ),
        _op(
            "POST /widget/rotate-secret",
            "rotateWidgetSecret",
            "Rotate the widget's identity secret",
            "A new identity-verification secret, shown once (the first call creates it). Your server signs "
            "`user_hash` = hex HMAC-SHA256 of the user id (else the e-mail) with it, and the snippet passes "
            "`data-user-id`/`data-user-email`/`data-user-hash`; only a verified visitor is attached to the "
            "matching contact. The previous secret stops verifying at once. Emits `widget.secret_rotated`.",
            "channels",
            role="admin",
            success="The widget settings, with the new identity secret (shown once).",
        ),
        # billing ---------------------------------------------------------------------------------
        _op(
            "GET /billing/subscription",
            "getBillingSubscription",
            "Retrieve the subscription",
            "The workspace's plan, billing period, rate limit and AI token usage for the current period.",
            "billing",
            role="admin",
            success="The subscription.",
        ),
    ]
)

TAGS = [
    ("conversations", "Conversations with contacts: status, assignment, priority, tags, snoozing."),
    ("messages", "The message thread of a conversation: contact, agent, assistant and system messages."),
    ("notes", "Internal notes on a conversation, never shown to the contact."),
    ("contacts", "The people your workspace talks to; DELETE is a complete GDPR erasure."),
    ("knowledge", "Knowledge-base articles, their chunks and search; the assistant answers from them."),
    ("webhooks", "Webhook endpoints, their delivery log, secret rotation, test events and redelivery."),
    ("events", "Every event of the last 30 days, exactly as delivered, for recovery after downtime."),
    ("audit", "The append-only, tamper-evident audit log and its export."),
    ("members", "The workspace's members and the calling token."),
    ("workspace", "The workspace itself: archive, close and restore."),
    ("billing", "The plan, the billing period and AI token usage."),
    ("channels", "How contacts reach the workspace: the chat widget and the inbound e-mail address."),
]
