"""Delivering outbox rows: claim, sign, POST, record the outcome, schedule the retry.

After a commit, a *drain* task per endpoint sends that endpoint's due deliveries in order, in batches;
retries and deliveries found by the sweeper go through `attempt_delivery` one by one.

No transaction and no row lock is held while a receiver is being called (a receiver may take 15 s):
1. **claim**, in one short transaction: `SELECT … FOR UPDATE SKIP LOCKED` picks due, unclaimed rows and
   marks them claimed (`claimed_at`, `claimed_by` = our database session's pid, `claimed_until` = a
   lease), then commits;
2. **POST**, outside any transaction;
3. **record** the outcome in another short transaction, fenced by `claimed_at`: if our claim lapsed
   and another worker took the row over, or the row was failed or erased meanwhile, we write nothing.

A claim lapses when the claimant's database session is gone (the worker died: PostgreSQL notices the
closed socket at once, and `pg_stat_activity` no longer lists its pid) or when its lease runs out (a
worker stuck with a live session). A lapsed claim is due again: the sweeper queues it, another worker
sends it with the same `webhook-id`. Delivery is therefore at-least-once, never lost.

Logs name an endpoint by its id and host, never its URL: URLs can carry credentials.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from leadiosa.context import SYSTEM, acting_as
from leadiosa.events import emit
from leadiosa.tenancy import current_workspace_id

from . import claims, network
from .attempts import SendOutcome, attempt_row, log_attempts
from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .secrets import decrypt_secret, reencrypt_secret, sign

logger = logging.getLogger("apps.webhooks")

# Seconds to wait after the 1st, 2nd, … failed attempt (CONTRACT §2): 10 attempts over ~3 days.
RETRY_DELAYS = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
DISABLE_AFTER_FAILING_FOR = timedelta(days=5)
# Retries due this soon are queued with a countdown; later ones are left to the sweeper, because the
# Redis broker redelivers an unacknowledged ETA task after its visibility timeout (1 h).
COUNTDOWN_RETRY_MAX_SECONDS = 600
MAX_RETRY_AFTER_SECONDS = 86400
SWEEP_BATCH = 500
# A drain takes up to this many deliveries per transaction, and hands over after this long.
DRAIN_BATCH = 50
DRAIN_BUDGET_SECONDS = 10.0
DRAIN_FLAG_SECONDS = 60
DRAIN_LINGER_SECONDS = 0.02
USER_AGENT = "Leadiosa-Webhooks/1"
# A claim outlives the longest the claimant can take to record its outcome by this much.
CLAIM_MARGIN_SECONDS = 30.0

Status = WebhookDelivery.Status


def redispatch_after() -> timedelta:
    """How long a due delivery's queued task may stay unstarted before the sweeper queues another."""
    return timedelta(seconds=getattr(settings, "WEBHOOKS_REDISPATCH_AFTER_SECONDS", 60))


def queue_delivery(workspace_id: str, delivery_id: str, countdown: float | None = None) -> None:
    from .tasks import deliver_webhook

    args = (workspace_id, delivery_id)
    if _in_worker():
        # Inside a worker, a retry or a swept delivery always goes through the broker, even under
        # settings that run tasks eagerly: running it inline would skip its countdown.
        deliver_webhook.app.send_task(deliver_webhook.name, args=args, countdown=countdown)
    elif countdown:
        deliver_webhook.apply_async(args, countdown=countdown)
    else:
        deliver_webhook.delay(*args)


def _in_worker() -> bool:
    from celery import current_task

    return bool(current_task) and bool(current_task.request.id) and not current_task.request.is_eager


def _queue_drain(workspace_id: str, endpoint_id: str) -> None:
    from .tasks import drain_webhook_endpoint

    args = (workspace_id, endpoint_id)
    if _in_worker():
        drain_webhook_endpoint.app.send_task(drain_webhook_endpoint.name, args=args)
    else:
        drain_webhook_endpoint.delay(*args)


