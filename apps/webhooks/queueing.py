"""Queueing the delivery tasks: a drain per endpoint after commit (coalesced by a flag), one attempt
for a retry or a swept delivery.

A broker or cache hiccup after commit is logged, never raised into the caller: the outbox rows are
committed, and the sweeper (`sweepers.py`) queues whatever was not.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger("apps.webhooks")

# A queued or running drain holds its endpoint's flag at most this long.
DRAIN_FLAG_SECONDS = 60


def redispatch_after() -> timedelta:
    """How long a due delivery's queued task may stay unstarted before the sweeper queues another."""
    return timedelta(seconds=getattr(settings, "WEBHOOKS_REDISPATCH_AFTER_SECONDS", 60))


def queue_delivery(workspace_id: str, delivery_id: str, countdown: float | None = None) -> None:
    from .tasks import deliver_webhook

    args = (workspace_id, delivery_id)
    if in_worker():
        # Inside a worker, a retry or a swept delivery always goes through the broker, even under
        # settings that run tasks eagerly: running it inline would skip its countdown.
        deliver_webhook.app.send_task(deliver_webhook.name, args=args, countdown=countdown)
    elif countdown:
        deliver_webhook.apply_async(args, countdown=countdown)
    else:
        deliver_webhook.delay(*args)


def in_worker() -> bool:
    from celery import current_task

    return bool(current_task) and bool(current_task.request.id) and not current_task.request.is_eager


def queue_drain(workspace_id: str, endpoint_id: str) -> None:
    from .tasks import drain_webhook_endpoint

    args = (workspace_id, endpoint_id)
    if in_worker():
        drain_webhook_endpoint.app.send_task(drain_webhook_endpoint.name, args=args)
    else:
        drain_webhook_endpoint.delay(*args)


def drain_flag(endpoint_id: str) -> str:
    return f"webhooks:drain:{endpoint_id}"


def request_drain(workspace_id: str, endpoint_id: str) -> None:
    """Queue a drain of the endpoint unless one is already queued or running (it will see our rows)."""
    if cache.add(drain_flag(endpoint_id), 1, timeout=DRAIN_FLAG_SECONDS):
        try:
            queue_drain(workspace_id, endpoint_id)
        except Exception:
            cache.delete(drain_flag(endpoint_id))
            raise


def queue_deliveries_after_commit(workspace_id: str, endpoint_ids: list[str]) -> None:
    """On commit, ask for a drain of each endpoint that got a delivery. A broker or cache hiccup is
    logged, never raised into the caller: the rows are committed, and the sweeper queues them."""

    def queue_all() -> None:
        for endpoint_id in endpoint_ids:
            try:
                request_drain(workspace_id, endpoint_id)
            except Exception:  # noqa: BLE001 - the outbox row survives; the sweeper retries it
                logger.exception("could not queue webhook deliveries for %s", endpoint_id)

    transaction.on_commit(queue_all)
