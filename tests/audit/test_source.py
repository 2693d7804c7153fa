"""Audit entries say which door a change came through (`source`), set once per request from its URL, and
keep a client's own well-formed X-Request-Id (`client_request_id`); both are in the hash chain of new
entries, while entries written before (content version 1) still verify."""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest
from django.db import connection
from django.test import Client

from apps.audit.chain import canonical_content, content_digest
from apps.audit.models import AuditEntry
from apps.workspaces.models import User
from leadiosa.context import SYSTEM, acting_as, source_for_path
from leadiosa.events import emit
from leadiosa.logging import JsonFormatter
from tests.audit.helpers import entries, last_entry
from tests.dashboard.conftest import make_objects, signed_in

pytestmark = pytest.mark.django_db


def test_a_change_made_in_the_dashboard_is_audited_as_the_member_from_the_dashboard(workspace, agent, admin):
    objects = make_objects(workspace.id)
    client = signed_in(agent)
    response = client.post(
        f"/app/{workspace.id}/inbox/{objects['conv_id']}/update/",
        {"priority": "urgent"},
        headers={"HX-Request": "true", "X-Request-Id": "browser-tab-7"},
    )
    assert response.status_code == 200
    entry = last_entry(workspace.id)
    assert (entry.action, entry.resource_id) == ("conversation.updated", objects["conv_id"])
    assert (entry.actor_type, entry.actor_id) == ("user", agent.user_id)
    assert entry.source == "dashboard"
    assert entry.request_id == response["X-Request-Id"]
    assert entry.client_request_id == "browser-tab-7"
    [shown] = admin.api.get("audit", {"resource_id": objects["conv_id"], "source": "dashboard"}).json()[
        "data"
    ]
    assert shown["id"] == entry.id
    assert shown["source"] == "dashboard"
    assert shown["actor"] == {"type": "user", "id": agent.user_id}


def test_a_change_made_through_the_api_is_audited_from_the_api_with_the_clients_request_id(admin):
    response = admin.api.post(
        "contacts", {"email": "ada@example.com"}, headers={"X-Request-Id": "crm-sync:2026-11-30.42_a"}
    )
    assert response.status_code == 201
    # Our id stays authoritative: the response header is ours, not the client's.
    assert response["X-Request-Id"].startswith("req_")
    entry = last_entry(admin.workspace.id)
    assert (entry.action, entry.source) == ("contact.created", "api")
    assert (entry.actor_type, entry.actor_id) == ("token", admin.token.id)
    assert entry.request_id == response["X-Request-Id"]
    assert entry.client_request_id == "crm-sync:2026-11-30.42_a"
    [shown] = admin.api.get("audit", {"resource_id": response.json()["id"]}).json()["data"]
    assert shown["source"] == "api"
    assert shown["request_id"] == response["X-Request-Id"]
    assert shown["client_request_id"] == "crm-sync:2026-11-30.42_a"


@pytest.mark.parametrize(
    "sent",
    [
        "",
        "x" * 129,  # too long
        "has space",
        "semi;colon",
        "quote'\"",
        "new\nline",
        "ünïcode",
        "<script>",
    ],
)
def test_a_malformed_client_request_id_is_ignored_not_echoed(admin, sent, caplog):
    with caplog.at_level(logging.INFO, logger="leadiosa.request"):
        response = admin.api.post("contacts", {"email": "ada@example.com"}, headers={"X-Request-Id": sent})
    assert response.status_code == 201
    assert response["X-Request-Id"].startswith("req_")
    entry = last_entry(admin.workspace.id)
    assert entry.client_request_id == ""
    [shown] = admin.api.get("audit", {"resource_id": response.json()["id"]}).json()["data"]
    assert "client_request_id" not in shown
    [line] = [r for r in caplog.records if r.name == "leadiosa.request" and r.path.endswith("/contacts")]
    assert line.client_request_id is None
    if sent:
        assert sent not in JsonFormatter().format(line)


def test_the_request_log_line_carries_the_client_request_id_and_ours(admin, caplog):
    with caplog.at_level(logging.INFO, logger="leadiosa.request"):
        response = admin.api.get(
            "workspace", headers={"X-Request-Id": "7f1c2a9e-0b4d-4c8e-9a51-3e2d7c6b5a40"}
        )
        missing = admin.api.get("conversations/conv_nope", headers={"X-Request-Id": "lookup-1"})
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "leadiosa.request"]
    first, second = lines[-2:]
    assert first["request_id"] == response["X-Request-Id"]
    assert first["client_request_id"] == "7f1c2a9e-0b4d-4c8e-9a51-3e2d7c6b5a40"
    # An error body names our id, never the client's.
    assert missing.status_code == 404
    assert missing.json()["error"]["request_id"] == missing["X-Request-Id"] == second["request_id"]
    assert second["client_request_id"] == "lookup-1"
    assert "lookup-1" not in missing.content.decode()