def _drain_flag(endpoint_id: str) -> str:
    return f"webhooks:drain:{endpoint_id}"


def request_drain(workspace_id: str, endpoint_id: str) -> None:
    """Queue a drain of the endpoint unless one is already queued or running (it will see our rows)."""
    if cache.add(_drain_flag(endpoint_id), 1, timeout=DRAIN_FLAG_SECONDS):
        try:
            _queue_drain(workspace_id, endpoint_id)
        except Exception:
            cache.delete(_drain_flag(endpoint_id))
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


def endpoint_host(url: str) -> str:
    """What logs may say about an endpoint's URL: its host (the path and query can carry tokens)."""
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


def live_secrets(endpoint: WebhookEndpoint, now) -> list[str]:
    secrets_ = [decrypt_secret(endpoint.secret_encrypted)]
    if endpoint.previous_secret_encrypted and (
        endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now
    ):
        secrets_.append(decrypt_secret(endpoint.previous_secret_encrypted))
    _reseal_secrets(endpoint)
    return secrets_


def _reseal_secrets(endpoint: WebhookEndpoint) -> None:
    """After a SECRET_KEY rotation, store the endpoint's secrets sealed under the current key the first
    time they are used, so the old key can be retired. Conditional on the stored values being the ones
    read: a concurrent rotation of the secret wins."""
    current = reencrypt_secret(endpoint.secret_encrypted)
    previous = reencrypt_secret(endpoint.previous_secret_encrypted)
    if (current, previous) == (endpoint.secret_encrypted, endpoint.previous_secret_encrypted):
        return
    WebhookEndpoint.objects.filter(
        id=endpoint.id,
        secret_encrypted=endpoint.secret_encrypted,
        previous_secret_encrypted=endpoint.previous_secret_encrypted,
    ).update(secret_encrypted=current, previous_secret_encrypted=previous)
    endpoint.secret_encrypted, endpoint.previous_secret_encrypted = current, previous


def _relax_commit_durability() -> None:
    """This transaction only records an attempt's outcome. If the server crashed before the record
    reached disk, the delivery would still be pending and be sent again with the same webhook-id, which
    at-least-once delivery allows; so it need not wait for the WAL flush (the outbox rows themselves are
    written durably, in the emitting transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")


def _lease(budget: float) -> float:
    return budget + network.TIMEOUT_SECONDS + CLAIM_MARGIN_SECONDS


def attempt_delivery(delivery_id: str) -> str | None:
    """Make one attempt at a pending, due delivery nobody else is attempting. Returns its new status."""
    now = timezone.now()
    claim, rows = claims.claim(
        workspace_id=current_workspace_id(),
        # A task earlier than the retry it was queued for (a stale duplicate) finds nothing.
        where="id = %s AND next_attempt_at <= %s",
        params=[delivery_id, now + timedelta(seconds=1)],
        limit=1,
        lease=_lease(0),
    )
    if not rows:
        return None  # done, gone, not due, or being attempted by another worker right now
    [delivery] = rows
    endpoint = delivery.endpoint
    if endpoint.status != WebhookEndpoint.Status.ENABLED:
        _fail_for_disabled_endpoint(rows, claim, now)
        return Status.FAILED
    outcome = _send(endpoint, delivery.event, live_secrets(endpoint, now))
    return _record(delivery, endpoint, claim, outcome)


def _record(delivery: WebhookDelivery, endpoint: WebhookEndpoint, claim, outcome) -> str | None:
    """Record one attempt's outcome in its own short transaction (if the claim is still ours)."""
    with transaction.atomic():
        _relax_commit_durability()
        locked = claims.fenced(delivery, claim)
        if locked is None:
            return None
        log_attempts([attempt_row(locked, outcome, timezone.now())])
        _record_attempt(locked, endpoint, *outcome)
        if locked.status == Status.SUCCEEDED:
            locked.save(update_fields=SUCCESS_FIELDS)
        return locked.status


