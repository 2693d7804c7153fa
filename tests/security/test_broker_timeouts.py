"""A dead broker at commit does not hang the request (issue 15's resilience leftover).

The change is committed before anything is sent to the broker, and what could not be sent is picked up
later (the webhook outbox's sweeper queues deliveries that were never queued). So a broker that does not
answer — here a socket that accepts connections and never says a word, the worst case: no error, just
silence — must cost the request a bounded few seconds, not the rest of its life. Without socket timeouts
the Redis client waits on that socket forever.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from apps.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What a request may spend on a broker that does not answer (the transport options allow about 3 s:
# a 1 s connect timeout, a 2 s socket timeout, one publish retry). Generous for a loaded machine.
BOUND_SECONDS = 15


@pytest.fixture
def silent_broker():
    """The Celery app publishes to a Redis address that accepts TCP connections and never answers."""
    from config.celery import app

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)  # the kernel completes handshakes into the backlog; nobody ever reads
    before = app.conf.broker_url

    def reset_pools():
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.broker_url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    reset_pools()
    try:
        yield
    finally:
        listener.close()  # a request still stuck on it (the failure case) gets its connection reset
        app.conf.broker_url = before
        reset_pools()


@pytest.mark.usefixtures("silent_broker")
def test_a_silent_broker_at_commit_does_not_hang_the_request_and_the_change_is_kept(admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    created = admin.api.post("webhooks", {"url": "http://127.0.0.1:9/hook", "events": ["contact.created"]})
    assert created.status_code == 201

    answer: dict = {}

    def request() -> None:
        answer["response"] = admin.api.post("contacts", {"email": "ada@example.com"})

    started = time.monotonic()
    worker = threading.Thread(target=request, daemon=True)
    worker.start()
    worker.join(BOUND_SECONDS)
    elapsed = time.monotonic() - started
    assert not worker.is_alive(), f"the request still waits on the broker after {elapsed:.0f} s"
    print(f"request answered in {elapsed:.1f} s with a silent broker")
    assert answer["response"].status_code == 201, answer["response"].content
    # Committed with its outbox row: the sweeper queues it once the broker is back.
    delivery = WebhookDelivery.all_workspaces.get(endpoint_id=created.json()["id"])
    assert delivery.status == "pending"
