"""Delivering outbox rows: claim, send, record the outcome; a drain per endpoint, or one attempt.

After a commit, a *drain* task per endpoint sends that endpoint's due deliveries in order, in batches
(`queueing.request_drain`); retries and deliveries found by the sweeper go through `attempt_delivery`
one by one.

No transaction and no row lock is held while a receiver is being called (a receiver may take 15 s):
1. **claim**, in one short transaction: `SELECT … FOR UPDATE SKIP LOCKED` picks due, unclaimed rows and
   marks them claimed (`claimed_at`, `claimed_by` = our database session's pid, `claimed_until` = a
   lease), then commits (`claims.py`);
2. **POST**, outside any transaction (`sending.py`);
3. **record** the outcome in another short transaction, fenced by `claimed_at`: if our claim lapsed
   and another worker took the row over, or the row was failed or erased meanwhile, we write nothing.
   What the outcome does (success, retry, failure, disabling the endpoint) is `outcomes.py`.

A claim lapses when the claimant's database session is gone (the worker died: PostgreSQL notices the
closed socket at once, and `pg_stat_activity` no longer lists its pid) or when its lease runs out (a
worker stuck with a live session). A lapsed claim is due again: the sweeper (`sweepers.py`) queues it,
another worker sends it with the same `webhook-id`. Delivery is therefore at-least-once, never lost.

Elsewhere: the endpoint's disabling and the admins' e-mail (`disabling.py`), the retention of events
(`retention.py`), the attempt log (`attempts.py`).
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from leadiosa.tenancy import current_workspace_id

from . import claims, network, queueing
from .attempts import attempt_row, log_attempts
from .models import WebhookDelivery, WebhookEndpoint
from .outcomes import SUCCESS_FIELDS, finish, record_attempt
from .sending import live_secrets, send

# A drain takes up to this many deliveries per transaction, and hands over after this long.
DRAIN_BATCH = 50
DRAIN_BUDGET_SECONDS = 10.0
DRAIN_LINGER_SECONDS = 0.02
# A claim outlives the longest the claimant can take to record its outcome by this much.
CLAIM_MARGIN_SECONDS = 30.0

Status = WebhookDelivery.Status


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
    outcome = send(endpoint, delivery.event, live_secrets(endpoint, now))
    return _record(delivery, endpoint, claim, outcome)


def _record(delivery: WebhookDelivery, endpoint: WebhookEndpoint, claim, outcome) -> str | None:
    """Record one attempt's outcome in its own short transaction (if the claim is still ours)."""
    with transaction.atomic():
        claims.relax_commit_durability()
        locked = claims.fenced(delivery, claim)
        if locked is None:
            return None
        log_attempts([attempt_row(locked, outcome, timezone.now())])
        record_attempt(locked, endpoint, *outcome)
        if locked.status == Status.SUCCEEDED:
            locked.save(update_fields=SUCCESS_FIELDS)
        return locked.status


def _fail_for_disabled_endpoint(rows: list[WebhookDelivery], claim, now) -> None:
    with transaction.atomic():
        for delivery in rows:
            locked = claims.fenced(delivery, claim)
            if locked is not None:
                finish(locked, Status.FAILED, now, error="endpoint disabled", count_attempt=False)


def drain_endpoint(
    endpoint_id: str, *, batch: int = DRAIN_BATCH, budget: float = DRAIN_BUDGET_SECONDS
) -> int:
    """Deliver an endpoint's due deliveries in order, a batch per claim: one claim, sequential POSTs
    over one keep-alive connection (no transaction open), one statement for the successes. Returns
    how many were attempted. After `budget` seconds it queues another drain and returns, so one busy
    endpoint does not hold a worker for long.

    Producers queue a drain only when they can set the endpoint's drain flag (`queueing.request_drain`); the drain
    clears the flag when it finds nothing left, then looks once more, so a delivery committed in
    between is never stranded.
    """
    deadline = time.monotonic() + budget
    attempted = 0
    flag_cleared = False
    # In a worker, wait a moment for more rows before giving up: a burst of commits then costs one
    # drain instead of one task each (in-process, eager runs never wait).
    linger = DRAIN_LINGER_SECONDS if queueing.in_worker() else 0.0
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
                cache.delete(queueing.drain_flag(endpoint_id))
                flag_cleared = True
                continue  # look once more: a delivery may have committed before the flag went
            lingered = False
            attempted += count
            if time.monotonic() > deadline:
                queueing.queue_drain(current_workspace_id(), endpoint_id)
                return attempted
    except BaseException:
        cache.delete(queueing.drain_flag(endpoint_id))  # let the next commit queue a drain again
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
        status_code, retry_after, error = outcome = send(endpoint, delivery.event, secrets_)
        if status_code is not None and 200 <= status_code < 300:
            record_attempt(delivery, endpoint, status_code, retry_after, error)  # sets fields only
            delivery.logged_outcome = outcome  # the attempt log row goes with the successes' statement
            succeeded.append(delivery)
            continue
        _save_successes(succeeded, claim)  # first: a 410 below fails every pending row it finds
        succeeded = []
        _record(delivery, endpoint, claim, outcome)
        if endpoint.status != WebhookEndpoint.Status.ENABLED:
            # Disabled by this answer: disabling.disable already failed the rest of our batch.
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
        claims.relax_commit_durability()
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
