"""Tests written for the mutants of apps/contacts/services.py that survived the area's tests
(tests/mutation/run.sh contacts; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees over the API: the audit trail and the webhook events of each contact change, the
cleaning of the fields it sends, and the refusals' messages.
"""

from __future__ import annotations

import pytest

from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db


def _trail(persona, resource_id: str) -> list[tuple]:
    entries = persona.api.get("audit", {"limit": 100}).json()["data"]
    return [
        (entry["action"], entry["resource"]["type"], entry.get("changes"))
        for entry in reversed(entries)
        if entry["resource"]["id"] == resource_id
    ]


def _events(persona) -> list[dict]:
    """The workspace's webhook events, oldest first (stored once the workspace has an endpoint)."""
    return list(reversed(persona.api.get("events", {"limit": 100}).json()["data"]))


def test_create_and_update_are_audited_with_the_fields_they_set(admin):
    created = admin.api.post(
        "contacts", {"email": " Ada@Example.ORG ", "name": "   ", "phone": " 12 ", "attributes": {"a": 1}}
    ).json()
    assert created["email"] == "ada@example.org" and created["phone"] == "12" and "name" not in created
    admin.api.patch(f"contacts/{created['id']}", {"name": " Ada ", "attributes": {"a": None}})
    admin.api.patch(f"contacts/{created['id']}", {"external_id": "crm-1"})
    assert admin.api.delete(f"contacts/{created['id']}").status_code == 204
    assert _trail(admin, created["id"]) == [
        ("contact.created", "contact", ["attributes", "email", "phone"]),
        ("contact.updated", "contact", ["attributes", "name"]),
        ("contact.updated", "contact", ["external_id"]),
        ("contact.erased", "contact", None),
    ]


def test_webhook_events_carry_the_contact_and_what_it_was_before(admin):
    make_endpoint(admin.workspace)
    created = admin.api.post("contacts", {"name": "Old", "external_id": "x-1", "attributes": {"k": "v"}})
    contact = created.json()
    updated = admin.api.patch(
        f"contacts/{contact['id']}", {"name": "New", "external_id": "", "attributes": {"k": None, "j": 2}}
    ).json()
    assert updated["name"] == "New" and "external_id" not in updated and updated["attributes"] == {"j": 2}
    first, second = _events(admin)
    assert first["type"] == "contact.created"
    assert first["data"] == {"object": contact}
    assert second["type"] == "contact.updated"
    assert second["data"] == {
        "object": updated,
        "previous_attributes": {"name": "Old", "external_id": "x-1", "attributes": {"k": "v"}},
    }


def test_null_attribute_values_are_not_stored_on_create(admin):
    body = admin.api.post("contacts", {"attributes": {"gone": None, "kept": 0}}).json()
    assert body["attributes"] == {"kept": 0}
    assert admin.api.get(f"contacts/{body['id']}").json()["attributes"] == {"kept": 0}


def test_a_duplicate_says_why(admin):
    admin.api.post("contacts", {"email": "dup@example.org"})
    refused = admin.api.post("contacts", {"email": "DUP@example.org"})
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == "A contact with this email or external_id already exists."


def test_too_many_attributes_says_how_many_are_allowed(admin):
    contact = admin.api.post("contacts", {"attributes": {f"k{i}": i for i in range(100)}}).json()
    refused = admin.api.patch(f"contacts/{contact['id']}", {"attributes": {"one_more": 1}})
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "A contact has at most 100 attributes."
    assert refused.json()["error"]["param"] == "attributes"
