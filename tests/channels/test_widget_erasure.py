"""Erasing a contact who chatted through the widget as a verified visitor: afterwards the database dump
holds neither their e-mail address, nor their user id, nor what they wrote, and the widget visitor table
no row of theirs (a transactional test: pg_dump, a separate client, sees committed rows only)."""

from __future__ import annotations

import pytest

from apps.channels_widget.models import WidgetVisitor
from apps.contacts.models import Contact
from apps.webhooks.services import webhook_create
from leadiosa.tenancy import with_workspace
from tests.channels.test_widget_identity import rotate, sign
from tests.channels.test_widget_public_api import SHOP, Visitor
from tests.conftest import make_persona
from tests.database_dump import dump_database, table_rows
from tests.factories import WorkspaceFactory

ADDRESS = "wanda.widget-erasure-5093@example.org"
USER_ID = "shop-user-erase-7718"
TEXT = "My parcel code is WIDGET-ERASE-62207"
SECOND_TEXT = "Same person, other device: WIDGET-ERASE-81154"
KEPT = "Another visitor's words WIDGET-KEEP-30416"


def identified(workspace_id: str, secret: str, claim: dict, signed: str) -> Visitor:
    visitor = Visitor(workspace_id)
    response = visitor.post("/identify", {**claim, "user_hash": sign(secret, signed)})
    assert response.status_code == 200, response.content
    visitor.credential = response.json()["visitor"]
    return visitor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_erasure_leaves_no_trace_of_a_verified_widget_visitor(no_dns):
    # Webhook deliveries (of the widget's events, which carry the text) fail at once: no DNS in tests.
    workspace = WorkspaceFactory()
    owner = make_persona(workspace, "owner")
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    with with_workspace(workspace.id):
        webhook_create(url="https://hooks.example.com/leadiosa", events=["*"])
    secret = rotate(owner)

    # Verified by e-mail: the contact with that address, made on the spot.
    by_email = identified(workspace.id, secret, {"email": ADDRESS}, ADDRESS)
    conversation = by_email.start(TEXT)["conversation"]
    contact_id = owner.api.get(f"conversations/{conversation['id']}").json()["contact_id"]
    assert owner.api.get(f"contacts/{contact_id}").json()["email"] == ADDRESS
    # The shop's user id joins the contact; the same person signs in on another device by user id.
    assert owner.api.patch(f"contacts/{contact_id}", {"external_id": USER_ID}).status_code == 200
    by_user_id = identified(workspace.id, secret, {"user_id": USER_ID, "email": ADDRESS}, USER_ID)
    assert [c["id"] for c in by_user_id.get("/conversations").json()["data"]] == [conversation["id"]]
    response = by_user_id.post(f"/conversations/{conversation['id']}/messages", {"body": SECOND_TEXT})
    assert response.status_code == 201, response.content
    # Someone else, who stays.
    other = Visitor(workspace.id)
    other_conversation = other.start(KEPT)["conversation"]
    other_contact_id = owner.api.get(f"conversations/{other_conversation['id']}").json()["contact_id"]

    before = dump_database()
    for secret_value in (ADDRESS, USER_ID, TEXT, SECOND_TEXT):
        assert secret_value in before, f"{secret_value!r} should be in the dump before the erasure"
    visitors_before = table_rows(before, "channels_widget_widgetvisitor")
    assert sum(f"\t{contact_id}\t" in f"\t{row}\t" for row in visitors_before) >= 1
    assert WidgetVisitor.all_workspaces.filter(contact_id=contact_id).exists()

    assert owner.api.delete(f"contacts/{contact_id}").status_code == 204

    after = dump_database()
    leaked = [value for value in (ADDRESS, USER_ID, TEXT, SECOND_TEXT) if value in after]
    assert leaked == []
    visitors_after = table_rows(after, "channels_widget_widgetvisitor")
    assert not [row for row in visitors_after if f"\t{contact_id}\t" in f"\t{row}\t"]
    assert not WidgetVisitor.all_workspaces.filter(contact_id=contact_id).exists()
    assert not Contact.all_workspaces.filter(pk=contact_id).exists()
    # Only this contact: the other visitor, their row and their words stay.
    assert KEPT in after
    assert [row for row in visitors_after if f"\t{other_contact_id}\t" in f"\t{row}\t"]
    # Neither credential opens anything any more; the other visitor's still does.
    for visitor in (by_email, by_user_id):
        gone = visitor.get("/conversations")
        assert (gone.status_code, gone.json()) == (200, {"data": []})
        assert visitor.get(f"/conversations/{conversation['id']}/messages").status_code == 404
    assert [c["id"] for c in other.get("/conversations").json()["data"]] == [other_conversation["id"]]
