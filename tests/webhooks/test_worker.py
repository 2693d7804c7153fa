"""End to end with a real Celery worker process (Redis broker) and a real HTTP receiver on 127.0.0.1.

Every delivery is verified with the Standard Webhooks reference library.
"""

import time

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from apps.webhooks.models import WebhookDelivery, WebhookEvent

from .helpers import emit_contact_event
from .receiver import Answer

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("local_delivery"),
]


def _wait_for_status(delivery_id: str, status: str, timeout: float = 15.0) -> WebhookDelivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = WebhookDelivery.all_workspaces.get(id=delivery_id)
        if delivery.status == status:
            return delivery
        time.sleep(0.05)
    raise AssertionError(f"{delivery_id} is {delivery.status}, expected {status}")


def test_worker_delivers_verified_events_including_during_a_rotation(admin, receiver, start_worker):
    start_worker()
    created = admin.api.post("webhooks", {"url": receiver.url, "events": ["*"]}).json()

    # A real API call produces a delivery.
    contact = admin.api.post("contacts", {"email": "ada@example.com", "name": "Ada Lovelace"}).json()
    [first] = receiver.wait_for(1)
    payload = Webhook(created["secret"]).verify(first.body, first.headers)
    assert payload["type"] == "contact.created"
    assert payload["data"]["object"] == contact
    assert payload["workspace_id"] == admin.workspace.id

    # A rolled-back change sends nothing: the committed event after it arrives alone.
    with pytest.raises(RuntimeError), transaction.atomic():
        emit_contact_event(admin.workspace.id, name="Rolled Back")
        raise RuntimeError("rollback")
    emit_contact_event(admin.workspace.id, name="Committed")
    second = receiver.wait_for(2)[1]
    assert (
        Webhook(created["secret"]).verify(second.body, second.headers)["data"]["object"]["name"]
        == "Committed"
    )

    # During a rotation both secrets verify.
    rotated = admin.api.post(f"webhooks/{created['id']}/rotate-secret").json()
    admin.api.patch(f"contacts/{contact['id']}", {"name": "Ada King"})
    admin.api.post(f"webhooks/{created['id']}/test")
    third, fourth = receiver.wait_for(4)[2:]
    for request in (third, fourth):
        Webhook(created["secret"]).verify(request.body, request.headers)
        Webhook(rotated["secret"]).verify(request.body, request.headers)
    assert Webhook(rotated["secret"]).verify(third.body, third.headers)["data"]["previous_attributes"] == {
        "name": "Ada Lovelace"
    }
    assert Webhook(rotated["secret"]).verify(fourth.body, fourth.headers)["type"] == "webhook.test"

    time.sleep(0.3)
    assert len(receiver.requests) == 4
    assert "Rolled Back" not in "".join(r.body for r in receiver.requests)
    assert WebhookEvent.all_workspaces.count() == 4
    deliveries = admin.api.get(f"webhooks/{created['id']}/deliveries").json()["data"]
    for delivery in deliveries:
        _wait_for_status(delivery["id"], "succeeded")
    assert len(deliveries) == 4


def test_worker_retries_a_500_and_delivers_once_with_the_same_webhook_id(workspace, receiver, start_worker):
    from .factories import make_endpoint

    start_worker()
    receiver.script.append(Answer(status=500))
    _endpoint, secret = make_endpoint(workspace, url=receiver.url)
    emit_contact_event(workspace.id)
    failed, delivered = receiver.wait_for(2, timeout=20)
    assert failed.headers["webhook-id"] == delivered.headers["webhook-id"]
    assert delivered.at - failed.at >= 4.5  # the first retry waits 5 s
    Webhook(secret).verify(delivered.body, delivered.headers)
    delivery = _wait_for_status(WebhookDelivery.all_workspaces.get().id, "succeeded")
    assert (delivery.attempts, delivery.response_status) == (2, 200)
    time.sleep(0.3)
    assert len(receiver.requests) == 2