@pytest.fixture
def staff_client(db) -> Client:
    user = User.objects.create_superuser(
        username="support@example.com", email="support@example.com", password="x"
    )
    client = Client()
    client.force_login(user)
    return client


def test_a_change_made_in_the_admin_is_audited_from_the_admin(staff_client, admin):
    conv_id = admin.api.post(
        "conversations", {"contact": {"email": "a@example.com"}, "handled_by": "human"}
    ).json()["id"]
    response = staff_client.post(
        f"/admin/conversations/conversation/{conv_id}/change/",
        {"status": "open", "priority": "urgent", "subject": "", "tags": "", "handled_by": "human"},
        headers={"X-Request-Id": "ticket-1234"},
    )
    assert response.status_code == 302
    entry = last_entry(admin.workspace.id)
    staff = User.objects.get(email="support@example.com")
    assert (entry.action, entry.resource_id) == ("conversation.updated", conv_id)
    assert (entry.actor_type, entry.actor_id, entry.source) == ("user", staff.id, "admin")
    assert entry.client_request_id == "ticket-1234"


def test_a_change_made_outside_any_request_is_audited_from_the_system(workspace):
    with acting_as(SYSTEM):
        emit("conversation.updated", workspace_id=workspace.id, resource_type="conversation", resource_id="c")
    entry = last_entry(workspace.id)
    assert (entry.actor_type, entry.source, entry.client_request_id) == ("system", "system", "")


def test_the_widget_and_inbound_email_are_their_own_doors(owner, workspace):
    from tests.channels.conftest import deliver, sample
    from tests.channels.test_widget_public_api import SHOP, Visitor

    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    Visitor(workspace.id).start("Hello from the shop")
    widget_sources = {e.source for e in entries(workspace.id) if e.action == "conversation.created"}
    assert widget_sources == {"widget"}
    assert deliver(workspace.id, sample("plain.eml")).status_code == 202
    created = [e for e in entries(workspace.id) if e.action == "conversation.created"]
    assert [e.source for e in created] == ["widget", "email"]


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("/api/v1/contacts", "api"),
        ("/admin/conversations/conversation/", "admin"),
        ("/app/ws_1/inbox/", "dashboard"),
        ("/login/", "dashboard"),
        ("/password-reset/", "dashboard"),
        ("/widget/v1/wk_1/conversations", "widget"),
        ("/inbound/email/abc", "email"),
        ("/apiary/", "dashboard"),  # a prefix, not a segment
    ],
)
def test_the_door_is_the_urls_first_segment(path, source):
    assert source_for_path(path) == source


def test_audit_list_filters_by_source_and_refuses_an_unknown_one(admin, workspace):
    admin.api.post("contacts", {"email": "ada@example.com"})
    with acting_as(SYSTEM):
        emit("conversation.updated", workspace_id=workspace.id, resource_type="conversation", resource_id="c")
    api_only = admin.api.get("audit", {"source": "api"}).json()["data"]
    assert api_only and {e["source"] for e in api_only} == {"api"}
    system_only = admin.api.get("audit", {"source": "system"}).json()["data"]
    assert system_only[0]["resource"]["id"] == "c"  # (and the fixture's token, minted by the system)
    assert {e["source"] for e in system_only} == {"system"}
    refused = admin.api.get("audit", {"source": "fax"})
    assert refused.status_code == 400
    assert refused.json()["error"]["param"] == "source"


def test_the_export_carries_source_and_client_request_id(admin):
    admin.api.post("contacts", {"email": "ada@example.com"}, headers={"X-Request-Id": "export-check"})
    jsonl = admin.api.get("audit/export", {"format": "jsonl", "action": "contact.created"})
    [line] = [json.loads(row) for row in b"".join(jsonl.streaming_content).decode().splitlines()]
    assert (line["source"], line["client_request_id"]) == ("api", "export-check")
    csv_response = admin.api.get("audit/export", {"format": "csv", "action": "contact.created"})
    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    assert [(r["source"], r["client_request_id"]) for r in rows] == [("api", "export-check")]


# --- the chain --------------------------------------------------------------------------------------


