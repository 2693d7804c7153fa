"""A worker killed in the middle of a delivery loses nothing: another worker delivers the event."""

import threading
import time

import pytest
from standardwebhooks import Webhook

from apps.webhooks.models import WebhookDelivery
from apps.webhooks.sweepers import sweep_due_deliveries

from .factories import make_endpoint
from .helpers import emit_contact_event
from .receiver import Answer

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("local_delivery"),
]


def test_a_worker_killed_mid_delivery_is_replaced_and_the_event_delivered(
    workspace, receiver, start_worker, settings
):
    settings.WEBHOOKS_REDISPATCH_AFTER_SECONDS = 0
    release = threading.Event()
    receiver.script.append(Answer(hold=release))
    _endpoint, secret = make_endpoint(workspace, url=receiver.url)

    doomed = start_worker("doomed")
    emit_contact_event(workspace.id)
    [interrupted] = receiver.wait_for(1)  # the worker is now waiting for the answer, row locked
    doomed.kill()
    release.set()
    delivery = WebhookDelivery.all_workspaces.get()
    assert (delivery.status, delivery.attempts) == ("pending", 0)  # its transaction died with it

    start_worker("rescuer")
    deadline = time.monotonic() + 10
    while sweep_due_deliveries() == 0:  # the dead worker's lock goes when PostgreSQL sees it gone
        assert time.monotonic() < deadline, "the sweeper never found the abandoned delivery"
        time.sleep(0.1)
    _, redelivered = receiver.wait_for(2)
    assert redelivered.headers["webhook-id"] == interrupted.headers["webhook-id"]
    Webhook(secret).verify(redelivered.body, redelivered.headers)
    deadline = time.monotonic() + 10
    while WebhookDelivery.all_workspaces.get().status != "succeeded":
        assert time.monotonic() < deadline
        time.sleep(0.05)
