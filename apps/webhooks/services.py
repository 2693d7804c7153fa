"""Every write to webhook endpoints: create, delete, rotate the secret, send a test event."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from leadiosa.errors import Conflict
from leadiosa.events import emit
from leadiosa.ids import new_id
from leadiosa.tenancy import current_workspace_id

from . import claims
from .models import WebhookDelivery, WebhookEndpoint
from .secrets import encrypt_secret, generate_secret

PREVIOUS_SECRET_LIFETIME = timedelta(hours=24)


def webhook_create(*, url: str, events: list[str], description: str = "") -> tuple[WebhookEndpoint, str]:
    """Create an endpoint; returns it with the plaintext secret (the only time it is available)."""
    secret = generate_secret()
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            workspace_id=current_workspace_id(),
            url=url,
            events=events,
            description=description,
            secret_encrypted=encrypt_secret(secret),
        )
        emit(
            "webhook.created",
            workspace_id=endpoint.workspace_id,
            resource_type="webhook",
            resource_id=endpoint.id,
            changes=["url", "events", "description"] if description else ["url", "events"],
        )
    return endpoint, secret


def webhook_delete(*, endpoint: WebhookEndpoint) -> None:
    """Delete the endpoint; its pending deliveries and delivery log go with it."""
    with transaction.atomic():
        emit(
            "webhook.deleted",
            workspace_id=endpoint.workspace_id,
            resource_type="webhook",
            resource_id=endpoint.id,
        )
        claims.lock_before_delete(WebhookDelivery.objects.filter(endpoint=endpoint))
        endpoint.delete()  # with its deliveries and their attempt log


def webhook_rotate_secret(*, endpoint: WebhookEndpoint) -> str:
    """A new secret; the current one keeps signing alongside it for 24 hours. Returns the new plaintext."""
    secret = generate_secret()
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(id=endpoint.id)
        locked.previous_secret_encrypted = locked.secret_encrypted
        locked.previous_secret_expires_at = timezone.now() + PREVIOUS_SECRET_LIFETIME
        locked.secret_encrypted = encrypt_secret(secret)
        locked.save(
            update_fields=[
                "previous_secret_encrypted",
                "previous_secret_expires_at",
                "secret_encrypted",
                "updated_at",
            ]
        )
        emit(
            "webhook.secret_rotated",
            workspace_id=endpoint.workspace_id,
            resource_type="webhook",
            resource_id=endpoint.id,
            changes=["secret"],
        )
    endpoint.refresh_from_db()
    return secret


def webhook_send_test(*, endpoint: WebhookEndpoint, data: dict) -> WebhookDelivery:
    """Queue a `webhook.test` event to this one endpoint; returns its delivery."""
    if endpoint.status != WebhookEndpoint.Status.ENABLED:
        raise Conflict("webhook_disabled", "This webhook endpoint is disabled; create a new one to resume.")
    event_id = new_id("evt")
    with transaction.atomic():
        emit(
            "webhook.test",
            workspace_id=endpoint.workspace_id,
            resource_type="webhook",
            resource_id=endpoint.id,
            data=data,
            webhook_id=endpoint.id,
            webhook_event_id=event_id,
        )
    return WebhookDelivery.objects.get(endpoint_id=endpoint.id, event_id=event_id)