def test_source_and_client_request_id_are_in_the_chain_of_new_entries(admin):
    from tests.security.test_db_roles import _as_owner, verify

    admin.api.post("contacts", {"email": "ada@example.com"}, headers={"X-Request-Id": "chain-1"})
    entry = last_entry(admin.workspace.id)
    assert entry.content_version == 2
    assert verify(admin.workspace.id)[0]
    _as_owner([("UPDATE audit_entry SET source = 'system' WHERE id = %s", [entry.id])])
    ok, line = verify(admin.workspace.id)
    assert not ok and entry.id in line and "altered" in line
    _as_owner(
        [("UPDATE audit_entry SET source = 'api', client_request_id = 'other' WHERE id = %s", [entry.id])]
    )
    ok, line = verify(admin.workspace.id)
    assert not ok and entry.id in line


def test_entries_from_before_source_was_kept_still_verify_and_cannot_gain_one(workspace):
    """A version-1 entry (as written before migration 0007: no source, hash over the old fields) in a
    chain verifies; giving it a source afterwards is named, and so is passing a new entry off as one."""
    from tests.security.test_db_roles import _as_owner, verify

    for i in range(3):
        with acting_as(SYSTEM):
            emit(
                "conversation.updated",
                workspace_id=workspace.id,
                resource_type="conversation",
                resource_id=f"c{i}",
            )
    old = entries(workspace.id)[0]
    # Rewrite the first as the old code wrote it, and re-seal the chain with the key (what an entry
    # written before 0007 looks like today).
    v1_hash = content_digest(
        canonical_content(**_fields(old, source="", client_request_id="", content_version=1))
    )
    _as_owner(
        [
            (
                "UPDATE audit_entry SET source = '', client_request_id = '', content_version = 1, "
                "content_hash = %s WHERE id = %s",
                [v1_hash, old.id],
            )
        ]
    )
    _reseal(workspace.id)
    ok, line = verify(workspace.id)
    assert ok, line
    shown = AuditEntry.objects.for_workspace(workspace.id).get(id=old.id)
    assert (shown.source, shown.content_version) == ("", 1)

    _as_owner([("UPDATE audit_entry SET source = 'admin' WHERE id = %s", [old.id])])
    ok, line = verify(workspace.id)
    assert not ok and old.id in line and "does not cover" in line

    _as_owner([("UPDATE audit_entry SET source = '', content_version = 7 WHERE id = %s", [old.id])])
    ok, line = verify(workspace.id)
    assert not ok and old.id in line and "unknown" in line


def _fields(entry: AuditEntry, **override) -> dict:
    names = (
        "id",
        "workspace_id",
        "action",
        "actor_type",
        "actor_id",
        "resource_type",
        "resource_id",
        "request_id",
        "ip",
        "changes",
        "created_at",
        "source",
        "client_request_id",
        "content_version",
    )
    return {**{name: getattr(entry, name) for name in names}, **override}


def _reseal(workspace_id: str) -> None:
    """Recompute every seal of the chain with the application's key (as the owner, triggers off)."""
    from apps.audit.keys import current_key, link_mac
    from tests.security.test_db_roles import _as_owner

    key = current_key()
    prev, statements = "0" * 64, []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.entry_id, e.content_hash FROM audit_seal s JOIN audit_entry e ON e.id = s.entry_id "
            "WHERE s.workspace_id = %s ORDER BY s.seq",
            [workspace_id],
        )
        rows = cursor.fetchall()
    for entry_id, content_hash in rows:
        digest = link_mac(key, prev, content_hash)
        statements.append(
            ("UPDATE audit_seal SET prev_hash = %s, hash = %s WHERE entry_id = %s", [prev, digest, entry_id])
        )
        last_prev, prev = prev, digest
    statements.append(
        (
            "UPDATE audit_chain_head SET prev_hash = %s, hash = %s WHERE workspace_id = %s",
            [last_prev, prev, workspace_id],
        )
    )
    _as_owner(statements)


def test_the_admin_audit_browser_filters_by_source_and_finds_a_client_request_id(staff_client, admin):
    created = admin.api.post("contacts", {"email": "ada@example.com"}, headers={"X-Request-Id": "crm-77"})
    entry = AuditEntry.objects.for_workspace(admin.workspace.id).get(resource_id=created.json()["id"])
    with acting_as(SYSTEM):
        emit(
            "conversation.updated",
            workspace_id=admin.workspace.id,
            resource_type="conversation",
            resource_id="c",
        )
    system_entry = last_entry(admin.workspace.id)
    api_page = staff_client.get("/admin/audit/auditentry/", {"source": "api"}).content.decode()
    assert entry.id in api_page and system_entry.id not in api_page
    found = staff_client.get("/admin/audit/auditentry/", {"q": "crm-77"}).content.decode()
    assert entry.id in found and system_entry.id not in found
