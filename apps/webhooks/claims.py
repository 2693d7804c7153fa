"""Claims: which worker is attempting a delivery right now, without a transaction or row lock held.

A worker claims due rows in one short transaction (`SELECT … FOR UPDATE SKIP LOCKED`, then marks them
with `claimed_at`, `claimed_by` = its database session's pid, and a lease `claimed_until`), commits,
calls the receivers with no transaction open, and records each outcome in another short transaction
*fenced* by `claimed_at`: when the claim is no longer its own, it writes nothing.

A claim lapses when the claimant's session is gone (a dead worker: PostgreSQL drops the session as soon
as the socket closes, and `pg_stat_activity` no longer lists it) or when the lease runs out (a worker
stuck with a live session). Everything here compares timestamps on the database's clock.
"""

from __future__ import annotations

from django.db import connection, transaction

from .models import WebhookDelivery

Status = WebhookDelivery.Status
TABLE = WebhookDelivery._meta.db_table
# A row nobody holds: never claimed, its lease is over, or its claimant's database session is gone.
# The backend_start check keeps a recycled pid from passing for the dead claimant; a role that may not
# see another login's backend_start (NULL to it) still sees the pid, and then counts on the lease.
UNCLAIMED = f"""(
    "{TABLE}".claimed_until IS NULL
    OR "{TABLE}".claimed_until < statement_timestamp()
    OR NOT EXISTS (
        SELECT 1 FROM pg_stat_activity AS claimant
        WHERE claimant.pid = "{TABLE}".claimed_by
          AND (claimant.backend_start IS NULL OR claimant.backend_start <= "{TABLE}".claimed_at)
    )
)"""  # noqa: S608 - the table name only
# Unclaimed, or claimed by this very session (a worker failing its own batch).
UNCLAIMED_OR_OURS = f'({UNCLAIMED} OR "{TABLE}".claimed_by = pg_backend_pid())'
CLEARED = {"claimed_at": None, "claimed_by": None, "claimed_until": None}
CLAIM_FIELDS = list(CLEARED)


def relax_commit_durability() -> None:
    """This transaction only claims deliveries or records an attempt's outcome. If the server crashed
    before its commit reached disk, the delivery would still be pending and unclaimed, and be sent
    again with the same webhook-id, which at-least-once delivery allows; so it need not wait for the
    WAL flush (PostgreSQL's per-transaction `synchronous_commit`). Its rows are visible to other
    sessions at commit all the same. The outbox rows themselves are written durably, in the emitting
    transaction, and so is every API write: only the worker's bookkeeping skips the wait, which leaves
    the disk's flushes to the commits that need them."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")


def claim(*, workspace_id: str, where: str, params: list, limit: int, lease: float):
    """Claim up to `limit` pending rows matching `where`, oldest first, in one short transaction.
    Returns (the claim's timestamp, the rows in order); the timestamp fences every later write."""
    with transaction.atomic(), connection.cursor() as cursor:
        relax_commit_durability()
        cursor.execute(
            f"""WITH picked AS MATERIALIZED (
                    SELECT id FROM "{TABLE}"
                    WHERE workspace_id = %s AND status = %s AND {where} AND {UNCLAIMED}
                    ORDER BY created_at, id
                    LIMIT %s
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE "{TABLE}" AS d
                SET claimed_at = statement_timestamp(), claimed_by = pg_backend_pid(),
                    claimed_until = statement_timestamp() + make_interval(secs => %s)
                FROM picked WHERE d.id = picked.id
                RETURNING d.id, d.claimed_at""",  # noqa: S608 - only the table name and fixed SQL are interpolated
            [workspace_id, Status.PENDING, *params, limit, lease],
        )
        claimed = cursor.fetchall()
    if not claimed:
        return None, []
    rows = list(
        WebhookDelivery.objects.select_related("endpoint", "event")
        .filter(workspace_id=workspace_id, id__in=[row[0] for row in claimed])
        .order_by("created_at", "id")
    )
    return claimed[0][1], rows


def fenced(delivery: WebhookDelivery, claimed_at):
    """Our claimed row, locked for the caller's (short) transaction; None when the claim is no longer
    ours, or the row was finished, failed or erased in the meantime."""
    return (
        WebhookDelivery.objects.select_for_update()
        .filter(id=delivery.id, claimed_at=claimed_at, status=Status.PENDING)
        .first()
    )


def release(rows: list[WebhookDelivery], claimed_at) -> None:
    """Give back claimed rows we did not get to: still pending and due, the next drain takes them."""
    if rows:
        WebhookDelivery.objects.filter(id__in=[row.id for row in rows], claimed_at=claimed_at).update(
            **CLEARED
        )


def lock_before_delete(deliveries) -> None:
    """Lock deliveries about to be deleted, before anything of theirs is: a worker recording an outcome
    holds its rows while it inserts their attempt log, so the caller waits for that commit, and its
    delete of the log (which runs before the deliveries') then sees those rows too. Deleted before the
    wait, they would be missed, and the caller's commit would fail on the log's foreign key."""
    list(deliveries.select_for_update().values_list("id", flat=True))
