"""Delivering one outbox row: sign, POST, record the outcome, schedule the retry.

A delivery attempt holds the delivery's row lock (`SELECT … FOR UPDATE SKIP LOCKED`) for the length of
the HTTP call, so no two workers ever attempt it at once, and a worker that dies mid-call releases the
lock with its connection: the sweeper finds the row still pending and queues it again. Delivery is
therefore at-least-once, always with the same `webhook-id`.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import httpx
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from leadiosa.context import SYSTEM, acting_as
from leadiosa.events import emit

from . import network
from .models import WebhookDelivery, WebhookEndpoint
from .secrets import decrypt_secret, sign

logger = logging.getLogger("apps.webhooks")

# Seconds to wait after the 1st, 2nd, … failed attempt (CONTRACT §2): 10 attempts over ~3 days.
RETRY_DELAYS = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
DISABLE_AFTER_FAILING_FOR = timedelta(days=5)
# Retries due this soon are queued with a countdown; later ones are left to the sweeper, because the
# Redis broker redelivers an unacknowledged ETA task after its visibility timeout (1 h).
COUNTDOWN_RETRY_MAX_SECONDS = 600
MAX_RETRY_AFTER_SECONDS = 86400
SWEEP_BATCH = 500
USER_AGENT = "Leadiosa-Webhooks/1"

Status = WebhookDelivery.Status


def redispatch_after() -> timedelta:
    """How long a due delivery's queued task may stay unstarted before the sweeper queues another."""
    return timedelta(seconds=getattr(settings, "WEBHOOKS_REDISPATCH_AFTER_SECONDS", 60))


def queue_delivery(workspace_id: str, delivery_id: str, countdown: float | None = None) -> None:
    from celery import current_task

    from .tasks import deliver_webhook

    args = (workspace_id, delivery_id)
    if current_task and current_task.request.id and not current_task.request.is_eager:
        # Inside a worker, a retry or a swept delivery always goes through the broker, even under
        # settings that run tasks eagerly: running it inline would skip its countdown.
        deliver_webhook.app.send_task(deliver_webhook.name, args=args, countdown=countdown)
    elif countdown:
        deliver_webhook.apply_async(args, countdown=countdown)
    else:
        deliver_webhook.delay(*args)


def queue_deliveries_after_commit(workspace_id: str, delivery_ids: list[str]) -> None:
    """On commit, queue each delivery; a broker hiccup is logged, never raised into the caller: the rows
    are committed and the sweeper queues them again."""

    def queue_all() -> None:
        for delivery_id in delivery_ids:
            try:
                queue_delivery(workspace_id, delivery_id)
            except Exception:  # noqa: BLE001 - the outbox row survives; the sweeper retries it
                logger.exception("could not queue webhook delivery %s", delivery_id)

    transaction.on_commit(queue_all)


def live_secrets(endpoint: WebhookEndpoint, now) -> list[str]:
    secrets_ = [decrypt_secret(endpoint.secret_encrypted)]
    if endpoint.previous_secret_encrypted and (
        endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now
    ):
        secrets_.append(decrypt_secret(endpoint.previous_secret_encrypted))
    return secrets_


