"""Deleting deliveries while a worker records the outcome of one of them: the contact's erasure or the
endpoint's deletion waits for the worker's commit and deletes the attempt log the worker wrote, never a
500 (seen once in CI: the erasure deleted the log rows before the worker's commit, then the delivery
after it, and its commit failed on the log's foreign key)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from apps.webhooks.delivery import drain_endpoint
from apps.webhooks.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent
from leadiosa.tenancy import with_workspace
from tests.conftest import hold_then_wait_on_it

from .factories import make_endpoint

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("local_delivery"),
]


@pytest.mark.parametrize("deleting", ["the contact", "the endpoint"])
def test_a_delete_waiting_on_a_worker_recording_an_outcome_takes_its_attempt_log(admin, receiver, deleting):
    endpoint, _ = make_endpoint(admin.workspace, url=receiver.url, events=["contact.created"])
    created = admin.api.post("contacts", {"email": "ada@example.com", "name": "Ada"})
    assert created.status_code == 201
    contact_id = created.json()["id"]
    recorded, release = threading.Event(), threading.Event()
    erased = {}

    def deliver():  # the worker's drain, its outcome written and not yet committed
        try:
            with with_workspace(admin.workspace.id), transaction.atomic():
                assert drain_endpoint(endpoint.id) == 1
                assert WebhookDeliveryAttempt.objects.filter(delivery__endpoint=endpoint).count() == 1
                recorded.set()
                release.wait(20)
        finally:
            connections.close_all()

    def erase():
        try:
            path = f"contacts/{contact_id}" if deleting == "the contact" else f"webhooks/{endpoint.id}"
            erased["response"] = admin.api.delete(path)
        except Exception as error:  # noqa: BLE001 - the test client re-raises a 500's exception
            erased["error"] = error
        finally:
            connections.close_all()

    waited = hold_then_wait_on_it(deliver, recorded, release, erase)
    assert waited, "the delete should wait on the worker's lock"

    assert receiver.wait_for(1)
    assert "error" not in erased, erased.get("error")
    assert erased["response"].status_code == 204, erased["response"].content
    assert not WebhookDelivery.all_workspaces.filter(endpoint=endpoint).exists()
    assert not WebhookDeliveryAttempt.all_workspaces.filter(workspace=admin.workspace).exists()
    if deleting == "the contact":
        assert not WebhookEvent.all_workspaces.filter(contact_id=contact_id).exists()
    else:
        assert not WebhookEndpoint.all_workspaces.filter(pk=endpoint.pk).exists()
