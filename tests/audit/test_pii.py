"""End to end through the API: after a contact's whole life (and erasure) the audit log, and its export,
hold ids and field names only — never the contact's e-mail, name, phone or any message or note text."""

import json

import pytest

from apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

EMAIL, NEW_EMAIL = "grace.hopper@example.com", "g.hopper@example.org"
NAME, PHONE = "Grace Hopper", "+15550100"
FIRST_MESSAGE = "Hi, my order 12345 never arrived"
REPLY, NOTE = "Sorry Grace, resending today", "Customer is upset, offer a voucher"
SECRETS = (EMAIL, NEW_EMAIL, NAME, PHONE, FIRST_MESSAGE, REPLY, NOTE, "12345", "voucher")


def test_audit_log_never_holds_contact_pii_or_message_text(admin):
    created = admin.api.post(
        "conversations",
        {
            "contact": {"email": EMAIL, "name": NAME, "phone": PHONE, "attributes": {"vip": EMAIL}},
            "handled_by": "human",
            "subject": "Order",
            "message": {"body": FIRST_MESSAGE},
        },
    )
    assert created.status_code == 201, created.content
    conversation_id, contact_id = created.json()["id"], created.json()["contact_id"]
    assert admin.api.patch(f"contacts/{contact_id}", {"email": NEW_EMAIL}).status_code == 200
    assert admin.api.post(f"conversations/{conversation_id}/messages", {"body": REPLY}).status_code == 201
    assert admin.api.post(f"conversations/{conversation_id}/notes", {"body": NOTE}).status_code == 201
    assert admin.api.patch(f"conversations/{conversation_id}", {"status": "closed"}).status_code == 200
    assert admin.api.delete(f"contacts/{contact_id}").status_code == 204

    stored = list(AuditEntry.all_workspaces.filter(workspace_id=admin.workspace.id).values())
    exported = b"".join(admin.api.get("audit/export", {"format": "csv"}).streaming_content).decode()
    haystack = json.dumps(stored, default=str) + exported
    for secret in SECRETS:
        assert secret not in haystack
    actions = [entry["action"] for entry in stored]
    for expected in (
        "contact.created",
        "conversation.created",
        "message.created",
        "note.created",
        "contact.updated",
        "conversation.closed",
        "contact.erased",
    ):
        assert expected in actions
    erased = next(entry for entry in stored if entry["action"] == "contact.erased")
    assert (erased["resource_id"], erased["changes"]) == (contact_id, [])