def _fail_for_disabled_endpoint(rows: list[WebhookDelivery], claim, now) -> None:
    with transaction.atomic():
        for delivery in rows:
            locked = claims.fenced(delivery, claim)
            if locked is not None:
                _finish(locked, Status.FAILED, now, error="endpoint disabled", count_attempt=False)


def drain_endpoint(
    endpoint_id: str, *, batch: int = DRAIN_BATCH, budget: float = DRAIN_BUDGET_SECONDS
) -> int:
    """Deliver an endpoint's due deliveries in order, a batch per claim: one claim, sequential POSTs
    over one keep-alive connection (no transaction open), one statement for the successes. Returns
    how many were attempted. After `budget` seconds it queues another drain and returns, so one busy
    endpoint does not hold a worker for long.

    Producers queue a drain only when they can set the endpoint's drain flag (`request_drain`); the drain
    clears the flag when it finds nothing left, then looks once more, so a delivery committed in
    between is never stranded.
    """
    deadline = time.monotonic() + budget
    attempted = 0
    flag_cleared = False
    # In a worker, wait a moment for more rows before giving up: a burst of commits then costs one
    # drain instead of one task each (in-process, eager runs never wait).
    linger = DRAIN_LINGER_SECONDS if _in_worker() else 0.0
    lingered = False
    try:
        while True:
            count = _drain_batch(endpoint_id, batch, deadline, budget)
            if count == 0:
                if linger and not lingered:
                    lingered = True
                    time.sleep(linger)
                    continue
                if flag_cleared:
                    return attempted
                cache.delete(_drain_flag(endpoint_id))
                flag_cleared = True
                continue  # look once more: a delivery may have committed before the flag went
            lingered = False
            attempted += count
            if time.monotonic() > deadline:
                _queue_drain(current_workspace_id(), endpoint_id)
                return attempted
    except BaseException:
        cache.delete(_drain_flag(endpoint_id))  # let the next commit queue a drain again
        raise


def _drain_batch(endpoint_id: str, batch: int, deadline: float, budget: float) -> int:
    now = timezone.now()
    claim, rows = claims.claim(
        workspace_id=current_workspace_id(),
        where="endpoint_id = %s AND next_attempt_at <= %s",
        params=[endpoint_id, now],
        limit=batch,
        lease=_lease(budget),
    )
    if not rows:
        return 0
    endpoint = rows[0].endpoint
    if endpoint.status != WebhookEndpoint.Status.ENABLED:
        _fail_for_disabled_endpoint(rows, claim, now)
        return len(rows)
    secrets_ = live_secrets(endpoint, now)
    succeeded: list[WebhookDelivery] = []
    attempted = 0
    for index, delivery in enumerate(rows):
        if attempted and time.monotonic() > deadline:
            claims.release(rows[index:], claim)  # still pending and due: the next drain takes them, in order
            break
        attempted += 1
        status_code, retry_after, error = outcome = _send(endpoint, delivery.event, secrets_)
        if status_code is not None and 200 <= status_code < 300:
            _record_attempt(delivery, endpoint, status_code, retry_after, error)  # sets fields only
            delivery.logged_outcome = outcome  # the attempt log row goes with the successes' statement
            succeeded.append(delivery)
            continue
        _save_successes(succeeded, claim)  # first: a 410 below fails every pending row it finds
        succeeded = []
        _record(delivery, endpoint, claim, outcome)
        if endpoint.status != WebhookEndpoint.Status.ENABLED:
            # Disabled by this answer: _disable already failed the rest of our batch.
            claims.release(rows[index + 1 :], claim)
            break
    _save_successes(succeeded, claim)
    return attempted


