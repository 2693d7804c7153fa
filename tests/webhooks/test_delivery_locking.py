"""A slow receiver holds no database lock and blocks nobody: not other endpoints, not a second worker,
not the API (CONTRACT §2 webhooks; issue 10 §6).

Two real Celery workers, two real receivers on 127.0.0.1: one answers at once, the other holds its
first answer until the test lets it go (a receiver taking as long as it likes, up to the 15 s timeout).
While that call is in flight, the test looks at PostgreSQL from its own connection: the delivery row
can be locked with NOWAIT, the worker's session holds no lock on the table and is not inside a
transaction, and the API can erase the very contact whose payload is being delivered.
"""

import threading
import time
from datetime import UTC

import pytest
from django.db import connection, transaction

from apps.webhooks.models import WebhookDelivery

from .factories import make_endpoint
from .receiver import Answer, Receiver

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("local_delivery"),
]


@pytest.fixture
def slow_receiver():
    server = Receiver().start()
    yield server
    server.stop()


def _in_flight(endpoint_id: str, timeout: float = 15.0) -> WebhookDelivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = WebhookDelivery.all_workspaces.filter(endpoint_id=endpoint_id, claimed_by__isnull=False).first()
        if row is not None:
            return row
        time.sleep(0.05)
    raise AssertionError("no claimed delivery")


