"""Identity verification: a per-workspace secret (POST /api/v1/widget/rotate-secret, shown once, stored
encrypted, audited) and the public identify call, which attaches a visitor to a contact only when the host
page's HMAC matches."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.db import connection

from apps.audit.models import AuditEntry
from apps.channels_widget.services import widget_secret_rotate
from apps.contacts.models import Contact
from tests.channels.test_widget_public_api import Visitor

pytestmark = pytest.mark.django_db


def sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def rotate(persona) -> str:
    response = persona.api.post("widget/rotate-secret", {})
    assert response.status_code == 200, response.content
    return response.json()["identity_secret"]


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_admins_and_owners_rotate_the_secret_shown_once_stored_encrypted_and_audited(
    personas, workspace, role
):
    secret = rotate(personas[role])
    assert secret.startswith("wsec_") and len(secret) > 40
    # Never shown again, and not in the database in clear.
    assert "identity_secret" not in personas[role].api.get("widget").json()
    with connection.cursor() as cursor:
        cursor.execute("SELECT identity_secret_encrypted FROM channels_widget_widgetsettings")
        (stored,) = cursor.fetchone()
    assert stored and secret not in stored
    entries = AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.secret_rotated")
    assert entries.count() == 1
    assert rotate(personas[role]) != secret


@pytest.mark.parametrize("role", ["agent", "reader"])
def test_other_roles_cannot_rotate(personas, role):
    assert personas[role].api.post("widget/rotate-secret", {}).status_code == 403


def test_the_service_the_dashboard_calls_rotates_too(shop, owner):
    secret = widget_secret_rotate(shop.id, None)
    visitor = Visitor(shop.id)
    response = visitor.post(
        "/identify", {"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}
    )
    assert response.status_code == 200, response.content


def test_a_verified_email_is_attached_to_that_contact(shop, owner, agent):
    existing = agent.api.post("contacts", {"email": "ada@example.com", "name": "Ada"}).json()
    secret = rotate(owner)
    visitor = Visitor(shop.id)
    response = visitor.post(
        "/identify", {"email": "Ada@Example.com ", "user_hash": sign(secret, "Ada@Example.com")}
    )
    assert response.status_code == 200, response.content
    visitor.credential = response.json()["visitor"]
    started = visitor.start("Where is my order?")
    conversation = agent.api.get(f"conversations/{started['conversation']['id']}").json()
    assert conversation["contact_id"] == existing["id"]
    # The same person on another device sees the same conversations.
    again = Visitor(shop.id)
    again.credential = again.post(
        "/identify", {"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}
    ).json()["visitor"]
    assert [c["id"] for c in again.get("/conversations").json()["data"]] == [started["conversation"]["id"]]


def test_a_verified_user_id_is_attached_by_external_id(shop, owner, agent):
    existing = agent.api.post("contacts", {"external_id": "user-42"}).json()
    secret = rotate(owner)
    visitor = Visitor(shop.id)
    response = visitor.post(
        "/identify",
        {"user_id": "user-42", "email": "someone@example.com", "user_hash": sign(secret, "user-42")},
    )
    assert response.status_code == 200, response.content
    visitor.credential = response.json()["visitor"]
    started = visitor.start("Hello")
    assert (
        agent.api.get(f"conversations/{started['conversation']['id']}").json()["contact_id"] == existing["id"]
    )


@pytest.mark.parametrize(
    "claim",
    [
        {"email": "ada@example.com"},  # no hash
        {"email": "ada@example.com", "user_hash": "0" * 64},  # a forged one
        {"email": "ada@example.com", "user_hash": "SIGN:eve@example.com"},  # someone else's
        {
            "user_id": "user-42",
            "email": "ada@example.com",
            "user_hash": "SIGN:ada@example.com",
        },  # wrong value
        {"email": "ada@example.com", "user_hash": "OLD"},  # the secret before a rotation
    ],
)
def test_an_unverified_claim_is_never_attached(shop, owner, agent, claim):
    existing = agent.api.post("contacts", {"email": "ada@example.com"}).json()
    old = rotate(owner)
    secret = rotate(owner)
    claim = dict(claim)
    if claim.get("user_hash", "").startswith("SIGN:"):
        claim["user_hash"] = sign(secret, claim["user_hash"].removeprefix("SIGN:"))
    elif claim.get("user_hash") == "OLD":
        claim["user_hash"] = sign(old, "ada@example.com")
    visitor = Visitor(shop.id)
    response = visitor.post("/identify", claim)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "identity_not_verified"
    assert "visitor" not in response.json()
    started = visitor.start("Hi")  # anonymous
    contact_id = agent.api.get(f"conversations/{started['conversation']['id']}").json()["contact_id"]
    assert contact_id != existing["id"]
    assert Contact.objects.for_workspace(shop.id).get(pk=contact_id).email is None


def test_no_secret_yet_verifies_nothing(shop):
    response = Visitor(shop.id).post(
        "/identify", {"email": "ada@example.com", "user_hash": sign("", "ada@example.com")}
    )
    assert response.status_code == 403


def test_identify_from_an_origin_not_allowed_is_refused(shop, owner):
    secret = rotate(owner)
    visitor = Visitor(shop.id, origin="https://evil.example.net")
    response = visitor.post(
        "/identify", {"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"


# Merging on identify: the conversations an anonymous visitor started follow them to their contact. ------


def identify(visitor: Visitor, secret: str, email: str):
    response = visitor.post("/identify", {"email": email, "user_hash": sign(secret, email)})
    if response.status_code == 200:
        visitor.credential = response.json()["visitor"]
    return response


@pytest.fixture
def webhook_outbox(settings, admin):
    """An endpoint for every event, so each event's payload is stored (never sent: no commit)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    response = admin.api.post("webhooks", {"url": "http://127.0.0.1:9/in", "events": ["*"]})
    assert response.status_code == 201, response.content


