"""Recovery after downtime: GET /events, GET /events/{id}, PATCH /webhooks/{id} (re-enable) and
POST /webhooks/{id}/deliveries/{delivery_id}/retry — shapes, errors, roles, tenant isolation."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from apps.webhooks.delivery import attempt_delivery
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from leadiosa.tenancy import with_workspace

from .factories import make_endpoint
from .helpers import emit_contact_event
from .receiver import Answer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_delivery")]


def _attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    with with_workspace(delivery.workspace_id):
        attempt_delivery(delivery.id)
    delivery.refresh_from_db()
    return delivery


def _events(workspace, count: int, **kwargs) -> list[WebhookEvent]:
    for n in range(count):
        emit_contact_event(workspace.id, contact_id=f"ct_{n:022d}", name=f"Contact {n}", **kwargs)
    return list(WebhookEvent.all_workspaces.filter(workspace=workspace).order_by("-created_at", "-id"))


# GET /events ---------------------------------------------------------------------------------------


def test_events_list_newest_first_each_body_exactly_as_stored(workspace, admin):
    make_endpoint(workspace)
    stored = _events(workspace, 3)
    response = admin.api.get("events")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Request-Id"].startswith("req_")
    body = response.json()
    assert [event["id"] for event in body["data"]] == [event.id for event in stored]
    assert body["pagination"] == {"has_more": False}
    for event in stored:  # the raw response holds each stored body verbatim
        assert event.body.encode() in response.content
    first = body["data"][0]
    assert set(first) == {"id", "type", "created_at", "workspace_id", "data"}
    assert first["workspace_id"] == workspace.id and first["type"] == "contact.updated"


def test_events_pages_with_a_cursor(workspace, admin):
    make_endpoint(workspace)
    stored = _events(workspace, 5)
    seen, params = [], {"limit": 2}
    while True:
        body = admin.api.get("events", params).json()
        seen += [event["id"] for event in body["data"]]
        if not body["pagination"]["has_more"]:
            assert "next_cursor" not in body["pagination"]
            break
        params = {"limit": 2, "after": body["pagination"]["next_cursor"]}
    assert seen == [event.id for event in stored]


def test_events_filter_by_type_comma_list_and_time(workspace, admin):
    make_endpoint(workspace)
    emit_contact_event(workspace.id, event_type="contact.created")
    emit_contact_event(workspace.id, event_type="contact.updated")
    emit_contact_event(workspace.id, event_type="contact.erased")
    types = lambda params: sorted(e["type"] for e in admin.api.get("events", params).json()["data"])  # noqa: E731
    assert types({"type": "contact.created"}) == ["contact.created"]
    assert types({"type": "contact.created,contact.erased"}) == ["contact.created", "contact.erased"]
    now = timezone.now()
    assert len(types({"created_after": (now - timedelta(minutes=1)).isoformat()})) == 3
    assert types({"created_after": (now + timedelta(minutes=1)).isoformat()}) == []
    assert types({"created_before": (now - timedelta(minutes=1)).isoformat()}) == []
    assert len(types({"created_before": (now + timedelta(minutes=1)).isoformat()})) == 3


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"type": "contact.exploded"}, "type"),
        ({"created_after": "yesterday"}, "created_after"),
        ({"created_before": "2026-01-01T00:00:00"}, "created_before"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"typ": "contact.created"}, "typ"),
    ],
)
def test_events_bad_parameters_answer_400_naming_the_parameter(admin, params, param):
    response = admin.api.get("events", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and error["param"] == param


def test_events_foreign_cursor_is_refused(workspace, admin, stranger):
    make_endpoint(workspace)
    make_endpoint(stranger.workspace)
    _events(workspace, 2)
    _events(stranger.workspace, 2)
    cursor = stranger.api.get("events", {"limit": 1}).json()["pagination"]["next_cursor"]
    response = admin.api.get("events", {"after": cursor})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_cursor"


def test_events_are_recorded_while_an_endpoint_is_disabled_but_not_without_any_endpoint(workspace, admin):
    emit_contact_event(workspace.id)
    assert admin.api.get("events").json()["data"] == []  # no endpoint at all: nothing stored
    make_endpoint(workspace, status=WebhookEndpoint.Status.DISABLED)
    emit_contact_event(workspace.id)
    [event] = admin.api.get("events").json()["data"]
    assert event["type"] == "contact.updated"
    assert not WebhookDelivery.all_workspaces.filter(workspace=workspace).exists()


def test_event_retrieve_is_the_delivered_body_byte_for_byte(workspace, admin, receiver):
    endpoint, secret = make_endpoint(workspace, url=receiver.url)
    emit_contact_event(workspace.id, previous={"name": "Ada"})
    _attempt(WebhookDelivery.all_workspaces.get(endpoint=endpoint))
    [request] = receiver.requests
    Webhook(secret).verify(request.body, request.headers)
    assert request.headers["webhook-endpoint-id"] == endpoint.id
    event_id = request.headers["webhook-id"]
    response = admin.api.get(f"events/{event_id}")
    assert response.status_code == 200
    assert response.content.decode() == request.body
    assert json.loads(request.body)["data"]["previous_attributes"] == {"name": "Ada"}


def test_event_of_another_workspace_is_the_same_404_as_a_missing_one(workspace, admin, stranger):
    make_endpoint(stranger.workspace)
    [theirs] = _events(stranger.workspace, 1)
    foreign = admin.api.get(f"events/{theirs.id}")
    missing = admin.api.get("events/evt_000000000000000000000000")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["code"] == missing.json()["error"]["code"] == "event_not_found"
    assert theirs.id not in json.dumps(admin.api.get("events").json())
    assert stranger.api.get(f"events/{theirs.id}").status_code == 200


@pytest.mark.parametrize(("persona", "expected"), [("owner", 200), ("admin", 200), ("agent", 403)])
def test_events_need_the_admin_role(request, workspace, persona, expected):
    make_endpoint(workspace)
    [event] = _events(workspace, 1)
    client = request.getfixturevalue(persona).api
    assert client.get("events").status_code == expected
    assert client.get(f"events/{event.id}").status_code == expected


def test_events_without_a_token_answer_401(anonymous):
    response = anonymous.get("events")
    assert response.status_code == 401 and response.json()["error"]["code"] == "missing_token"


# PATCH /webhooks/{id} -----------------------------------------------------------------------------


def test_patch_status_enabled_re_enables_an_endpoint_the_system_disabled(workspace, admin):
    endpoint, _ = make_endpoint(
        workspace,
        status=WebhookEndpoint.Status.DISABLED,
        disabled_at=timezone.now(),
        disabled_reason="Failing for 5 days.",
        failing_since=timezone.now() - timedelta(days=5),
    )
    response = admin.api.patch(f"webhooks/{endpoint.id}", {"status": "enabled"})
    assert response.status_code == 200
    assert response.json()["status"] == "enabled"
    endpoint.refresh_from_db()
    assert endpoint.status == "enabled" and endpoint.failing_since is None and endpoint.disabled_at is None
    assert admin.api.get(f"webhooks/{endpoint.id}").json()["status"] == "enabled"


def test_patch_edits_events_and_description(workspace, admin):
    endpoint, _ = make_endpoint(workspace, events=("contact.created",))
    response = admin.api.patch(
        f"webhooks/{endpoint.id}", {"events": ["message.created"], "description": "CRM", "status": "disabled"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["events"], body["description"], body["status"]) == (["message.created"], "CRM", "disabled")


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"status": "paused"}, "status"),
        ({"events": ["contact.exploded"]}, "events.0"),
        ({"events": []}, "events"),
        ({"url": "https://elsewhere.example.com/"}, "url"),
        ({"id": "wh_x"}, "id"),
    ],
)
def test_patch_refuses_invalid_input(workspace, admin, body, param):
    endpoint, _ = make_endpoint(workspace)
    response = admin.api.patch(f"webhooks/{endpoint.id}", body)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_patch_roles_and_tenancy(workspace, agent, reader, stranger, admin):
    endpoint, _ = make_endpoint(workspace)
    assert agent.api.patch(f"webhooks/{endpoint.id}", {"status": "enabled"}).status_code == 403
    assert reader.api.patch(f"webhooks/{endpoint.id}", {"status": "enabled"}).status_code == 403
    foreign = stranger.api.patch(f"webhooks/{endpoint.id}", {"status": "disabled"})
    assert foreign.status_code == 404 and foreign.json()["error"]["code"] == "webhook_not_found"
    assert WebhookEndpoint.all_workspaces.get(id=endpoint.id).status == "enabled"


# POST /webhooks/{id}/deliveries/{delivery_id}/retry -------------------------------------------------


def test_retry_delivers_the_same_event_again_now(
    workspace, admin, receiver, eager_tasks, django_capture_on_commit_callbacks
):
    receiver.script.append(Answer(status=500))
    endpoint, secret = make_endpoint(workspace, url=receiver.url)
    emit_contact_event(workspace.id)
    delivery = _attempt(WebhookDelivery.all_workspaces.get(endpoint=endpoint))
    assert (delivery.status, delivery.response_status) == ("pending", 500)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.api.post(f"webhooks/{endpoint.id}/deliveries/{delivery.id}/retry")
    assert response.status_code == 202
    assert response.json()["id"] == delivery.id
    first, second = receiver.wait_for(2)
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    Webhook(secret).verify(second.body, second.headers)
    delivery.refresh_from_db()
    assert delivery.status == "succeeded"


def test_retry_errors(workspace, admin, stranger):
    endpoint, _ = make_endpoint(workspace)
    other, _ = make_endpoint(workspace)
    emit_contact_event(workspace.id)
    delivery = WebhookDelivery.all_workspaces.get(endpoint=endpoint)
    missing_hook = admin.api.post(f"webhooks/wh_000000000000000000000000/deliveries/{delivery.id}/retry")
    assert missing_hook.status_code == 404 and missing_hook.json()["error"]["code"] == "webhook_not_found"
    missing = admin.api.post(f"webhooks/{endpoint.id}/deliveries/dlv_000000000000000000000000/retry")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "delivery_not_found"
    wrong_endpoint = admin.api.post(f"webhooks/{other.id}/deliveries/{delivery.id}/retry")
    assert (
        wrong_endpoint.status_code == 404 and wrong_endpoint.json()["error"]["code"] == "delivery_not_found"
    )
    foreign = stranger.api.post(f"webhooks/{endpoint.id}/deliveries/{delivery.id}/retry")
    assert foreign.status_code == 404 and foreign.json()["error"]["code"] == "webhook_not_found"
    WebhookEndpoint.all_workspaces.filter(id=endpoint.id).update(status="disabled")
    disabled = admin.api.post(f"webhooks/{endpoint.id}/deliveries/{delivery.id}/retry")
    assert disabled.status_code == 409 and disabled.json()["error"]["code"] == "webhook_disabled"
    WebhookEndpoint.all_workspaces.filter(id=endpoint.id).update(status="enabled")
    WebhookDelivery.all_workspaces.filter(id=delivery.id).update(
        claimed_at=timezone.now(), claimed_until=timezone.now() + timedelta(minutes=1)
    )
    busy = admin.api.post(f"webhooks/{endpoint.id}/deliveries/{delivery.id}/retry")
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "delivery_in_progress"


def test_retry_roles(workspace, agent, reader):
    endpoint, _ = make_endpoint(workspace)
    emit_contact_event(workspace.id)
    delivery = WebhookDelivery.all_workspaces.get(endpoint=endpoint)
    assert agent.api.post(f"webhooks/{endpoint.id}/deliveries/{delivery.id}/retry").status_code == 403
    assert reader.api.post(f"webhooks/{endpoint.id}/deliveries/{delivery.id}/retry").status_code == 403


def test_assigned_from_nobody_carries_a_null_previous_assignee_as_documented(workspace, admin):
    make_endpoint(workspace)
    conversation = admin.api.post(
        "conversations", {"contact": {"email": "a@example.com"}, "handled_by": "human"}
    ).json()
    assert (
        admin.api.patch(f"conversations/{conversation['id']}", {"assignee_id": admin.user_id}).status_code
        == 200
    )
    [assigned] = admin.api.get("events", {"type": "conversation.assigned"}).json()["data"]
    assert assigned["data"]["previous_attributes"] == {"assignee_id": None}
    assert assigned["data"]["object"]["assignee_id"] == admin.user_id


def test_two_endpoints_on_one_url_are_told_apart_by_the_endpoint_header(workspace, receiver):
    first, first_secret = make_endpoint(workspace, url=receiver.url)
    second, second_secret = make_endpoint(workspace, url=receiver.url)
    emit_contact_event(workspace.id)
    for delivery in WebhookDelivery.all_workspaces.filter(workspace=workspace):
        _attempt(delivery)
    secrets = {first.id: first_secret, second.id: second_secret}
    requests = receiver.wait_for(2)
    assert {r.headers["webhook-endpoint-id"] for r in requests} == set(secrets)
    assert len({r.headers["webhook-id"] for r in requests}) == 1
    for request in requests:  # the header picks the secret that verifies
        Webhook(secrets[request.headers["webhook-endpoint-id"]]).verify(request.body, request.headers)


def test_events_past_the_30_day_retention_are_gone_even_before_the_sweeper_runs(workspace, admin):
    make_endpoint(workspace)
    old, recent = _events(workspace, 2)[::-1]
    WebhookEvent.all_workspaces.filter(id=old.id).update(created_at=timezone.now() - timedelta(days=31))
    assert [e["id"] for e in admin.api.get("events").json()["data"]] == [recent.id]
    gone = admin.api.get(f"events/{old.id}")
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "event_not_found"
