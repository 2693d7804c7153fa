"""The webhook event catalogue as published: when each event fires, the schema of `data.object`, and an
example body (event_examples.json). The spec's `webhooks`, the /docs/webhooks/ page and docs/webhooks.md
say the same; a test checks this list against leadiosa.events.WEBHOOK_EVENT_TYPES."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

EXAMPLES = json.loads((Path(__file__).with_name("event_examples.json")).read_text())


@dataclass(frozen=True)
class CatalogueEvent:
    type: str
    fires_when: str
    object_schema: str  # a component of the spec
    object_note: str = ""


CATALOGUE = [
    CatalogueEvent(
        "conversation.created", "A conversation is created (API, widget or e-mail).", "Conversation"
    ),
    CatalogueEvent(
        "conversation.updated",
        "Any field of a conversation changes (status, priority, tags, assignee, `handled_by`, snooze, "
        "wake-up, a contact message reopening it).",
        "Conversation",
        "`previous_attributes` holds the changed fields' old values.",
    ),
    CatalogueEvent(
        "conversation.assigned",
        "`assignee_id` changes (including unassigning), right after the `conversation.updated` of the same "
        "change.",
        "Conversation",
        "`previous_attributes.assignee_id` is always present: the previous assignee, or null when there was "
        "none.",
    ),
    CatalogueEvent(
        "conversation.closed",
        "A conversation moves to `closed`.",
        "Conversation",
        "`previous_attributes.status` is the status it had.",
    ),
    CatalogueEvent(
        "conversation.reopened",
        "A closed conversation moves back to `open` (PATCH or a contact message).",
        "Conversation",
        '`previous_attributes.status` is `"closed"`.',
    ),
    CatalogueEvent(
        "conversation.handed_off",
        "The assistant hands a conversation to the team.",
        "Conversation",
        "The object also carries `handoff_reason`: `no_relevant_knowledge`, `contact_requested_human`, "
        "`ai_quota_exceeded`, `assistant_provider_failed` or `assistant_error`.",
    ),
    CatalogueEvent(
        "message.created",
        "A message is added to a conversation (contact, agent, assistant or system).",
        "Message",
    ),
    CatalogueEvent("note.created", "An internal note is added to a conversation.", "Note"),
    CatalogueEvent(
        "contact.created", "A contact is created (directly or found-or-created by a conversation).", "Contact"
    ),
    CatalogueEvent(
        "contact.updated",
        "A contact's fields or attributes change.",
        "Contact",
        "`previous_attributes` holds the changed fields' old values.",
    ),
    CatalogueEvent(
        "contact.erased",
        "A contact is erased (GDPR); everything else about it is already gone.",
        "ErasedContact",
        "The object is `{id}` only.",
    ),
    CatalogueEvent(
        "knowledge.article.created", "An article is created (its ingestion is queued).", "Article"
    ),
    CatalogueEvent(
        "knowledge.article.updated",
        "An article is edited.",
        "Article",
        "`previous_attributes` holds the changed fields' old values.",
    ),
    CatalogueEvent(
        "knowledge.article.deleted", "An article is deleted.", "Article", "The article as it was."
    ),
    CatalogueEvent(
        "knowledge.article.ingested",
        "An article's chunks are (re)indexed and it is searchable.",
        "Article",
        "`ingest_status` is `ready` (or `failed`) and `chunk_count` is set.",
    ),
    CatalogueEvent(
        "workspace.closed",
        "An owner closes the workspace (read-only, archive built, purge in 30 days).",
        "Workspace",
    ),
    CatalogueEvent(
        "workspace.restored",
        "An owner restores a closed workspace within the grace period.",
        "Workspace",
        "`previous_attributes` holds `status`, `closed_at` and `purge_after` as they were.",
    ),
    CatalogueEvent(
        "workspace.archive.ready",
        "A requested workspace archive has been built.",
        "ArchiveStatus",
        "No download link: fetch it from `GET /workspace/archive-status`.",
    ),
    CatalogueEvent(
        "billing.ai_tokens.threshold_reached",
        "AI token usage of the billing period reaches 80 % and again 100 % of the plan's allowance (once "
        "each per period).",
        "Subscription",
        "`ai_tokens.used / ai_tokens.included` tells which threshold was crossed.",
    ),
    CatalogueEvent("webhook.test", "`POST /webhooks/{webhook_id}/test` was called.", "Webhook"),
]

# Standard Webhooks delivery headers, plus the endpoint's id.
DELIVERY_HEADERS = [
    (
        "webhook-id",
        "The event id (`evt_…`), the same on every retry and redelivery: use it to drop duplicates.",
        {"type": "string", "example": "evt_0VcNbcyMCcymekiG486HBC"},
    ),
    (
        "webhook-timestamp",
        "Unix seconds of this attempt. Refuse deliveries more than 5 minutes old.",
        {"type": "string", "example": "1795000000"},
    ),
    (
        "webhook-signature",
        "`v1,` + base64 HMAC-SHA256, keyed with the base64-decoded secret after `whsec_`, of "
        "`{webhook-id}.{webhook-timestamp}.{body}`. Two space-separated signatures during the 24 hours "
        "after a secret rotation; either one verifying is enough.",
        {"type": "string", "example": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="},
    ),
    (
        "webhook-endpoint-id",
        "The id of the endpoint (`wh_…`) this delivery is for. Two endpoints on one URL receive the same "
        "`webhook-id` twice, each signed with its own secret: pick the secret by this header.",
        {"type": "string", "example": "wh_0VcNtP6000000000000000"},
    ),
]

RETRY_SCHEDULE = ["5 s", "5 min", "30 min", "2 h", "5 h", "10 h", "14 h", "20 h", "24 h"]


def operation_id(event_type: str) -> str:
    """`conversation.handed_off` → `onConversationHandedOff`."""
    words = event_type.replace(".", "_").split("_")
    return "on" + "".join(word.capitalize() for word in words)