def test_identifying_merges_the_anonymous_visitors_conversations_into_the_verified_contact(
    shop, owner, agent, admin, webhook_outbox
):
    from apps.channels_widget.models import WidgetVisitor
    from apps.webhooks.models import WebhookEvent

    ada = agent.api.post("contacts", {"email": "ada@example.com", "name": "Ada"}).json()
    secret = rotate(owner)
    visitor = Visitor(shop.id)
    first = visitor.start("Before signing in")["conversation"]["id"]
    second = visitor.start("Another one")["conversation"]["id"]
    anonymous_id = agent.api.get(f"conversations/{first}").json()["contact_id"]
    assert anonymous_id != ada["id"]

    assert identify(visitor, secret, "ada@example.com").status_code == 200

    for conversation_id in (first, second):
        assert agent.api.get(f"conversations/{conversation_id}").json()["contact_id"] == ada["id"]
        thread = agent.api.get(f"conversations/{conversation_id}/messages").json()["data"]
        assert {m["author"].get("id") for m in thread if m["author"]["type"] == "contact"} == {ada["id"]}
    # The frame, now Ada's, shows them; so does Ada on another device.
    assert {c["id"] for c in visitor.get("/conversations").json()["data"]} == {first, second}
    elsewhere = Visitor(shop.id)
    identify(elsewhere, secret, "ada@example.com")
    assert {c["id"] for c in elsewhere.get("/conversations").json()["data"]} == {first, second}
    # The anonymous contact, now empty, is gone; so is its visitor row (its credential opens nothing).
    assert agent.api.get(f"contacts/{anonymous_id}").status_code == 404
    assert not WidgetVisitor.objects.for_workspace(shop.id).filter(contact_id=anonymous_id).exists()
    # Audited: each move, and the merge of the contact; the stored webhook payloads now go with Ada's data.
    moves = AuditEntry.objects.for_workspace(shop.id).filter(
        action="conversation.updated", resource_id__in=[first, second]
    )
    assert sorted(e.resource_id for e in moves) == sorted([first, second])
    assert all(list(e.changes) == ["contact_id"] for e in moves)
    merged = AuditEntry.objects.for_workspace(shop.id).get(action="contact.merged")
    assert merged.resource_id == anonymous_id
    assert not WebhookEvent.objects.for_workspace(shop.id).filter(contact_id=anonymous_id).exists()
    ada_payloads = WebhookEvent.objects.for_workspace(shop.id).filter(contact_id=ada["id"])
    assert ada_payloads.filter(type="message.created", body__contains="Before signing in").exists()
    updated = ada_payloads.filter(type="conversation.updated", body__contains=first).get()
    assert anonymous_id in updated.body  # previous_attributes.contact_id

    # Erasing Ada erases what she wrote before signing in, stored payloads included.
    assert admin.api.delete(f"contacts/{ada['id']}").status_code == 204
    assert not WebhookEvent.objects.for_workspace(shop.id).filter(body__contains="Before signing in").exists()
    assert visitor.get(f"/conversations/{first}/messages").status_code == 404


