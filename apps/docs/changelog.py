"""What /docs/changelog/ says: the versioning and deprecation policy, and the changes, newest first."""

POLICY = """
**Versioning.** The version is in the path: `/api/v1`. Within v1 we only make *additive* changes: new
endpoints, new optional request fields and parameters, new fields in responses, new event types in the
webhook catalogue, new error codes, new values of enums that are documented as open (`handoff_reason`).
Write clients that ignore fields they do not know and treat an unknown error `code` by its HTTP status.
Anything else — removing or renaming a field, changing a type or a default, making an optional input
required, changing what a status code means — only happens in a new version (`/api/v2`), served side by
side with v1.

**Deprecation.** A deprecated endpoint or parameter keeps working until its sunset date, at least
**6 months** after the deprecation is announced here. Every response that used it carries
`X-API-Deprecation: version="v1"; sunset="YYYY-MM-DD"; link="<this page>"`, the spec marks it
`deprecated: true`, and the owners of every workspace that used it in the last 30 days are e-mailed at
least **90 days** before the sunset, and again every 30 days until they stop using it.

**Stability of ids and formats.** Ids are opaque strings with a type prefix (`conv_`, `ct_`, …) and are
stable for the life of the object. Timestamps are always UTC `YYYY-MM-DDTHH:MM:SS.mmmZ`. Cursors are
opaque: store them only to continue the same list.
"""

CHANGES = [
    (
        "2026-11-30",
        "Events API, redelivery and a complete spec",
        "- `GET /events` and `GET /events/{event_id}`: every event of the last 30 days exactly as delivered "
        "(filters `type`, `created_after`, `created_before`).\n"
        "- `POST /webhooks/{webhook_id}/deliveries/{delivery_id}/retry` redelivers one event now.\n"
        '- `PATCH /webhooks/{webhook_id}`: edit `events` and `description`; `"status": "enabled"` '
        "re-enables an endpoint the system disabled.\n"
        "- Deliveries carry a `webhook-endpoint-id` header naming the endpoint they are for.\n"
        "- The OpenAPI document is now 3.1, with `webhooks`, examples for every operation, the error codes "
        "each operation can return, and idiomatic operation ids (`listConversations`, "
        "`createConversationMessage`, …). Path parameters are named after what they identify "
        "(`{conversation_id}`); the URLs themselves are unchanged.\n"
        "- Audit entries say where a change came from (`source`: `api`, `dashboard`, `admin`, `widget`, "
        "`email` or `system`; `GET /audit` filters by it) and carry the client's own `X-Request-Id` as "
        "`client_request_id` when it was well formed. The response's `X-Request-Id` stays ours.",
    ),
    (
        "2026-11-29",
        "Members and the calling token",
        "- `GET /members`, `GET /members/{member_id}` and `GET /me`. A member's `user_id` is what a "
        "conversation's `assignee_id` takes.",
    ),
    (
        "2026-11-28",
        "v1",
        "- The first version of the API: conversations, messages, notes, contacts (with GDPR erasure), "
        "knowledge, webhooks (Standard Webhooks), audit log and export, workspace archive, close and "
        "restore, billing.",
    ),
]
