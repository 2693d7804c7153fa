"""Dashboard-driven webhook writes: create with the API's checks, edit an endpoint (events, description, enable/disable — enabling
also re-enables an endpoint the system disabled after failures) and redeliver one event now."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from leadiosa.errors import Conflict, InvalidInput
from leadiosa.events import WEBHOOK_EVENT_TYPES, emit

from . import network
from .models import WebhookDelivery, WebhookEndpoint
from .queueing import queue_delivery
from .services import webhook_create

Status = WebhookEndpoint.Status


def validate_events(events: list[str]) -> list[str]:
    if not events:
        raise InvalidInput("validation_error", "Pick at least one event.", param="events")
    for index, name in enumerate(events):
        if name != "*" and name not in WEBHOOK_EVENT_TYPES:
            raise InvalidInput(
                "validation_error", f"'{name}' is not an event of the catalogue.", param=f"events.{index}"
            )
    if "*" in events and len(set(events)) > 1:  # ["*", "*"] is "*", as in the create serializer
        raise InvalidInput(
            "validation_error", '"*" subscribes to every event: send it alone.', param="events"
        )
    return list(dict.fromkeys(events))


def webhook_create_checked(
    *, url: str, events: list[str], description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """`webhook_create` with the checks the API's input serializer makes (a safe URL, catalogue events),
    for doors with no serializer (the dashboard). Returns the endpoint and its secret, shown once."""
    try:
        network.validate_endpoint_url(url)
    except network.UnsafeWebhookUrl as exc:
        raise InvalidInput("invalid_webhook_url", str(exc), param="url") from None
    return webhook_create(url=url, events=validate_events(events), description=description or "")


@transaction.atomic
def webhook_update(
    *,
    endpoint: WebhookEndpoint,
    events: list[str] | None = None,
    description: str | None = None,
    status: str | None = None,
) -> WebhookEndpoint:
    """Change what was given. `status="enabled"` clears a system disable (and its failure run);
    `status="disabled"` stops deliveries: pending ones fail when their attempt comes."""
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    previous, changed = {}, []
    if events is not None:
        events = validate_events(events)
        if events != locked.events:
            previous["events"], locked.events = locked.events, events
            changed.append("events")
    if description is not None and description != locked.description:
        if len(description) > 500:
            raise InvalidInput("validation_error", "At most 500 characters.", param="description")
        previous["description"], locked.description = locked.description, description
        changed.append("description")
    if status is not None and status != locked.status:
        if status not in Status.values:
            raise InvalidInput("validation_error", "Choose enabled or disabled.", param="status")
        previous["status"], locked.status = locked.status, status
        changed.append("status")
        if status == Status.ENABLED:
            locked.failing_since = None
            locked.disabled_at = None
            locked.disabled_reason = ""
        else:
            locked.disabled_at = timezone.now()
            locked.disabled_reason = "Disabled by a member."
    if not changed:
        return locked
    locked.save()
    emit(
        "webhook.enabled" if changed == ["status"] and status == Status.ENABLED else "webhook.updated",
        workspace_id=locked.workspace_id,
        resource_type="webhook",
        resource_id=locked.id,
        changes=changed,
    )
    return locked


@transaction.atomic
def delivery_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Deliver this event to its endpoint again now (same `webhook-id`), whatever its outcome so far.
    Refused while an attempt is under way or when the endpoint is disabled."""
    locked = WebhookDelivery.objects.select_for_update().select_related("endpoint").get(pk=delivery.pk)
    if locked.endpoint.status != Status.ENABLED:
        raise Conflict("webhook_disabled", "This endpoint is disabled: enable it before redelivering.")
    now = timezone.now()
    if locked.claimed_until is not None and locked.claimed_until > now:
        raise Conflict("delivery_in_progress", "An attempt is under way right now; try again in a moment.")
    locked.status = WebhookDelivery.Status.PENDING
    locked.next_attempt_at = now
    locked.dispatched_at = now
    locked.last_error = ""
    locked.save(update_fields=["status", "next_attempt_at", "dispatched_at", "last_error"])
    emit(
        "webhook.delivery_retried",
        workspace_id=locked.workspace_id,
        resource_type="webhook",
        resource_id=locked.endpoint_id,
        changes=["status"],
        delivery_id=locked.id,
    )
    workspace_id, delivery_id = locked.workspace_id, locked.id
    transaction.on_commit(lambda: queue_delivery(workspace_id, delivery_id))
    return locked
