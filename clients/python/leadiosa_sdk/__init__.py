"""The Leadiosa Python SDK: the generated client (`leadiosa_client`, from the served OpenAPI spec by a
pinned openapi-python-client) plus this thin hand-written layer:

- `Leadiosa(base_url, token)` builds the generated `AuthenticatedClient` on an httpx transport that adds
  an `Idempotency-Key` to every POST (kept across its retries) and retries 429 and 503 answers after
  their `Retry-After`;
- `paginate(endpoint, client=…, **params)` iterates any list operation across its pages;
- `verify_webhook(secret, headers, body)` checks a delivery's Standard Webhooks signature.

    from leadiosa_sdk import Leadiosa, paginate
    from leadiosa_client.api.conversations import list_conversations

    sdk = Leadiosa("https://leadiosa.example.com", "lds_…")
    for conversation in paginate(list_conversations, client=sdk.client, limit=100):
        print(conversation.id, conversation.status)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from leadiosa_client import AuthenticatedClient
from leadiosa_client.types import UNSET

__all__ = [
    "ApiError",
    "Leadiosa",
    "RetryingTransport",
    "WebhookVerificationError",
    "paginate",
    "verify_webhook",
]

RETRY_STATUSES = (429, 503)


class ApiError(Exception):
    """A non-2xx answer: `status`, `code` (stable, from the error envelope), `message`, `request_id`."""

    def __init__(self, status: int, body: Any):
        error = body.get("error", {}) if isinstance(body, dict) else {}
        self.status = status
        self.code = error.get("code")
        self.message = error.get("message", "")
        self.request_id = error.get("request_id")
        self.param = error.get("param")
        super().__init__(f"{status} {self.code}: {self.message} (request {self.request_id})")


class RetryingTransport(httpx.BaseTransport):
    """Adds `Idempotency-Key` to POSTs that have none, and retries 429/503 after `Retry-After` (seconds
    or an HTTP date), at most `max_retries` times, with the same key so a retried POST applies once."""

    def __init__(
        self,
        wrapped: httpx.BaseTransport | None = None,
        max_retries: int = 3,
        max_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.wrapped = wrapped or httpx.HTTPTransport()
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and "Idempotency-Key" not in request.headers:
            request.headers["Idempotency-Key"] = str(uuid.uuid4())
        request.read()  # the body can be sent again
        for attempt in range(self.max_retries + 1):
            response = self.wrapped.handle_request(request)
            if response.status_code not in RETRY_STATUSES or attempt == self.max_retries:
                return response
            wait = _retry_after(response.headers.get("Retry-After"), default=2.0**attempt)
            response.read()
            response.close()
            self.sleep(min(wait, self.max_wait))
        return response  # pragma: no cover - the loop always returns

    def close(self) -> None:
        self.wrapped.close()


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default


class Leadiosa:
    """The generated client, authenticated, on the retrying, idempotent transport."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        transport: httpx.BaseTransport | None = None,
    ):
        self.client = AuthenticatedClient(
            base_url=base_url.rstrip("/"),
            token=token,
            timeout=httpx.Timeout(timeout),
            raise_on_unexpected_status=True,
            httpx_args={"transport": RetryingTransport(transport, max_retries=max_retries)},
        )

    def call(self, endpoint, *args, **kwargs):
        """`endpoint.sync_detailed(*args, client=…, **kwargs)`: the parsed 2xx body, or `ApiError`."""
        response = endpoint.sync_detailed(*args, client=self.client, **kwargs)
        if response.status_code >= 300:
            raise ApiError(int(response.status_code), _json(response.content))
        return response.parsed

    def __enter__(self):
        self.client.__enter__()
        return self

    def __exit__(self, *exc):
        self.client.__exit__(*exc)


def _json(content: bytes):
    import json

    try:
        return json.loads(content)
    except ValueError:
        return {}


def paginate(endpoint, *, client: AuthenticatedClient, **params) -> Iterator[Any]:
    """Every item of a list operation, page after page (`after` = the previous page's `next_cursor`)."""
    after = params.pop("after", UNSET)
    while True:
        response = endpoint.sync_detailed(client=client, after=after, **params)
        if response.status_code >= 300:
            raise ApiError(int(response.status_code), _json(response.content))
        page = response.parsed
        yield from page.data
        if not page.pagination.has_more:
            return
        after = page.pagination.next_cursor


class WebhookVerificationError(Exception):
    """The delivery is forged, altered, stale, or signed with another secret."""


def verify_webhook(
    secret: str,
    headers: Mapping[str, str],
    body: bytes | str,
    *,
    tolerance: int = 300,
    now: float | None = None,
) -> dict:
    """Check a delivery's Standard Webhooks signature and return its JSON body; raise
    `WebhookVerificationError` otherwise. `secret` is the endpoint's `whsec_…`; `body` the raw bytes."""
    import json

    lowered = {key.lower(): value for key, value in headers.items()}
    try:
        msg_id, timestamp = lowered["webhook-id"], lowered["webhook-timestamp"]
        signatures = lowered["webhook-signature"].split()
        sent_at = int(timestamp)
    except (KeyError, ValueError):
        raise WebhookVerificationError("missing or malformed webhook headers") from None
    if abs((now if now is not None else time.time()) - sent_at) > tolerance:
        raise WebhookVerificationError("timestamp outside the tolerance")
    raw = body.encode() if isinstance(body, str) else body
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(
        hmac.new(key, f"{msg_id}.{timestamp}.".encode() + raw, hashlib.sha256).digest()
    )
    for signature in signatures:
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return json.loads(raw)
    raise WebhookVerificationError("no signature matches")
