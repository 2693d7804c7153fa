from celery import shared_task

from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


@shared_task
def email_send(workspace_id: str, record_id: int) -> int | None:
    """Send one reply by e-mail; a failed attempt schedules the next one (delivery.RETRY_DELAYS)."""
    from .delivery import email_deliver

    with with_workspace(workspace_id), acting_as(SYSTEM):
        delay = email_deliver(workspace_id=workspace_id, record_id=record_id)
    if delay is not None:
        email_send.apply_async((workspace_id, record_id), countdown=delay)
    return record_id


@shared_task(ignore_result=True)
def sweep_pending_emails() -> int:
    """Beat: queue again the replies whose send task was lost (delivery.sweep_pending_emails)."""
    from .delivery import sweep_pending_emails as sweep

    with acting_as(SYSTEM):
        return sweep()
