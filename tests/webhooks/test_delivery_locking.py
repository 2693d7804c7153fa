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
