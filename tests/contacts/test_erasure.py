"""GDPR erasure: after DELETE /contacts/{id}, a dump of the whole database holds none of the contact's data.

Runs on committed data (a transactional test) so that pg_dump, a separate client, sees the rows.
"""

import threading

import pytest
from django.db import connections

from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message, Note
from apps.webhooks.models import WebhookEvent
from apps.webhooks.services import webhook_create
from leadiosa.tenancy import with_workspace
from tests.conftest import make_persona
from tests.database_dump import dump_database
from tests.factories import WorkspaceFactory

SECRETS = {
    "email": "zelda.quixotic-erasure@example.org",
    "name": "Zelda Quixotic-Erasure",
    "phone": "+31 6 9876 5432 1",
    "external_id": "crm-erase-me-8472",
    "attribute": "favourite-colour-vermilion-8472",
    "message": "My secret order number is XQ-99817-ERASE",
    "reply": "We found order XQ-REPLY-55130 for you",
    "note": "Internal: customer Zelda is a VIP-NOTE-73321",
    "second_message": "Relayed inbound text QWERTY-ERASE-44410",
}


def eraser_posting_a_message(api, conversation_id: str, body: str):
    """An eraser that has the agent post `body` in the conversation from another thread and gives the post
    1.5 s: it commits then, unless the erasure holds the conversation's lock. Returns the eraser, the
    post's outcome (`status`, `body`) and the poster threads, to join after the erasure."""
    outcome: dict = {}
    posters: list[threading.Thread] = []

    def post_message():
        try:
            response = api.post(f"conversations/{conversation_id}/messages", {"body": body})
            outcome["status"], outcome["body"] = response.status_code, response.json()
        finally:
            connections.close_all()

    def eraser(workspace_id, contact_id):
        poster = threading.Thread(target=post_message)
        poster.start()
        posters.append(poster)
        poster.join(timeout=1.5)

    return eraser, outcome, posters


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_erasure_leaves_no_trace_in_a_database_dump(no_dns):
    # Webhook deliveries run eagerly in tests: the receiver's name fails to resolve at once (no_dns).
    workspace = WorkspaceFactory()
    admin = make_persona(workspace, "admin")
    with with_workspace(workspace.id):
        webhook_create(url="https://hooks.example.com/leadiosa", events=["*"])
    api = admin.api

    conversation = api.post(
        "conversations",
        {
            "contact": {
                "email": SECRETS["email"],
                "name": SECRETS["name"],
                "phone": SECRETS["phone"],
                "external_id": SECRETS["external_id"],
                "attributes": {"colour": SECRETS["attribute"]},
            },
            "message": {"body": SECRETS["message"]},
        },
        headers={"Idempotency-Key": "erase-test-1"},
    ).json()
    contact_id = conversation["contact_id"]
    api.post(
        f"conversations/{conversation['id']}/messages",
        {"body": SECRETS["reply"]},
        headers={"Idempotency-Key": "k2"},
    )
    api.post(
        f"conversations/{conversation['id']}/messages",
        {"author_type": "contact", "body": SECRETS["second_message"]},
    )
    api.post(
        f"conversations/{conversation['id']}/notes",
        {"body": SECRETS["note"]},
        headers={"Idempotency-Key": "k3"},
    )
    api.patch(f"contacts/{contact_id}", {"attributes": {"colour": SECRETS["attribute"], "tier": "gold"}})
    api.patch(f"conversations/{conversation['id']}", {"status": "closed"})
    survivor = api.post("contacts", {"email": "survivor-5521@example.org", "name": "Survivor Keepme"}).json()
    api.post("conversations", {"contact_id": survivor["id"], "message": {"body": "Survivor text KEEP-7781"}})

    before = dump_database()
    for label, secret in SECRETS.items():
        assert secret in before, (
            f"{label} should be in the dump before the erasure (else this test proves nothing)"
        )

    response = api.delete(f"contacts/{contact_id}")
    assert response.status_code == 204

    after = dump_database()
    leaked = {label: secret for label, secret in SECRETS.items() if secret in after}
    assert leaked == {}
    # Only this contact is gone: the other one and its data stay.
    for kept in ("survivor-5521@example.org", "Survivor Keepme", "Survivor text KEEP-7781"):
        assert kept in after
    assert api.get(f"contacts/{contact_id}").status_code == 404
    assert api.get(f"conversations/{conversation['id']}").status_code == 404
    assert not Contact.all_workspaces.filter(pk=contact_id).exists()
    assert not Conversation.all_workspaces.filter(contact_id=contact_id).exists()
    assert not Message.all_workspaces.filter(conversation_id=conversation["id"]).exists()
    assert not Note.all_workspaces.filter(conversation_id=conversation["id"]).exists()
    # The erasure itself is on record, by id only.
    assert contact_id in after


