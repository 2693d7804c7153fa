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


# contact_delete_merged (re-run of 2026-12-01): a widget visitor's anonymous contact, once their identify
# was verified and their conversations followed them, is deleted when nothing else is left of it. ------


@pytest.fixture
def shop(owner, workspace):
    from tests.channels.test_widget_public_api import SHOP

    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    make_endpoint(workspace)  # every event's payload is stored, so GET /events shows it
    return workspace


def _visitor_with_a_conversation(shop, agent):
    """A new anonymous widget visitor, their conversation's id and their contact's id."""
    from tests.channels.test_widget_public_api import Visitor

    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Before signing in")["conversation"]["id"]
    return visitor, conversation_id, agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]


def _identify(visitor, owner, email: str) -> None:
    from tests.channels.test_widget_identity import rotate, sign

    secret = rotate(owner)
    response = visitor.post("/identify", {"email": email, "user_hash": sign(secret, email)})
    assert response.status_code == 200, response.content
    visitor.credential = response.json()["visitor"]


def _mentioning(persona, contact_id: str) -> list[str]:
    """The stored webhook events whose payload names this contact."""
    return [e["type"] for e in _events(persona) if contact_id in str(e["data"])]


def test_a_merged_anonymous_contact_is_deleted_audited_and_its_copies_go_with_the_verified_one(
    shop, owner, agent, admin
):
    visitor, conversation_id, anonymous_id = _visitor_with_a_conversation(shop, agent)
    # A relayed message of the visitor, sent with an Idempotency-Key: its stored response names them.
    relay = {"body": "Relayed", "author_type": "contact"}
    key = {"Idempotency-Key": "relay-1"}
    relayed = agent.api.post(f"conversations/{conversation_id}/messages", relay, headers=key)
    assert relayed.status_code == 201 and relayed.json()["author"]["id"] == anonymous_id
    assert "contact.created" in _mentioning(admin, anonymous_id)

    _identify(visitor, owner, "ada@example.com")
    ada_id = agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert ada_id != anonymous_id

    assert agent.api.get(f"contacts/{anonymous_id}").status_code == 404
    merged = [
        (e["action"], e["resource"], e.get("changes"))
        for e in admin.api.get("audit", {"limit": 100}).json()["data"]
        if e["action"] == "contact.merged"
    ]
    assert merged == [("contact.merged", {"type": "contact", "id": anonymous_id}, ["merged_into"])]
    # The stored response named a contact that is gone: the key runs the request again, as Ada's.
    again = agent.api.post(f"conversations/{conversation_id}/messages", relay, headers=key)
    assert again.get("Idempotent-Replayed") is None
    assert again.json()["author"]["id"] == ada_id
    # Every stored payload that named the anonymous contact (its contact.created too) is Ada's now:
    # erasing her erases them.
    assert admin.api.delete(f"contacts/{ada_id}").status_code == 204
    assert _mentioning(admin, anonymous_id) == []


@pytest.mark.parametrize(
    "more",
    [{"name": "Visitor from Oslo"}, {"phone": "+47 1234"}, {"attributes": {"plan": "pro"}}, "conversation"],
)
def test_an_anonymous_contact_with_more_to_it_is_kept_with_its_own_payloads(shop, owner, agent, admin, more):
    visitor, conversation_id, anonymous_id = _visitor_with_a_conversation(shop, agent)
    if more == "conversation":  # another conversation, not the widget's: it stays theirs
        other = agent.api.post("conversations", {"contact_id": anonymous_id})
        assert other.status_code == 201, other.content
    else:
        assert agent.api.patch(f"contacts/{anonymous_id}", more).status_code == 200

    _identify(visitor, owner, "ada@example.com")
    ada_id = agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert ada_id != anonymous_id

    assert agent.api.get(f"contacts/{anonymous_id}").status_code == 200
    assert not [
        e for e in admin.api.get("audit", {"limit": 100}).json()["data"] if e["action"] == "contact.merged"
    ]
    # Its own payloads stay its own: erasing Ada leaves them.
    assert admin.api.delete(f"contacts/{ada_id}").status_code == 204
    assert "contact.created" in _mentioning(admin, anonymous_id)


def test_a_contact_is_never_merged_into_itself_nor_one_that_is_gone(admin):
    """`contact_delete_merged`'s own guards (no request reaches them: the widget merges only an anonymous
    contact it has just read, into another one)."""
    from apps.contacts.services import contact_delete_merged
    from leadiosa.tenancy import with_workspace

    empty = admin.api.post("contacts", {}).json()["id"]
    with with_workspace(admin.workspace.id):
        assert contact_delete_merged(contact_id=empty, into_id=empty) is False
        assert contact_delete_merged(contact_id="ct_" + "0" * 22, into_id=empty) is False
    assert admin.api.get(f"contacts/{empty}").status_code == 200
    assert not [
        e for e in admin.api.get("audit", {"limit": 100}).json()["data"] if e["action"] == "contact.merged"
    ]
