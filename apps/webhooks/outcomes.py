"""What one attempt's outcome does to its delivery: the retry policy.

A 2xx succeeds. A 410 fails the delivery and disables the endpoint. Any other failure retries on
`RETRY_DELAYS` (CONTRACT §2: 10 attempts over ~3 days; a 429 or 503's Retry-After is honoured, within
`MAX_RETRY_AFTER_SECONDS`), fails the delivery after the last attempt, and disables the endpoint once
every delivery to it has failed for `DISABLE_AFTER_FAILING_FOR` (`disabling.py`).

The caller holds the delivery's fenced claim (`claims.fenced`) in a short transaction; every outcome
ends the claim.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import claims
from .disabling import disable, mark_failing
from .models import WebhookDelivery, WebhookEndpoint
from .queueing import queue_delivery
from .sending import endpoint_host

logger = logging.getLogger("apps.webhooks")

# Seconds to wait after the 1st, 2nd, … failed attempt (CONTRACT §2): 10 attempts over ~3 days.
RETRY_DELAYS = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
DISABLE_AFTER_FAILING_FOR = timedelta(days=5)
# Retries due this soon are queued with a countdown; later ones are left to the sweeper, because the
# Redis broker redelivers an unacknowledged ETA task after its visibility timeout (1 h).
COUNTDOWN_RETRY_MAX_SECONDS = 600
MAX_RETRY_AFTER_SECONDS = 86400

Status = WebhookDelivery.Status

SUCCESS_FIELDS = [
    "status",
    "attempts",
    "last_attempt_at",
    "response_status",
    "next_attempt_at",
    "dispatched_at",
    "last_error",
    *claims.CLAIM_FIELDS,
]


def record_attempt(delivery, endpoint, status_code, retry_after, error) -> None:
    """Apply one attempt's outcome. A success is only set on the instance (the caller saves it, alone
    or in bulk); a failure is saved here, with its retry, 410 or 5-day handling."""
    now = timezone.now()
    for name, value in claims.CLEARED.items():  # whatever the outcome, this attempt's claim ends with it
        setattr(delivery, name, value)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = status_code

    if status_code is not None and 200 <= status_code < 300:
        delivery.status = Status.SUCCEEDED
        delivery.next_attempt_at = delivery.dispatched_at = None
        delivery.last_error = ""
        if endpoint.failing_since is not None:
            WebhookEndpoint.objects.filter(id=endpoint.id, failing_since__isnull=False).update(
                failing_since=None
            )
            endpoint.failing_since = None
        return

    if status_code is not None:
        error = f"HTTP {status_code}"
    logger.info(
        "webhook delivery failed",
        extra={
            "endpoint_id": endpoint.id,
            "host": endpoint_host(endpoint.url),
            "delivery_id": delivery.id,
            "attempt": delivery.attempts,
            "error": error[:200],
        },
    )
    if status_code == 410:
        finish(delivery, Status.FAILED, now, error=error)
        disable(endpoint, "The endpoint answered 410 Gone.")
        return

    failing_since = mark_failing(endpoint, now)
    if now - failing_since >= DISABLE_AFTER_FAILING_FOR:
        finish(delivery, Status.FAILED, now, error=error)
        disable(endpoint, "Every delivery failed for 5 days.")
        return
    if delivery.attempts > len(RETRY_DELAYS):
        finish(delivery, Status.FAILED, now, error=error)
        return

    delay = float(RETRY_DELAYS[delivery.attempts - 1])
    if status_code in (429, 503) and retry_after is not None:
        delay = min(max(retry_after, 1.0), MAX_RETRY_AFTER_SECONDS)
    delivery.next_attempt_at = now + timedelta(seconds=delay)
    delivery.last_error = error[:200]
    if delay <= COUNTDOWN_RETRY_MAX_SECONDS:
        delivery.dispatched_at = delivery.next_attempt_at
        workspace_id, the_id = delivery.workspace_id, delivery.id
        transaction.on_commit(lambda: queue_delivery(workspace_id, the_id, countdown=delay))
    else:
        delivery.dispatched_at = None  # the sweeper queues it when due
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "response_status",
            "next_attempt_at",
            "last_error",
            "dispatched_at",
            *claims.CLAIM_FIELDS,
        ]
    )


def finish(delivery: WebhookDelivery, status: str, now, *, error: str = "", count_attempt=True) -> None:
    delivery.status = status
    delivery.next_attempt_at = None
    delivery.dispatched_at = None
    delivery.last_error = error[:200]
    for name, value in claims.CLEARED.items():
        setattr(delivery, name, value)
    fields = ["status", "next_attempt_at", "dispatched_at", "last_error", *claims.CLAIM_FIELDS]
    if count_attempt:
        fields += ["attempts", "last_attempt_at", "response_status"]
    delivery.save(update_fields=fields)
