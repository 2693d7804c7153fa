"""Disabling an endpoint that keeps failing: its failure run, the disabling itself, the admins' e-mail.

An endpoint is disabled when it answers 410 Gone, or when every delivery to it failed for
`outcomes.DISABLE_AFTER_FAILING_FOR` (a run that starts at the first failure and ends with a success).
Disabling fails its other pending deliveries, emits `webhook.disabled` (audited, and itself a webhook
event for the other endpoints), and e-mails the workspace's admins and owners after commit.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from leadiosa.context import SYSTEM, acting_as
from leadiosa.events import emit

from . import claims
from .models import WebhookDelivery, WebhookEndpoint
from .sending import endpoint_host

logger = logging.getLogger("apps.webhooks")

Status = WebhookDelivery.Status


def mark_failing(endpoint: WebhookEndpoint, now):
    """Start the endpoint's failure run if none is running; return when the run started."""
    if endpoint.failing_since is None:
        updated = WebhookEndpoint.objects.filter(id=endpoint.id, failing_since__isnull=True).update(
            failing_since=now
        )
        if updated:
            endpoint.failing_since = now
        else:
            endpoint.failing_since = (
                WebhookEndpoint.objects.filter(id=endpoint.id).values_list("failing_since", flat=True).first()
                or now
            )
    return endpoint.failing_since


def disable(endpoint: WebhookEndpoint, reason: str) -> None:
    """Disable the endpoint, fail its other pending deliveries, audit it, and e-mail the admins."""
    now = timezone.now()
    updated = WebhookEndpoint.objects.filter(id=endpoint.id, status=WebhookEndpoint.Status.ENABLED).update(
        status=WebhookEndpoint.Status.DISABLED, disabled_at=now, disabled_reason=reason[:200], updated_at=now
    )
    endpoint.status = WebhookEndpoint.Status.DISABLED
    if not updated:
        return  # another worker disabled it first
    # Rows another worker is attempting right now are skipped: it records its answer, and a retry it
    # schedules finds the endpoint disabled and fails then. Our own claimed rows fail here.
    pending = list(
        WebhookDelivery.objects.select_for_update(skip_locked=True)
        .filter(endpoint_id=endpoint.id, status=Status.PENDING)
        .extra(where=[claims.UNCLAIMED_OR_OURS])  # noqa: S610
        .values_list("id", flat=True)
    )
    WebhookDelivery.objects.filter(id__in=pending).update(
        status=Status.FAILED,
        next_attempt_at=None,
        dispatched_at=None,
        last_error="endpoint disabled",
        **claims.CLEARED,
    )
    with acting_as(SYSTEM):
        emit(
            "webhook.disabled",
            workspace_id=endpoint.workspace_id,
            resource_type="webhook",
            resource_id=endpoint.id,
            changes=["status"],
            reason=reason,
        )
    workspace_id, endpoint_id, host = endpoint.workspace_id, endpoint.id, endpoint_host(endpoint.url)
    logger.warning(
        "webhook endpoint disabled", extra={"endpoint_id": endpoint_id, "host": host, "reason": reason}
    )
    transaction.on_commit(lambda: notify_admins_of_disabled_endpoint(workspace_id, endpoint_id, host, reason))


def notify_admins_of_disabled_endpoint(workspace_id: str, endpoint_id: str, host: str, reason: str) -> None:
    from apps.workspaces.models import Member, Role

    recipients = sorted(
        set(
            Member.objects.for_workspace(workspace_id)
            .filter(role__in=[Role.ADMIN, Role.OWNER])
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return
    send_mail(
        subject=f"Webhook endpoint {endpoint_id} was disabled",
        message=(
            # The host only: the URL can carry a credential, and development prints e-mails to the log.
            f"Leadiosa disabled the webhook endpoint {endpoint_id} (at {host}).\n\n"
            f"Reason: {reason}\n\n"
            "No more events will be sent to it. Fix the receiver, then create the endpoint again "
            "(POST /api/v1/webhooks) to resume deliveries."
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )
