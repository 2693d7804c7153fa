"""The emit() sink: one entry per event, in the emitting transaction, ids and field names only."""

import json

import pytest
from django.db import transaction

from apps.audit.chain import GENESIS, seal_pending
from apps.audit.models import AuditChainHead, AuditEntry
from apps.workspaces.services import token_create, token_revoke
from leadiosa.context import SYSTEM, Actor, acting_as
from leadiosa.events import emit
from tests.audit.helpers import entries, last_entry
from tests.factories import MemberFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

CONTACT_EMAIL = "ada.lovelace@example.com"
MESSAGE_TEXT = "My card number is 4242 4242 4242 4242, please call me back"


def test_token_creation_and_revocation_are_recorded_with_the_token_id(workspace):
    member = MemberFactory(workspace=workspace, role="admin")
    token, _ = token_create(member=member, name="ci")
    created = last_entry(workspace.id)
    assert (created.action, created.resource_type, created.resource_id) == (
        "token.created",
        "token",
        token.id,
    )
    token_revoke(token=token)
    revoked = last_entry(workspace.id)
    assert (revoked.action, revoked.resource_id, revoked.changes) == (
        "token.revoked",
        token.id,
        ["revoked_at"],
    )
    assert revoked.seq == created.seq + 1 and revoked.prev_hash == created.hash


def test_entry_records_actor_request_id_ip_and_changed_field_names(workspace):
    actor = Actor(type="token", id="tok_abc", user_id="usr_abc")
    with acting_as(actor, request_id="req_123", ip="203.0.113.9"):
        emit(
            "conversation.updated",
            workspace_id=workspace.id,
            resource_type="conversation",
            resource_id="conv_1",
            changes=["status", "priority"],
            data={"id": "conv_1", "status": "closed", "priority": "high"},
        )
    entry = last_entry(workspace.id)
    assert entry.action == "conversation.updated"
    assert (entry.actor_type, entry.actor_id) == ("token", "tok_abc")
    assert (entry.request_id, entry.ip) == ("req_123", "203.0.113.9")
    assert entry.changes == ["priority", "status"]
    assert entry.id.startswith("aud_")


def test_system_actor_has_no_id(workspace):
    with acting_as(SYSTEM):
        emit("conversation.updated", workspace_id=workspace.id, resource_type="conversation", resource_id="c")
    entry = last_entry(workspace.id)
    assert (entry.actor_type, entry.actor_id) == ("system", "")


def test_no_entry_holds_message_text_or_contact_pii(workspace):
    contact = {"id": "ct_1", "email": CONTACT_EMAIL, "name": "Ada Lovelace", "phone": "+441234567"}
    emit(
        "contact.updated",
        workspace_id=workspace.id,
        resource_type="contact",
        resource_id="ct_1",
        data=contact,
        previous_attributes={"email": "old." + CONTACT_EMAIL},
        changes=["email", "attributes.plan", "attributes." + CONTACT_EMAIL, CONTACT_EMAIL, "name is Ada"],
        contact_id="ct_1",
    )
    emit(
        "message.created",
        workspace_id=workspace.id,
        resource_type="message",
        resource_id="msg_1",
        data={"id": "msg_1", "body": MESSAGE_TEXT},
        contact_id="ct_1",
        body=MESSAGE_TEXT,
    )
    dumped = json.dumps([entry_values(e) for e in entries(workspace.id)])
    for secret in (CONTACT_EMAIL, "Ada Lovelace", "+441234567", MESSAGE_TEXT, "4242"):
        assert secret not in dumped
    assert last_entry(workspace.id).changes == []
    assert entries(workspace.id)[-2].changes == ["attributes", "email"]


def entry_values(entry: AuditEntry) -> dict:
    return {f.attname: str(getattr(entry, f.attname)) for f in AuditEntry._meta.fields}


def test_contact_erased_keeps_only_the_id(workspace):
    emit(
        "contact.erased",
        workspace_id=workspace.id,
        resource_type="contact",
        resource_id="ct_9",
        changes=["email", "name"],
        data={"id": "ct_9"},
    )
    entry = last_entry(workspace.id)
    assert (entry.action, entry.resource_id, entry.changes) == ("contact.erased", "ct_9", [])


def test_invalid_ip_is_not_stored(workspace):
    with acting_as(SYSTEM, ip="not-an-ip; DROP TABLE"):
        emit("x.updated", workspace_id=workspace.id, resource_type="x", resource_id="x_1")
    assert last_entry(workspace.id).ip == ""


def test_rolled_back_change_leaves_no_entry(workspace):
    seal_pending()
    before = AuditEntry.all_workspaces.filter(workspace_id=workspace.id).count()
    head_before = AuditChainHead.objects.filter(workspace_id=workspace.id).first()
    with pytest.raises(RuntimeError), transaction.atomic():
        emit("conversation.updated", workspace_id=workspace.id, resource_type="c", resource_id="c")
        raise RuntimeError("boom")
    assert AuditEntry.all_workspaces.filter(workspace_id=workspace.id).count() == before
    seal_pending()
    head_after = AuditChainHead.objects.filter(workspace_id=workspace.id).first()
    assert (head_after and head_after.seq) == (head_before and head_before.seq)


def test_each_workspace_has_its_own_chain(workspace, other_workspace):
    for ws in (workspace, other_workspace, workspace):
        emit("conversation.updated", workspace_id=ws.id, resource_type="c", resource_id="c")
    first = entries(workspace.id)
    second = entries(other_workspace.id)
    assert [e.seq for e in first] == list(range(1, len(first) + 1))
    assert [e.seq for e in second] == list(range(1, len(second) + 1))
    assert first[0].prev_hash == GENESIS == second[0].prev_hash
    for chain in (first, second):
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.prev_hash == before.hash


def test_new_workspace_chain_starts_at_genesis(db):
    workspace = WorkspaceFactory()
    emit("workspace.updated", workspace_id=workspace.id, resource_type="workspace", resource_id=workspace.id)
    (entry,) = entries(workspace.id)
    assert (entry.seq, entry.prev_hash) == (1, GENESIS)
    assert AuditChainHead.objects.get(workspace_id=workspace.id).hash == entry.hash