def test_erasure_emits_contact_erased_with_the_id_only(admin, workspace, captured_events):
    contact = admin.api.post("contacts", {"email": "gone@example.org"}).json()
    conversation = admin.api.post(
        "conversations", {"contact_id": contact["id"], "message": {"body": "hi"}}
    ).json()
    captured_events.clear()
    assert admin.api.delete(f"contacts/{contact['id']}").status_code == 204
    [event] = captured_events
    assert event.type == "contact.erased"
    assert event.data == {"id": contact["id"]}
    assert event.resource_id == contact["id"]
    assert admin.api.get(f"conversations/{conversation['id']}").status_code == 404


def test_erasure_runs_registered_erasers_in_its_transaction(admin, workspace):
    from leadiosa import events

    calls = []

    def eraser(workspace_id, contact_id):
        calls.append((workspace_id, contact_id, Contact.all_workspaces.filter(pk=contact_id).exists()))

    events.register_eraser(eraser)
    try:
        contact = admin.api.post("contacts", {"name": "x"}).json()
        admin.api.delete(f"contacts/{contact['id']}")
    finally:
        events.unregister_eraser(eraser)
    assert calls == [(workspace.id, contact["id"], True)]


def test_erasure_leaves_a_same_email_contact_of_another_workspace_untouched(admin, stranger):
    """The same person, known to two workspaces: erasing them in one erases nothing in the other."""
    mine = admin.api.post(
        "conversations", {"contact": {"email": "twin@example.org"}, "message": {"body": "mine"}}
    ).json()
    theirs = stranger.api.post(
        "conversations",
        {"contact": {"email": "twin@example.org", "name": "Twin"}, "message": {"body": "theirs"}},
    ).json()
    stranger.api.post(f"conversations/{theirs['id']}/notes", {"body": "their note"})
    assert mine["contact_id"] != theirs["contact_id"]

    assert admin.api.delete(f"contacts/{mine['contact_id']}").status_code == 204

    assert admin.api.get(f"contacts/{mine['contact_id']}").status_code == 404
    assert admin.api.get(f"conversations/{mine['id']}").status_code == 404
    contact = stranger.api.get(f"contacts/{theirs['contact_id']}").json()
    assert (contact["email"], contact["name"]) == ("twin@example.org", "Twin")
    thread = stranger.api.get(f"conversations/{theirs['id']}/messages").json()["data"]
    assert [m["body"] for m in thread] == ["theirs"]
    notes = stranger.api.get(f"conversations/{theirs['id']}/notes").json()["data"]
    assert [n["body"] for n in notes] == ["their note"]
    assert Message.all_workspaces.filter(conversation_id=theirs["id"]).count() == 1
    assert Note.all_workspaces.filter(conversation_id=theirs["id"]).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_posted_while_the_contact_is_erased_leaves_no_copy(no_dns):
    """The agent posts in the middle of the erasure (after the webhook outbox was erased): the post waits
    for the erasure and finds the conversation gone, so no outbox row keeps its text."""
    from leadiosa import events

    workspace = WorkspaceFactory()
    admin = make_persona(workspace, "admin")
    with with_workspace(workspace.id):
        webhook_create(url="https://hooks.example.com/leadiosa", events=["*"])
    conversation = admin.api.post(
        "conversations", {"contact": {"email": "racer@example.org"}, "message": {"body": "hello"}}
    ).json()
    secret = "Racing reply RACE-55120-ERASE"
    post_during_erasure, outcome, posters = eraser_posting_a_message(admin.api, conversation["id"], secret)
    # Registered last, so the webhook outbox has been erased already when the agent posts.
    events.register_eraser(post_during_erasure)
    try:
        assert admin.api.delete(f"contacts/{conversation['contact_id']}").status_code == 204
    finally:
        events._erasers.remove(post_during_erasure)
    posters[0].join(timeout=30)
    assert outcome["status"] == 404, outcome
    assert outcome["body"]["error"]["code"] == "conversation_not_found"
    assert not WebhookEvent.all_workspaces.filter(
        workspace_id=workspace.id, body__contains="RACE-55120"
    ).exists()
    assert secret not in dump_database()