def _relax_commit_durability() -> None:
    """This transaction only records an attempt's outcome. If the server crashed before the record
    reached disk, the delivery would still be pending and be sent again with the same webhook-id, which
    at-least-once delivery allows; so it need not wait for the WAL flush (the outbox rows themselves are
    written durably, in the emitting transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")


def attempt_delivery(delivery_id: str) -> str | None:
    """Make one attempt at a pending, due delivery nobody else is attempting. Returns its new status."""
    with transaction.atomic():
        _relax_commit_durability()
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint", "event")
            .filter(id=delivery_id, status=Status.PENDING)
            .first()
        )
        if delivery is None:
            return None  # done, gone, or being attempted by another worker right now
        now = timezone.now()
        if delivery.next_attempt_at and delivery.next_attempt_at > now + timedelta(seconds=1):
            return None  # a stale task: the retry is not due yet
        endpoint = delivery.endpoint
        if endpoint.status != WebhookEndpoint.Status.ENABLED:
            _finish(delivery, Status.FAILED, now, error="endpoint disabled", count_attempt=False)
            return delivery.status

        event = delivery.event
        timestamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            "webhook-id": event.id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(live_secrets(endpoint, now), event.id, timestamp, event.body),
        }
        status_code, retry_after, error = None, None, ""
        try:
            outcome = network.post(endpoint.url, headers=headers, body=event.body.encode())
            status_code, retry_after = outcome.status, outcome.retry_after
        except network.UnsafeWebhookUrl as exc:
            error = f"refused: {exc}"
        except network.ResolutionFailed:
            error = "DNS resolution failed"
        except httpx.TimeoutException:
            error = "timed out"
        except httpx.HTTPError as exc:
            error = f"connection failed ({type(exc).__name__})"
        now = timezone.now()
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.response_status = status_code

        if status_code is not None and 200 <= status_code < 300:
            _finish(delivery, Status.SUCCEEDED, now)
            if endpoint.failing_since is not None:
                WebhookEndpoint.objects.filter(id=endpoint.id, failing_since__isnull=False).update(
                    failing_since=None
                )
            return delivery.status

        if status_code is not None:
            error = f"HTTP {status_code}"
        if status_code == 410:
            _finish(delivery, Status.FAILED, now, error=error)
            _disable(endpoint, "The endpoint answered 410 Gone.")
            return delivery.status

        failing_since = _mark_failing(endpoint, now)
        if now - failing_since >= DISABLE_AFTER_FAILING_FOR:
            _finish(delivery, Status.FAILED, now, error=error)
            _disable(endpoint, "Every delivery failed for 5 days.")
            return delivery.status
        if delivery.attempts > len(RETRY_DELAYS):
            _finish(delivery, Status.FAILED, now, error=error)
            return delivery.status

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
            ]
        )
        return delivery.status


def _finish(delivery: WebhookDelivery, status: str, now, *, error: str = "", count_attempt=True) -> None:
    delivery.status = status
    delivery.next_attempt_at = None
    delivery.dispatched_at = None
    delivery.last_error = error[:200]
    fields = ["status", "next_attempt_at", "dispatched_at", "last_error"]
    if count_attempt:
        fields += ["attempts", "last_attempt_at", "response_status"]
    delivery.save(update_fields=fields)


def _mark_failing(endpoint: WebhookEndpoint, now):
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


def _disable(endpoint: WebhookEndpoint, reason: str) -> None:
    """Disable the endpoint, fail its other pending deliveries, audit it, and e-mail the admins."""
    now = timezone.now()
    updated = WebhookEndpoint.objects.filter(id=endpoint.id, status=WebhookEndpoint.Status.ENABLED).update(
        status=WebhookEndpoint.Status.DISABLED, disabled_at=now, disabled_reason=reason[:200], updated_at=now
    )
    if not updated:
        return  # another worker disabled it first
    # Rows another worker is attempting right now are skipped; that worker fails them itself.
    pending = list(
        WebhookDelivery.objects.select_for_update(skip_locked=True)
        .filter(endpoint_id=endpoint.id, status=Status.PENDING)
        .values_list("id", flat=True)
    )
    WebhookDelivery.objects.filter(id__in=pending).update(
        status=Status.FAILED, next_attempt_at=None, dispatched_at=None, last_error="endpoint disabled"
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
    workspace_id, endpoint_id, url = endpoint.workspace_id, endpoint.id, endpoint.url
    transaction.on_commit(lambda: notify_admins_of_disabled_endpoint(workspace_id, endpoint_id, url, reason))


def notify_admins_of_disabled_endpoint(workspace_id: str, endpoint_id: str, url: str, reason: str) -> None:
    from apps.workspaces.models import Member, Role

    recipients = sorted(
        set(
            Member.all_workspaces.filter(workspace_id=workspace_id, role__in=[Role.ADMIN, Role.OWNER])
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return
    send_mail(
        subject=f"Webhook endpoint {endpoint_id} was disabled",
        message=(
            f"Leadiosa disabled the webhook endpoint {endpoint_id} ({url}).\n\n"
            f"Reason: {reason}\n\n"
            "No more events will be sent to it. Fix the receiver, then create the endpoint again "
            "(POST /api/v1/webhooks) to resume deliveries."
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )


def sweep_due_deliveries(now=None, limit: int = SWEEP_BATCH) -> int:
    """Queue due deliveries whose task was never queued (long retries) or got lost (a dead worker).

    Rows a worker is attempting are locked and skipped; rows queued recently are left to their task.
    """
    now = now or timezone.now()
    stale = now - redispatch_after()
    with transaction.atomic():
        due = list(
            WebhookDelivery.all_workspaces.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lte=now)
            .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=stale))
            .order_by("next_attempt_at")
            .values_list("workspace_id", "id")[:limit]
        )
        if due:
            WebhookDelivery.all_workspaces.filter(id__in=[d[1] for d in due]).update(dispatched_at=now)
            for workspace_id in {ws for ws, _ in due}:
                queue_deliveries_after_commit(workspace_id, [d for ws, d in due if ws == workspace_id])
    return len(due)
