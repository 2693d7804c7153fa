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
from tests.channels.test_widget_public_api import SHOP, Visitor

pytestmark = pytest.mark.django_db


def sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


@pytest.fixture
def shop(owner, workspace):
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    return workspace


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
