"""Beat sweeper: queue due deliveries nobody is attempting.

A long retry (past `outcomes.COUNTDOWN_RETRY_MAX_SECONDS`) is never queued with a countdown; a task
can be lost with a dead worker or a broker hiccup after commit; a claim lapses with its worker. The
sweeper finds these rows across every workspace and queues one attempt each (`tasks.deliver_webhook`).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import claims
from .models import WebhookDelivery
from .queueing import queue_delivery, redispatch_after

logger = logging.getLogger("apps.webhooks")

SWEEP_BATCH = 500

Status = WebhookDelivery.Status


def _queue_each(due: list[tuple[str, str]]) -> None:
    for workspace_id, delivery_id in due:
        try:
            queue_delivery(workspace_id, delivery_id)
        except Exception:  # noqa: BLE001 - still due: the next sweep tries again
            logger.exception("could not queue webhook delivery %s", delivery_id)


def sweep_due_deliveries(now=None, limit: int = SWEEP_BATCH) -> int:
    """Queue due deliveries whose task was never queued (long retries) or got lost (a dead worker).

    Rows a live worker has claimed are skipped; rows queued recently are left to their task.
    """
    now = now or timezone.now()
    stale = now - redispatch_after()
    with transaction.atomic():
        due = list(
            WebhookDelivery.all_workspaces.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lte=now)
            .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=stale))
            .extra(where=[claims.UNCLAIMED])  # noqa: S610 - fixed SQL, no user input
            .order_by("next_attempt_at")
            .values_list("workspace_id", "id")[:limit]
        )
        if due:
            WebhookDelivery.all_workspaces.filter(id__in=[d[1] for d in due]).update(dispatched_at=now)
            transaction.on_commit(lambda: _queue_each(due))
    return len(due)