def test_an_unverified_claim_never_merges(shop, owner, agent):
    agent.api.post("contacts", {"email": "ada@example.com"})
    rotate(owner)
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Hi")["conversation"]["id"]
    anonymous_id = agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    forged = visitor.post("/identify", {"email": "ada@example.com", "user_hash": "0" * 64})
    assert forged.status_code == 403
    assert agent.api.get(f"conversations/{conversation_id}").json()["contact_id"] == anonymous_id
    assert agent.api.get(f"contacts/{anonymous_id}").status_code == 200
    assert not AuditEntry.objects.for_workspace(shop.id).filter(action="contact.merged").exists()
    # Still the anonymous visitor's to read.
    assert visitor.get(f"/conversations/{conversation_id}/messages").status_code == 200


def test_an_anonymous_contact_with_more_to_it_is_kept(shop, owner, agent):
    secret = rotate(owner)
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Hi")["conversation"]["id"]
    anonymous_id = agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert agent.api.patch(f"contacts/{anonymous_id}", {"name": "Visitor from Oslo"}).status_code == 200
    identify(visitor, secret, "ada@example.com")
    ada_id = agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert ada_id != anonymous_id
    assert agent.api.get(f"contacts/{anonymous_id}").json()["name"] == "Visitor from Oslo"


def test_a_verified_visitor_signing_in_as_someone_else_merges_nothing(shop, owner, agent):
    secret = rotate(owner)
    visitor = Visitor(shop.id)
    identify(visitor, secret, "ada@example.com")
    adas = visitor.start("Ada's question")["conversation"]["id"]
    ada_id = agent.api.get(f"conversations/{adas}").json()["contact_id"]
    identify(visitor, secret, "bob@example.com")
    assert agent.api.get(f"conversations/{adas}").json()["contact_id"] == ada_id
    assert visitor.get("/conversations").json() == {"data": []}
    assert not AuditEntry.objects.for_workspace(shop.id).filter(action="contact.merged").exists()


def test_after_a_merge_the_old_anonymous_credential_opens_nothing(shop, owner, agent):
    """The anonymous visitor rows are deleted on merge, not moved: the old anonymous credential is no
    pass to the verified person's widget history (other devices' included); the verified credential
    identify returned is what the frame keeps."""
    secret = rotate(owner)
    elsewhere = Visitor(shop.id)
    identify(elsewhere, secret, "ada@example.com")
    on_her_phone = elsewhere.start("From my phone")["conversation"]["id"]
    visitor = Visitor(shop.id)
    before = visitor.start("Before signing in")["conversation"]["id"]
    anonymous = visitor.credential
    assert identify(visitor, secret, "ada@example.com").status_code == 200
    assert {c["id"] for c in visitor.get("/conversations").json()["data"]} == {before, on_her_phone}

    old = Visitor(shop.id)
    old.credential = anonymous
    assert old.get("/conversations").json() == {"data": []}
    for conversation_id in (before, on_her_phone):
        assert old.get(f"/conversations/{conversation_id}/messages").status_code == 404
        written = old.post(f"/conversations/{conversation_id}/messages", {"body": "Still me?"})
        assert written.status_code == 404
    # Writing with it starts a new anonymous visitor, nothing of Ada's.
    fresh = old.post("/conversations", {"body": "Hello"})
    assert fresh.status_code == 201 and fresh.json()["visitor"] != anonymous
    assert [c["preview"] for c in old.get("/conversations").json()["data"]] == ["Hello"]


def test_after_a_merge_that_keeps_the_anonymous_contact_its_credential_opens_nothing(shop, owner, agent):
    secret = rotate(owner)
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Hi")["conversation"]["id"]
    anonymous = visitor.credential
    anonymous_id = agent.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert agent.api.patch(f"contacts/{anonymous_id}", {"name": "Visitor from Oslo"}).status_code == 200
    identify(visitor, secret, "ada@example.com")
    old = Visitor(shop.id)
    old.credential = anonymous
    assert old.get("/conversations").json() == {"data": []}
    assert old.get(f"/conversations/{conversation_id}/messages").status_code == 404