def _save_successes(rows: list[WebhookDelivery], claim) -> None:
    """Record a batch's successes in one statement, fenced by our claim (Django's bulk_update builds
    a CASE per field and row, which cost more CPU than the POSTs themselves)."""
    if not rows:
        return
    values = ", ".join(["(%s, %s::integer, %s::timestamptz, %s::integer)"] * len(rows))
    params: list = []
    for row in rows:
        params += [row.id, row.attempts, row.last_attempt_at, row.response_status]
    with transaction.atomic():
        _relax_commit_durability()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""UPDATE "{claims.TABLE}" AS d SET status = %s, attempts = v.attempts, last_attempt_at = v.at,
                    response_status = v.code, next_attempt_at = NULL, dispatched_at = NULL, last_error = '',
                    claimed_at = NULL, claimed_by = NULL, claimed_until = NULL
                    FROM (VALUES {values}) AS v(id, attempts, at, code)
                    WHERE d.id = v.id AND d.workspace_id = %s AND d.claimed_at = %s AND d.status = %s
                    RETURNING d.id""",  # noqa: S608 - only placeholders are interpolated
                [Status.SUCCEEDED, *params, rows[0].workspace_id, claim, Status.PENDING],
            )
            recorded = {row_id for (row_id,) in cursor.fetchall()}
        # The attempt log, for the rows still ours (an erased or taken-over row logs nothing).
        log_attempts([attempt_row(r, r.logged_outcome, r.last_attempt_at) for r in rows if r.id in recorded])


def _send(endpoint: WebhookEndpoint, event, secrets_: list[str]) -> SendOutcome:
    """One signed POST. Returns (status code or None, Retry-After seconds or None, error text), which
    also carries the answer's headers, body head and duration for the attempt log."""
    started = time.monotonic()
    outcome = _post(endpoint, event, secrets_)
    return SendOutcome(
        *outcome[:3],
        headers=outcome[3] if len(outcome) > 3 else (),
        body=outcome[4] if len(outcome) > 4 else b"",
        duration_ms=round((time.monotonic() - started) * 1000),
    )


def _post(endpoint: WebhookEndpoint, event, secrets_: list[str]) -> tuple:
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": event.id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secrets_, event.id, timestamp, event.body),
        # Which endpoint this is for: two endpoints on one URL get the same webhook-id, each signed with
        # its own secret (docs/webhooks.md).
        "webhook-endpoint-id": endpoint.id,
    }
    try:
        outcome = network.post(endpoint.url, headers=headers, body=event.body.encode())
    except network.UnsafeWebhookUrl as exc:
        return None, None, f"refused: {exc}"
    except network.ResolutionFailed:
        return None, None, "DNS resolution failed"
    except httpx.TimeoutException:
        return None, None, "timed out"
    except httpx.HTTPError as exc:
        return None, None, f"connection failed ({type(exc).__name__})"
    except Exception as exc:  # noqa: BLE001 - one odd receiver must not crash (and replay) a whole batch
        logger.warning(
            "webhook delivery failed unexpectedly",
            extra={"endpoint_id": endpoint.id, "host": endpoint_host(endpoint.url), "event_id": event.id},
            exc_info=True,
        )
        return None, None, f"delivery error ({type(exc).__name__})"
    return outcome.status, outcome.retry_after, "", outcome.headers, outcome.body


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


def _record_attempt(delivery, endpoint, status_code, retry_after, error) -> None:
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
        _finish(delivery, Status.FAILED, now, error=error)
        _disable(endpoint, "The endpoint answered 410 Gone.")
        return

    failing_since = _mark_failing(endpoint, now)
    if now - failing_since >= DISABLE_AFTER_FAILING_FOR:
        _finish(delivery, Status.FAILED, now, error=error)
        _disable(endpoint, "Every delivery failed for 5 days.")
        return
    if delivery.attempts > len(RETRY_DELAYS):
        _finish(delivery, Status.FAILED, now, error=error)
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


def _finish(delivery: WebhookDelivery, status: str, now, *, error: str = "", count_attempt=True) -> None:
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
