"""Beat sweeper: forget webhook events (and their delivery records) past their retention.

`WEBHOOKS_RETENTION_DAYS` (default 30). The Events API already hides older events (`views_events.py`);
this deletes them, a batch per run, across every workspace.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookDelivery, WebhookEvent


def purge_expired_events(now=None, limit: int = 1000) -> int:
    """Forget events (and their delivery records) older than WEBHOOKS_RETENTION_DAYS (default 30);
    the last retry is due about three days after an event, so none of them is still pending."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=getattr(settings, "WEBHOOKS_RETENTION_DAYS", 30))
    ids = list(
        WebhookEvent.all_workspaces.filter(created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("id", flat=True)[:limit]
    )
    if ids:
        with transaction.atomic():
            WebhookDelivery.all_workspaces.filter(event_id__in=ids).delete()
            WebhookEvent.all_workspaces.filter(id__in=ids).delete()
    return len(ids)
