"""The outbox sink: event and delivery rows written in the caller's transaction, queued after commit."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from apps.webhooks.models import WebhookDelivery, WebhookEvent
from apps.webhooks.sweepers import sweep_due_deliveries
from leadiosa.events import emit, erase_contact_data
from leadiosa.tenancy import with_workspace

from .factories import make_endpoint
from .helpers import emit_contact_event

pytestmark = pytest.mark.django_db


def test_an_event_reaches_every_enabled_subscribed_endpoint_and_no_other(workspace, other_workspace):
    everything, _ = make_endpoint(workspace, events=["*"])
    contacts, _ = make_endpoint(workspace, events=["contact.updated", "contact.created"])
    make_endpoint(workspace, events=["message.created"])
    make_endpoint(workspace, events=["*"], status="disabled")
    make_endpoint(other_workspace, events=["*"])

    emit_contact_event(workspace.id, previous={"name": "Ada"})

    event = WebhookEvent.all_workspaces.get()
    assert event.workspace_id == workspace.id
    assert event.type == "contact.updated"
    assert event.contact_id == "ct_0000000000000000000001"
    deliveries = WebhookDelivery.all_workspaces.all()
    assert {d.endpoint_id for d in deliveries} == {everything.id, contacts.id}
    assert all(d.event_id == event.id and d.status == "pending" and d.attempts == 0 for d in deliveries)


def test_the_body_is_the_resource_with_previous_attributes(workspace):
    make_endpoint(workspace)
    emitted = emit_contact_event(workspace.id, previous={"name": "Ada"})
    event = WebhookEvent.all_workspaces.get()
    body = json.loads(event.body)
    assert body == {
        "id": event.id,
        "type": "contact.updated",
        "created_at": body["created_at"],
        "workspace_id": workspace.id,
        "data": {"object": emitted.data, "previous_attributes": {"name": "Ada"}},
    }
    assert event.id.startswith("evt_")
    assert body["created_at"].endswith("Z") and len(body["created_at"]) == 24


def test_without_previous_attributes_the_key_is_omitted(workspace):
    make_endpoint(workspace)
    emit_contact_event(workspace.id, event_type="contact.created")
    assert "previous_attributes" not in json.loads(WebhookEvent.all_workspaces.get().body)["data"]


def test_no_subscriber_stores_the_event_for_get_events_but_no_delivery(workspace):
    make_endpoint(workspace, events=["message.created"])
    emit_contact_event(workspace.id)  # nobody subscribes to contact.updated
    assert WebhookEvent.all_workspaces.get().type == "contact.updated"
    assert not WebhookDelivery.all_workspaces.exists()


def test_no_endpoint_no_payload_or_no_catalogue_event_stores_nothing(workspace):
    emit_contact_event(workspace.id)  # no endpoint at all
    make_endpoint(workspace, events=["*"])
    with with_workspace(workspace.id):
        emit("contact.updated", workspace_id=workspace.id, resource_type="contact", resource_id="ct_1")
        emit(
            "webhook.created", workspace_id=workspace.id, resource_type="webhook", resource_id="wh_1", data={}
        )
    assert not WebhookEvent.all_workspaces.exists()
    assert not WebhookDelivery.all_workspaces.exists()


def test_a_rolled_back_change_leaves_no_row_and_queues_nothing(workspace, django_capture_on_commit_callbacks):
    make_endpoint(workspace)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        emit_contact_event(workspace.id)
        raise RuntimeError("the service failed after emitting")
    assert callbacks == []
    assert not WebhookEvent.all_workspaces.exists()
    assert not WebhookDelivery.all_workspaces.exists()


def test_a_committed_change_queues_its_deliveries_after_commit(workspace, django_capture_on_commit_callbacks):
    make_endpoint(workspace)
    make_endpoint(workspace)
    with django_capture_on_commit_callbacks() as callbacks:
        emit_contact_event(workspace.id)
    # One callback queues the event's two deliveries (other sinks, like the dashboard's, queue their own).
    queued = [cb for cb in callbacks if cb.__qualname__.startswith("queue_deliveries_after_commit")]
    assert len(queued) == 1


def test_a_test_event_goes_only_to_its_endpoint(workspace):
    target, _ = make_endpoint(workspace, events=["message.created"])
    make_endpoint(workspace, events=["*"])
    with with_workspace(workspace.id):
        emit(
            "webhook.test",
            workspace_id=workspace.id,
            resource_type="webhook",
            resource_id=target.id,
            data={"id": target.id},
            webhook_id=target.id,
        )
    assert [d.endpoint_id for d in WebhookDelivery.all_workspaces.all()] == [target.id]


def test_erasure_deletes_every_payload_and_delivery_carrying_the_contact(workspace, other_workspace):
    endpoint, _ = make_endpoint(workspace)
    make_endpoint(other_workspace)
    erased, kept = "ct_0000000000000000000001", "ct_0000000000000000000002"
    emit_contact_event(workspace.id, contact_id=erased, event_type="contact.created")
    emit_contact_event(workspace.id, contact_id=erased)
    emit_contact_event(workspace.id, contact_id=kept, name="Grace Hopper")
    emit_contact_event(other_workspace.id, contact_id=erased)  # same id string, another tenant
    assert WebhookDelivery.all_workspaces.filter(workspace=workspace).count() == 3

    with with_workspace(workspace.id), transaction.atomic():
        erase_contact_data(workspace_id=workspace.id, contact_id=erased)
        emit(
            "contact.erased",
            workspace_id=workspace.id,
            resource_type="contact",
            resource_id=erased,
            data={"id": erased},
            contact_id=erased,
        )

    remaining = WebhookEvent.all_workspaces.filter(workspace=workspace)
    assert sorted(e.type for e in remaining) == ["contact.erased", "contact.updated"]
    assert "Ada Lovelace" not in "".join(e.body for e in remaining)
    assert json.loads(remaining.get(type="contact.erased").body)["data"]["object"] == {"id": erased}
    assert WebhookDelivery.all_workspaces.filter(workspace=workspace).count() == 2
    assert WebhookDelivery.all_workspaces.filter(endpoint=endpoint, event__contact_id=erased).count() == 0
    assert WebhookEvent.all_workspaces.filter(workspace=other_workspace, contact_id=erased).count() == 1


def _delivery(workspace, **fields):
    endpoint, _ = make_endpoint(workspace)
    event = WebhookEvent.all_workspaces.create(workspace=workspace, type="webhook.test", body="{}")
    return WebhookDelivery.all_workspaces.create(
        workspace=workspace, endpoint=endpoint, event=event, event_type=event.type, **fields
    )


def test_the_sweeper_queues_due_deliveries_that_no_task_holds(
    workspace, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_REDISPATCH_AFTER_SECONDS = 60
    now = timezone.now()
    never_queued = _delivery(workspace, next_attempt_at=now - timedelta(seconds=1))
    lost = _delivery(
        workspace, next_attempt_at=now - timedelta(minutes=5), dispatched_at=now - timedelta(minutes=2)
    )
    queued_recently = _delivery(workspace, next_attempt_at=now, dispatched_at=now - timedelta(seconds=10))
    not_due = _delivery(workspace, next_attempt_at=now + timedelta(hours=2))
    done = _delivery(workspace, status="succeeded", next_attempt_at=None)

    with django_capture_on_commit_callbacks() as callbacks:
        assert sweep_due_deliveries(now=now) == 2
    assert len(callbacks) == 1
    for row in (never_queued, lost, queued_recently, not_due, done):
        row.refresh_from_db()
    assert never_queued.dispatched_at == now and lost.dispatched_at == now
    assert queued_recently.dispatched_at == now - timedelta(seconds=10)
    assert not_due.dispatched_at is None and done.dispatched_at is None
    with django_capture_on_commit_callbacks() as callbacks:
        assert sweep_due_deliveries(now=now) == 0


def test_deleting_a_contact_through_the_api_purges_its_webhook_payloads(admin):
    make_endpoint(admin.workspace)
    contact = admin.api.post("contacts", {"email": "grace@example.com", "name": "Grace Hopper"}).json()
    admin.api.patch(f"contacts/{contact['id']}", {"name": "Grace B. Hopper"})
    other = admin.api.post("contacts", {"email": "alan@example.com"}).json()
    assert WebhookEvent.all_workspaces.filter(contact_id=contact["id"]).count() == 2

    assert admin.api.delete(f"contacts/{contact['id']}").status_code == 204

    bodies = "".join(WebhookEvent.all_workspaces.values_list("body", flat=True))
    assert "grace@example.com" not in bodies and "Hopper" not in bodies
    assert sorted(WebhookEvent.all_workspaces.values_list("type", flat=True)) == [
        "contact.created",
        "contact.erased",
    ]
    assert other["id"] in bodies
    assert WebhookDelivery.all_workspaces.count() == 2


def test_events_past_their_retention_are_forgotten_with_their_deliveries(workspace, settings):
    from apps.webhooks.retention import purge_expired_events

    settings.WEBHOOKS_RETENTION_DAYS = 30
    old = _delivery(workspace, status="succeeded")
    recent = _delivery(workspace, status="succeeded")
    WebhookEvent.all_workspaces.filter(id=old.event_id).update(created_at=timezone.now() - timedelta(days=31))
    assert purge_expired_events() == 1
    assert list(WebhookDelivery.all_workspaces.values_list("id", flat=True)) == [recent.id]
    assert list(WebhookEvent.all_workspaces.values_list("id", flat=True)) == [recent.event_id]
