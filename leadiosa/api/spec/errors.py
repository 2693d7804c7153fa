"""Every error code the API answers with: its HTTP status, what it means and what the client should do.

The spec's per-operation error enums, the `Error.code` enum and the /docs/errors/ page all come from here;
a test checks that every code the code base raises is listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    code: str
    status: int
    meaning: str
    action: str


_CODES = [
    # 400
    ErrorCode(
        "validation_error",
        400,
        "A body field is missing, has the wrong type, or breaks a rule; `param` names it (dotted path, e.g. `contact.email` or `events.1`).",
        "Fix the field named by `param` and send again.",
    ),
    ErrorCode(
        "invalid_json",
        400,
        "The body is not valid JSON (or nests deeper than 32 levels, or holds a number that overflows a double, a lone surrogate or a NUL).",
        "Send a well-formed JSON object.",
    ),
    ErrorCode(
        "invalid_parameter",
        400,
        "A query parameter is unknown, empty, or has a bad value; `param` names it.",
        "Check the parameter's name and format in the reference; an unknown parameter is never ignored.",
    ),
    ErrorCode(
        "invalid_cursor",
        400,
        "The `after` cursor is not one of ours, was tampered with, or belongs to another list or workspace.",
        "Use `pagination.next_cursor` from the previous page of the same list, verbatim.",
    ),
    ErrorCode(
        "invalid_webhook_url",
        400,
        "The webhook URL is not `https`, or resolves to a private, loopback, link-local or otherwise non-public address.",
        "Use a public `https` URL.",
    ),
    ErrorCode(
        "too_many_parameters",
        400,
        "The request carries more query or form fields than the server accepts.",
        "Send fewer parameters.",
    ),
    ErrorCode(
        "bad_request",
        400,
        "The request could not be understood (for example a malformed header).",
        "Check the request line and headers.",
    ),
    ErrorCode(
        "invalid_request",
        400,
        "The request is malformed in a way no more specific code covers.",
        "Check the request against the reference.",
    ),
    # 401
    ErrorCode(
        "missing_token",
        401,
        "No `Authorization: Bearer <token>` header.",
        "Send your API token in the Authorization header.",
    ),
    ErrorCode(
        "invalid_token",
        401,
        "The token is unknown, revoked, expired or malformed.",
        "Mint a new token in the dashboard (Settings → API tokens).",
    ),
    # 403
    ErrorCode(
        "permission_denied",
        403,
        "The token is valid but its role or scope does not allow this; the message names the role or scope needed.",
        "Use a token with the role (agent, admin, owner) or the `read_write` scope the message names.",
    ),
    ErrorCode(
        "origin_not_allowed",
        403,
        "The chat widget's public API (`/widget/v1/`) was called from a page whose origin is not in the widget's `allowed_origins`.",
        "Add the site's origin to `allowed_origins` (PATCH /widget).",
    ),
    ErrorCode(
        "identity_not_verified",
        403,
        "The chat widget was given a `data-user-id`/`data-user-email` whose `data-user-hash` does not match the widget's identity secret (or there is no secret yet); the visitor stays anonymous.",
        "Compute `user_hash` on your server: hex HMAC-SHA256 of the user id (else the e-mail) with the secret from POST /widget/rotate-secret.",
    ),
    ErrorCode(
        "invalid_signature",
        403,
        "The archive download link's signature is not valid.",
        "Take a fresh `download_url` from `GET /workspace/archive-status`.",
    ),
    ErrorCode(
        "download_url_expired",
        403,
        "The archive download link has expired.",
        "Take a fresh `download_url` from `GET /workspace/archive-status`.",
    ),
    # 404
    ErrorCode(
        "route_not_found",
        404,
        "No route matches this method and path.",
        "Check the path against the reference (no trailing slash).",
    ),
    ErrorCode(
        "conversation_not_found",
        404,
        "No conversation with this id in your workspace.",
        "Check the id; another workspace's conversation is reported the same way.",
    ),
    ErrorCode(
        "contact_not_found",
        404,
        "No contact with this id in your workspace (422 when a body's `contact_id` names it).",
        "Check the id, or create the contact first.",
    ),
    ErrorCode(
        "article_not_found", 404, "No knowledge article with this id in your workspace.", "Check the id."
    ),
    ErrorCode(
        "webhook_not_found", 404, "No webhook endpoint with this id in your workspace.", "Check the id."
    ),
    ErrorCode(
        "delivery_not_found",
        404,
        "No delivery with this id for this webhook endpoint.",
        "List the endpoint's deliveries for valid ids.",
    ),
    ErrorCode(
        "event_not_found",
        404,
        "No event with this id in your workspace, or it is older than the 30-day retention.",
        "Check the id; events are kept 30 days.",
    ),
    ErrorCode(
        "audit_entry_not_found", 404, "No audit entry with this id in your workspace.", "Check the id."
    ),
    ErrorCode(
        "member_not_found",
        404,
        "No member with this id in your workspace.",
        "Check the id (`mem_…`, not the `usr_…` user id).",
    ),
    ErrorCode(
        "archive_not_found",
        404,
        "The archive was replaced by a newer one or purged.",
        "Request a new archive with `POST /workspace/archive`.",
    ),
    # 405
    ErrorCode(
        "method_not_allowed",
        405,
        "The route exists but not with this method (OPTIONS included).",
        "Use one of the methods listed in the `Allow` header.",
    ),
    # 409
    ErrorCode(
        "conversation_closed",
        409,
        "The conversation is closed: assigning, posting as an agent, or changing anything but reopening is refused.",
        'Reopen it first with `PATCH {"status": "open"}`.',
    ),
    ErrorCode(
        "invalid_status_transition",
        409,
        "A closed conversation can only move to `open`.",
        "Reopen it, then change its status.",
    ),
    ErrorCode(
        "contact_exists",
        409,
        "Another contact of the workspace already has this `email` or `external_id`.",
        "Find it with `GET /contacts?email=…` and update it instead.",
    ),
    ErrorCode(
        "webhook_disabled",
        409,
        "The webhook endpoint is disabled.",
        'Re-enable it with `PATCH /webhooks/{webhook_id}` `{"status": "enabled"}`, then retry.',
    ),
    ErrorCode(
        "delivery_in_progress",
        409,
        "An attempt of this delivery is under way right now.",
        "Wait a few seconds and retry.",
    ),
    ErrorCode(
        "workspace_closed",
        409,
        "The workspace is closed: reads work, writes do not.",
        "Restore it with `POST /workspace/restore` (owner) within the 30-day grace.",
    ),
    ErrorCode(
        "archive_in_progress",
        409,
        "An archive of this workspace is already being built.",
        "Poll `GET /workspace/archive-status` until it is `ready`.",
    ),
    ErrorCode(
        "workspace_not_closed",
        409,
        "Only a closed workspace can be restored.",
        "Nothing to do: the workspace is active.",
    ),
    ErrorCode(
        "restore_period_expired",
        409,
        "The 30-day grace has ended and the workspace is being purged.",
        "The data cannot be restored; use the archive built at closing.",
    ),
    ErrorCode(
        "idempotency_conflict",
        409,
        "A request with this `Idempotency-Key` is still being processed.",
        "Wait for the first request to finish, then retry with the same key.",
    ),
    # 411, 413, 415
    ErrorCode(
        "length_required",
        411,
        "A chunked request body: the API needs a `Content-Length`.",
        "Send the body with a Content-Length header.",
    ),
    ErrorCode(
        "request_too_large",
        413,
        "The body is over 1 MiB.",
        "Send a smaller body (split a large article, for example).",
    ),
    ErrorCode(
        "unsupported_media_type",
        415,
        "A write whose body is not `application/json`.",
        "Send `Content-Type: application/json`.",
    ),
    # 422
    ErrorCode(
        "assignee_not_member",
        422,
        "`assignee_id` is not the `usr_…` id of a member of this workspace.",
        "Take `user_id` from `GET /members`.",
    ),
    ErrorCode(
        "idempotency_key_reused",
        422,
        "This `Idempotency-Key` was used for a different method, path or body in the last 24 hours.",
        "Use a new key for a new request.",
    ),
    # 429, 500, 503
    ErrorCode(
        "rate_limited",
        429,
        "Over the per-token per-minute limit of the workspace's plan (or too many failed authentications from this address).",
        "Wait `Retry-After` seconds; watch `X-RateLimit-Remaining`.",
    ),
    ErrorCode(
        "internal_error",
        500,
        "Something broke on our side.",
        "Retry later; report the `request_id` if it persists.",
    ),
    ErrorCode(
        "service_unavailable",
        503,
        "A dependency (database or cache) is down for a moment.",
        "Retry after `Retry-After` seconds; the request had no effect.",
    ),
]

ERROR_CODES: dict[str, ErrorCode] = {error.code: error for error in _CODES}

STATUS_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    411: "Length required",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Unprocessable",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}
