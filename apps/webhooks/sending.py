"""One signed POST of an event to an endpoint, and what it answered.

Signed with every live secret of the endpoint (the current one, and the previous one during a
rotation's grace period). Sent through the SSRF-guarded client (`network.py`). Logs name an endpoint
by its id and host, never its URL: URLs can carry credentials.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

import httpx

from . import network
from .attempts import SendOutcome
from .models import WebhookEndpoint
from .secrets import decrypt_secret, reencrypt_secret, sign

logger = logging.getLogger("apps.webhooks")

USER_AGENT = "Leadiosa-Webhooks/1"


def endpoint_host(url: str) -> str:
    """What logs may say about an endpoint's URL: its host (the path and query can carry tokens)."""
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


def live_secrets(endpoint: WebhookEndpoint, now) -> list[str]:
    secrets_ = [decrypt_secret(endpoint.secret_encrypted)]
    if endpoint.previous_secret_encrypted and (
        endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now
    ):
        secrets_.append(decrypt_secret(endpoint.previous_secret_encrypted))
    _reseal_secrets(endpoint)
    return secrets_


def _reseal_secrets(endpoint: WebhookEndpoint) -> None:
    """After a SECRET_KEY rotation, store the endpoint's secrets sealed under the current key the first
    time they are used, so the old key can be retired. Conditional on the stored values being the ones
    read: a concurrent rotation of the secret wins."""
    current = reencrypt_secret(endpoint.secret_encrypted)
    previous = reencrypt_secret(endpoint.previous_secret_encrypted)
    if (current, previous) == (endpoint.secret_encrypted, endpoint.previous_secret_encrypted):
        return
    WebhookEndpoint.objects.filter(
        id=endpoint.id,
        secret_encrypted=endpoint.secret_encrypted,
        previous_secret_encrypted=endpoint.previous_secret_encrypted,
    ).update(secret_encrypted=current, previous_secret_encrypted=previous)
    endpoint.secret_encrypted, endpoint.previous_secret_encrypted = current, previous


def send(endpoint: WebhookEndpoint, event, secrets_: list[str]) -> SendOutcome:
    """One signed POST. Returns (status code or None, Retry-After seconds or None, error text), which
    also carries the answer's headers, body head and duration for the attempt log."""
    started = time.monotonic()
    outcome = _post(endpoint, event, secrets_)
    return SendOutcome(
        *outcome[:3],
        headers=outcome[3] if len(outcome) > 3 else (),
        body=outcome[4] if len(outcome) > 4 else b"",
        duration_ms=round((time.monotonic() - started) * 1000),
    )


def _post(endpoint: WebhookEndpoint, event, secrets_: list[str]) -> tuple:
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": event.id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secrets_, event.id, timestamp, event.body),
        # Which endpoint this is for: two endpoints on one URL get the same webhook-id, each signed with
        # its own secret (docs/webhooks.md).
        "webhook-endpoint-id": endpoint.id,
    }
    try:
        outcome = network.post(endpoint.url, headers=headers, body=event.body.encode())
    except network.UnsafeWebhookUrl as exc:
        return None, None, f"refused: {exc}"
    except network.ResolutionFailed:
        return None, None, "DNS resolution failed"
    except httpx.TimeoutException:
        return None, None, "timed out"
    except httpx.HTTPError as exc:
        return None, None, f"connection failed ({type(exc).__name__})"
    except Exception as exc:  # noqa: BLE001 - one odd receiver must not crash (and replay) a whole batch
        logger.warning(
            "webhook delivery failed unexpectedly",
            extra={"endpoint_id": endpoint.id, "host": endpoint_host(endpoint.url), "event_id": event.id},
            exc_info=True,
        )
        return None, None, f"delivery error ({type(exc).__name__})"
    return outcome.status, outcome.retry_after, "", outcome.headers, outcome.body