def test_a_slow_receiver_holds_no_lock_and_blocks_no_other_endpoint_worker_or_api_call(
    admin, receiver, slow_receiver, start_worker
):
    release = threading.Event()
    slow_receiver.script.append(Answer(hold=release))
    slow, _ = make_endpoint(admin.workspace, url=slow_receiver.url)
    fast, _ = make_endpoint(admin.workspace, url=receiver.url)
    start_worker("a")
    start_worker("b")
    try:
        created = admin.api.post("contacts", {"email": "ada@example.com"})
        assert created.status_code == 201
        slow_receiver.wait_for(1)  # a worker is now waiting for the slow answer
        receiver.wait_for(1)  # the other endpoint got the same event meanwhile
        claimed = _in_flight(slow.id)
        assert claimed.claimed_until is not None

        # No row lock: another session locks the in-flight row at once.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f'SELECT id FROM "{WebhookDelivery._meta.db_table}" WHERE endpoint_id = %s FOR UPDATE NOWAIT',  # noqa: S608
                [slow.id],
            )
            assert cursor.fetchall() == [(claimed.id,)]
        # The claimant's session holds no lock on the table and no open transaction.
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                   WHERE l.pid = %s AND c.relname LIKE 'webhooks_%%'""",
                [claimed.claimed_by],
            )
            assert cursor.fetchone() == (0,)
            cursor.execute(
                "SELECT state, xact_start FROM pg_stat_activity WHERE pid = %s", [claimed.claimed_by]
            )
            assert cursor.fetchone() == ("idle", None)

        # The other endpoint keeps receiving, from the other worker, while the slow call is in flight.
        assert admin.api.post("contacts", {"email": "grace@example.com"}).status_code == 201
        assert [r.body for r in receiver.wait_for(2)][1].count("grace@example.com") == 1
        # The API can even erase the contact whose payload is being delivered right now.
        assert admin.api.delete(f"contacts/{created.json()['id']}").status_code == 204
        erased = receiver.wait_for(3)[2]
        assert '"type":"contact.erased"' in erased.body
        assert len(slow_receiver.requests) == 1  # still the one held call
        assert not release.is_set()
    finally:
        release.set()

    # The held call ends; its record finds the row erased and writes nothing. The slow endpoint's
    # backlog then goes out in order, and nothing is left claimed.
    later = slow_receiver.wait_for(3)
    assert "grace@example.com" in later[1].body and '"type":"contact.erased"' in later[2].body
    deadline = time.monotonic() + 15
    while WebhookDelivery.all_workspaces.filter(endpoint_id=slow.id, status="pending").exists():
        assert time.monotonic() < deadline, "the slow endpoint's backlog was not delivered"
        time.sleep(0.05)
    rows = WebhookDelivery.all_workspaces.filter(endpoint__in=[slow, fast])
    assert {row.status for row in rows} == {"succeeded"}
    assert not rows.filter(claimed_at__isnull=False).exists()


# Claims without worker processes: who may take a claimed row, and when.


def _claimed_delivery(workspace, url, **claim):
    from datetime import timedelta

    from django.utils import timezone

    from apps.webhooks.models import WebhookEvent

    endpoint, _ = make_endpoint(workspace, url=url)
    event = WebhookEvent.all_workspaces.create(workspace=workspace, type="webhook.test", body="{}")
    now = timezone.now()
    return WebhookDelivery.all_workspaces.create(
        workspace=workspace,
        endpoint=endpoint,
        event=event,
        event_type=event.type,
        next_attempt_at=now - timedelta(seconds=1),
        dispatched_at=now - timedelta(minutes=5),
        **claim,
    )


def _our_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _attempt(delivery):
    from apps.webhooks.delivery import attempt_delivery
    from leadiosa.tenancy import with_workspace

    with with_workspace(delivery.workspace_id):
        return attempt_delivery(delivery.id)


@pytest.mark.django_db
def test_a_claim_of_a_live_session_is_left_alone_until_its_lease_ends(workspace, receiver, settings):
    from datetime import timedelta

    from django.utils import timezone

    from apps.webhooks.sweepers import sweep_due_deliveries

    settings.WEBHOOKS_REDISPATCH_AFTER_SECONDS = 0
    now = timezone.now()
    delivery = _claimed_delivery(
        workspace,
        receiver.url,
        claimed_by=_our_pid(),
        claimed_at=now,
        claimed_until=now + timedelta(minutes=1),
    )
    assert sweep_due_deliveries() == 0
    assert _attempt(delivery) is None
    assert receiver.requests == []

    WebhookDelivery.all_workspaces.filter(id=delivery.id).update(claimed_until=now - timedelta(seconds=1))
    assert _attempt(delivery) == "succeeded"  # a stuck claimant's lease ran out: taken over
    assert len(receiver.requests) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("dead", ["no_such_session", "pid_recycled_since"])
def test_a_claim_whose_session_is_gone_lapses_at_once(workspace, receiver, settings, dead):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from apps.webhooks.sweepers import sweep_due_deliveries

    settings.WEBHOOKS_REDISPATCH_AFTER_SECONDS = 0
    now = timezone.now()
    if dead == "no_such_session":
        claim = {"claimed_by": 2**31 - 1, "claimed_at": now}  # above any pid_max
    else:  # a live session has the pid now, but it started after the claim was made
        claim = {"claimed_by": _our_pid(), "claimed_at": datetime(2000, 1, 1, tzinfo=UTC)}
    delivery = _claimed_delivery(workspace, receiver.url, claimed_until=now + timedelta(hours=1), **claim)
    assert sweep_due_deliveries() == 1
    assert _attempt(delivery) == "succeeded"
    delivery.refresh_from_db()
    assert (delivery.claimed_by, delivery.claimed_at, delivery.claimed_until) == (None, None, None)


@pytest.mark.django_db
def test_an_outcome_is_not_recorded_over_a_claim_taken_over_meanwhile(workspace, receiver):
    from datetime import timedelta

    from apps.webhooks import claims
    from apps.webhooks import delivery as module
    from leadiosa.tenancy import with_workspace

    row = _claimed_delivery(workspace, receiver.url)
    with with_workspace(workspace.id):
        claim, [claimed] = claims.claim(
            workspace_id=workspace.id, where="id = %s", params=[row.id], limit=1, lease=60
        )
        # Our lease lapsed and another worker claimed the row (a later claim timestamp).
        WebhookDelivery.all_workspaces.filter(id=row.id).update(claimed_at=claim + timedelta(seconds=90))
        assert module._record(claimed, claimed.endpoint, claim, (500, None, "")) is None
    row.refresh_from_db()
    assert (row.status, row.attempts, row.claimed_at) == ("pending", 0, claim + timedelta(seconds=90))


# pg_stat_activity is read once per transaction: each sweep must run in a transaction of its own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_claim_stays_held_for_a_role_that_cannot_see_the_claimants_session_details(
    workspace, receiver, settings
):
    """The runtime role sees another login's pid in pg_stat_activity but not its backend_start: the
    claim of a live session of another login must still count as held (not be stolen)."""
    from datetime import timedelta

    import psycopg
    from django.utils import timezone

    from apps.webhooks.sweepers import sweep_due_deliveries
    from leadiosa.db_roles import runtime_role

    settings.WEBHOOKS_REDISPATCH_AFTER_SECONDS = 0
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        other_pid = other.info.backend_pid
        now = timezone.now()
        _claimed_delivery(
            workspace,
            receiver.url,
            claimed_by=other_pid,
            claimed_at=now,
            claimed_until=now + timedelta(minutes=1),
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{runtime_role()}"')
            cursor.execute("SELECT backend_start FROM pg_stat_activity WHERE pid = %s", [other_pid])
            assert cursor.fetchone() == (None,)  # what this role sees of the claimant
            assert sweep_due_deliveries() == 0
    # The claimant's session is gone now (once PostgreSQL has reaped it): the claim lapses.
    deadline = time.monotonic() + 10
    while sweep_due_deliveries() == 0:
        assert time.monotonic() < deadline, "the dead session's claim never lapsed"
        time.sleep(0.05)
