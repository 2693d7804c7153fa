from celery import shared_task

from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

from .delivery import attempt_delivery, drain_endpoint
from .retention import purge_expired_events
from .sweepers import sweep_due_deliveries


@shared_task(acks_late=True, ignore_result=True)
def deliver_webhook(workspace_id: str, delivery_id: str) -> str | None:
    """One delivery attempt (queued for a retry, and by the sweeper)."""
    with with_workspace(workspace_id), acting_as(SYSTEM):
        return attempt_delivery(delivery_id)


@shared_task(acks_late=True, ignore_result=True)
def drain_webhook_endpoint(workspace_id: str, endpoint_id: str) -> int:
    """Deliver an endpoint's due deliveries in order, in batches (queued after commit)."""
    with with_workspace(workspace_id), acting_as(SYSTEM):
        return drain_endpoint(endpoint_id)


@shared_task(ignore_result=True)
def sweep_webhook_deliveries() -> int:
    """Beat: queue due retries and deliveries whose worker died (see sweepers.sweep_due_deliveries),
    and forget events past their retention."""
    queued = sweep_due_deliveries()
    purge_expired_events()
    return queued
