"""Tests written for the mutants of apps/webhooks/services.py that survived the area's tests
(tests/mutation/run.sh webhooks; the list and the equivalent ones: tests/mutation/RESULTS.md).

What an admin sees over the API: the audit trail of each webhook change (action, resource, changed
fields), and the refusal of a test event to a disabled endpoint.
"""

from __future__ import annotations

import pytest

from .factories import make_endpoint

pytestmark = pytest.mark.django_db

VALID = {"url": "https://hooks.example.com/in", "events": ["conversation.created"]}


@pytest.fixture(autouse=True)
def _dns(public_dns):
    return public_dns


def _trail(persona, webhook_id: str) -> list[dict]:
    """This webhook's audit entries, oldest first, without the per-request fields."""
    entries = persona.api.get("audit", {"limit": 100}).json()["data"]
    return [
        {key: entry[key] for key in ("action", "resource", "changes") if key in entry}
        | {"actor": entry["actor"]["type"]}
        for entry in reversed(entries)
        if entry["resource"]["id"] == webhook_id
    ]


def test_every_webhook_change_is_in_the_audit_trail_with_its_fields(admin):
    created = admin.api.post("webhooks", {**VALID, "description": "CRM"}).json()
    assert admin.api.post(f"webhooks/{created['id']}/rotate-secret").status_code == 200
    assert admin.api.post(f"webhooks/{created['id']}/test").status_code == 201
    assert admin.api.delete(f"webhooks/{created['id']}").status_code == 204
    resource = {"type": "webhook", "id": created["id"]}
    assert _trail(admin, created["id"]) == [
        {"action": "webhook.created", "resource": resource, "changes": ["description", "events", "url"]}
        | {"actor": "token"},
        {"action": "webhook.secret_rotated", "resource": resource, "changes": ["secret"], "actor": "token"},
        {"action": "webhook.test", "resource": resource, "actor": "token"},
        {"action": "webhook.deleted", "resource": resource, "actor": "token"},
    ]


def test_a_webhook_created_without_a_description_records_url_and_events_only(admin):
    created = admin.api.post("webhooks", VALID).json()
    assert "description" not in created
    assert _trail(admin, created["id"]) == [
        {
            "action": "webhook.created",
            "resource": {"type": "webhook", "id": created["id"]},
            "changes": ["events", "url"],
            "actor": "token",
        }
    ]


def test_a_test_event_to_a_disabled_endpoint_says_why(admin):
    endpoint, _ = make_endpoint(admin.workspace, status="disabled")
    response = admin.api.post(f"webhooks/{endpoint.id}/test")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "This webhook endpoint is disabled; create a new one to resume."
    )
    assert admin.api.get(f"webhooks/{endpoint.id}/deliveries").json()["data"] == []


def test_a_second_test_event_answers_its_own_delivery(admin):
    """`webhook_send_test` answers the delivery of the event it queued, not any delivery of the endpoint:
    with an earlier test delivery there, the second call still answers 201 with a new delivery."""
    created = admin.api.post("webhooks", {**VALID, "events": ["*"]}).json()
    first = admin.api.post(f"webhooks/{created['id']}/test")
    second = admin.api.post(f"webhooks/{created['id']}/test")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert first.json()["event_id"] != second.json()["event_id"]
    listed = admin.api.get(f"webhooks/{created['id']}/deliveries").json()["data"]
    assert [d["id"] for d in listed] == [second.json()["id"], first.json()["id"]]
