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


def test_removing_an_attribute_the_contact_does_not_have_changes_nothing(admin):
    """`merge_attributes`: a null for a key that is not there is no error and no change."""
    contact = admin.api.post("contacts", {"attributes": {"kept": 1}}).json()
    response = admin.api.patch(f"contacts/{contact['id']}", {"attributes": {"never-set": None}})
    assert response.status_code == 200
    assert response.json()["attributes"] == {"kept": 1}
    assert response.json()["updated_at"] == contact["updated_at"]


def test_a_conversation_for_a_known_external_id_reuses_its_contact(admin):
    """`contact_find_or_create` without an email looks the contact up by external_id (trimmed)."""
    first = admin.api.post("conversations", {"contact": {"external_id": "crm-9", "name": "Ada"}})
    again = admin.api.post("conversations", {"contact": {"external_id": " crm-9 "}})
    assert first.status_code == again.status_code == 201
    assert again.json()["contact_id"] == first.json()["contact_id"]
    contacts = admin.api.get("contacts", {"limit": 100}).json()["data"]
    assert [(c["id"], c.get("external_id"), c.get("name")) for c in contacts] == [
        (first.json()["contact_id"], "crm-9", "Ada")
    ]


def test_conversations_with_anonymous_contacts_each_get_a_new_contact(admin):
    """A contact with neither email nor external_id is always new: two anonymous conversations are two
    people, never merged into one contact."""
    first = admin.api.post("conversations", {"contact": {"name": "Visitor"}}).json()
    second = admin.api.post("conversations", {"contact": {}}).json()
    assert first["contact_id"] != second["contact_id"]
    assert len(admin.api.get("contacts", {"limit": 100}).json()["data"]) == 2


def test_a_taken_email_sent_with_a_new_external_id_is_409_without_a_database_error(agent):
    """`_key_taken` asks for the email OR the external_id: a duplicate email is found first even when
    the external_id sent with it is new (else the unique violation would log the row's values)."""
    from tests.contacts.test_duplicate_detection import database_errors

    assert agent.api.post("contacts", {"email": "both@example.org"}).status_code == 201
    with database_errors() as failed:
        again = agent.api.post("contacts", {"email": "both@example.org", "external_id": "brand-new"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "contact_exists"
    assert failed == []
