"""The attempt log: one row per POST of a delivery, written with the outcome it recorded.

What a receiver answered (status, headers, the first 4 KiB of the body) and how long it took, so support
can tell a customer why their endpoint fails. Never our request: its signature is derived from the
endpoint's secret. A receiver's Set-Cookie and authentication challenges are dropped too.
"""

from __future__ import annotations

from .models import WebhookDelivery, WebhookDeliveryAttempt

DROPPED_HEADERS = frozenset(
    {"set-cookie", "set-cookie2", "authorization", "proxy-authenticate", "www-authenticate"}
)
MAX_HEADERS = 50
MAX_HEADER_VALUE = 500


class SendOutcome(tuple):
    """`(status code or None, Retry-After seconds or None, error text)`, unpacked as before, carrying
    what the attempt log keeps."""

    headers: tuple = ()
    body: bytes = b""
    duration_ms: int | None = None

    def __new__(cls, status, retry_after, error, *, headers=(), body=b"", duration_ms=None):
        outcome = super().__new__(cls, (status, retry_after, error))
        outcome.headers, outcome.body, outcome.duration_ms = headers, body, duration_ms
        return outcome


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace").replace("\x00", "\ufffd")  # PostgreSQL text has no NUL


def attempt_row(delivery: WebhookDelivery, outcome, attempted_at) -> WebhookDeliveryAttempt:
    status, _retry_after, error = outcome
    headers = [
        [name.lower(), value[:MAX_HEADER_VALUE]]
        for name, value in getattr(outcome, "headers", ())
        if name.lower() not in DROPPED_HEADERS
    ][:MAX_HEADERS]
    return WebhookDeliveryAttempt(
        workspace_id=delivery.workspace_id,
        delivery_id=delivery.id,
        attempted_at=attempted_at,
        response_status=status,
        response_headers=headers,
        response_body=_text(getattr(outcome, "body", b"")),
        duration_ms=getattr(outcome, "duration_ms", None),
        error=(error or "")[:200],
    )


def log_attempts(rows: list[WebhookDeliveryAttempt]) -> None:
    """Insert in the caller's transaction (the one recording the outcomes)."""
    if rows:
        WebhookDeliveryAttempt.objects.for_workspace(rows[0].workspace_id).bulk_create(rows)
