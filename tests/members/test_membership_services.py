"""Services behind Settings: token rotation, role changes, removal, invitations, webhook re-enable and
redelivery. Real PostgreSQL and Redis; the API is the witness of what a token may still do."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from apps.audit.models import AuditEntry
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from apps.webhooks.redelivery import delivery_redeliver, webhook_create_checked, webhook_update
from apps.webhooks.services import webhook_send_test
from apps.workspaces import invitations
from apps.workspaces.membership import (
    member_change_role,
    member_remove,
    token_rotate,
    workspace_rename,
)
from apps.workspaces.models import Invitation, Member
from leadiosa.context import Actor, acting_as
from leadiosa.errors import Conflict, Forbidden, InvalidInput, NotFound
from leadiosa.tenancy import with_workspace
from tests.conftest import ApiClient, make_persona

pytestmark = pytest.mark.django_db


def _as(persona):
    return acting_as(Actor(type="user", id=persona.user_id, user_id=persona.user_id))


def _actions(workspace_id: str) -> list[str]:
    return list(
        AuditEntry.objects.for_workspace(workspace_id)
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_rotation_keeps_name_role_scope_and_kills_the_old_token_at_once(owner, workspace):
    persona = make_persona(workspace, "admin", scope="read")
    assert persona.api.get("workspace").status_code == 200  # cached now
    with with_workspace(workspace.id), _as(persona):
        new, plaintext = token_rotate(token=persona.token, actor=persona.member)
    assert persona.api.get("workspace").status_code == 401
    assert (new.name, new.role, new.scope, new.member_id) == (
        "admin-read",
        "admin",
        "read",
        persona.member.id,
    )
    assert ApiClient(plaintext).get("workspace").status_code == 200
    assert {"token.revoked", "token.created", "token.rotated"} <= set(_actions(workspace.id))
    with with_workspace(workspace.id), pytest.raises(Conflict):
        token_rotate(token=persona.token)


def test_an_admin_cannot_rotate_or_take_an_owners_token(owner, admin, workspace):
    with with_workspace(workspace.id), pytest.raises(Forbidden):
        token_rotate(token=owner.token, actor=admin.member)
    assert owner.api.get("workspace").status_code == 200


def test_role_change_rules_and_immediate_effect(owner, admin, agent, workspace):
    assert agent.api.get("webhooks").status_code == 403
    with with_workspace(workspace.id), _as(admin):
        with pytest.raises(Forbidden):  # never above your own
            member_change_role(actor=admin.member, member=agent.member, role="owner")
        with pytest.raises(Forbidden):  # admins manage agents, not other admins or owners
            member_change_role(actor=admin.member, member=owner.member, role="agent")
        member_change_role(actor=admin.member, member=agent.member, role="admin")
    # The agent's token was minted as agent: still agent (a token never exceeds its own role)...
    assert agent.api.get("me").json()["token"]["role"] == "agent"
    with with_workspace(workspace.id), _as(owner):
        member_change_role(actor=owner.member, member=admin.member, role="agent")
    # ...and a demoted member's admin token drops to agent on its very next request.
    assert admin.api.get("webhooks").status_code == 403
    assert admin.api.get("me").json()["token"]["role"] == "agent"
    assert "member.updated" in _actions(workspace.id)


def test_there_is_always_an_owner(owner, workspace):
    with with_workspace(workspace.id), _as(owner):
        with pytest.raises(Conflict) as demote:
            member_change_role(actor=owner.member, member=owner.member, role="admin")
        assert demote.value.code == "last_owner"
        with pytest.raises(Conflict):
            member_remove(actor=owner.member, member=owner.member)
        second = make_persona(workspace, "owner")
        member_change_role(actor=owner.member, member=owner.member, role="admin")
    assert Member.objects.for_workspace(workspace.id).get(pk=second.member.pk).role == "owner"


def test_removal_revokes_every_token_at_once(owner, agent, workspace):
    assert agent.api.get("workspace").status_code == 200
    with with_workspace(workspace.id), _as(owner):
        member_remove(actor=owner.member, member=agent.member)
    assert agent.api.get("workspace").status_code == 401
    assert not Member.objects.for_workspace(workspace.id).filter(pk=agent.member.pk).exists()
    assert {"token.revoked", "member.removed"} <= set(_actions(workspace.id))


def test_rename(owner, workspace):
    with with_workspace(workspace.id), _as(owner):
        with pytest.raises(InvalidInput):
            workspace_rename(workspace=workspace, name="   ")
        workspace_rename(workspace=workspace, name="  Acme Support ")
    assert owner.api.get("workspace").json()["name"] == "Acme Support"


def _link(email: str) -> str:
    [message] = [m for m in mail.outbox if email in m.to]
    return re.search(r"/invitations/(\S+)/", message.body).group(1)


def test_invitation_lifecycle(owner, admin, workspace, django_capture_on_commit_callbacks):
    with with_workspace(workspace.id), _as(admin):
        with pytest.raises(Forbidden):
            invitations.invitation_create(actor=admin.member, email="boss@example.com", role="owner")
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitations.invitation_create(
                actor=admin.member, email="New@Example.com", role="admin"
            )
        with pytest.raises(Conflict):
            invitations.invitation_create(actor=admin.member, email="new@example.com", role="agent")
        with pytest.raises(Conflict):
            invitations.invitation_create(actor=admin.member, email=owner.member.user.email, role="agent")
    first = _link("new@example.com")
    assert mail.outbox[-1].body.count("http://testserver/invitations/") == 1
    with with_workspace(workspace.id), _as(admin), django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_resend(actor=admin.member, invitation=invitation)
    second = (
        _link("new@example.com")
        if len(mail.outbox) == 1
        else re.search(r"/invitations/(\S+)/", mail.outbox[-1].body).group(1)
    )
    assert second != first
    with pytest.raises(NotFound):  # a resend makes the older link useless
        invitations.invitation_accept(token=first, password="a long enough passphrase 42")
    with pytest.raises(NotFound):
        invitations.invitation_accept(token=second[:-2] + "xx", password="a long enough passphrase 42")
    with pytest.raises(InvalidInput):
        invitations.invitation_accept(token=second, password="short")
    member = invitations.invitation_accept(token=second, password="a long enough passphrase 42", name="Nova")
    assert (member.role, member.user.email, member.user.first_name) == ("admin", "new@example.com", "Nova")
    assert member.user.check_password("a long enough passphrase 42")
    with pytest.raises(NotFound):  # used
        invitations.invitation_accept(token=second, password="a long enough passphrase 42")
    assert {"invitation.created", "invitation.resent", "invitation.accepted", "member.created"} <= set(
        _actions(workspace.id)
    )


def test_canceled_and_expired_invitations_do_not_open(owner, workspace, django_capture_on_commit_callbacks):
    with with_workspace(workspace.id), _as(owner), django_capture_on_commit_callbacks(execute=True):
        canceled = invitations.invitation_create(actor=owner.member, email="c@example.com", role="agent")
        expired = invitations.invitation_create(actor=owner.member, email="e@example.com", role="agent")
        invitations.invitation_cancel(actor=owner.member, invitation=canceled)
    Invitation.objects.for_workspace(workspace.id).filter(pk=expired.pk).update(expires_at=timezone.now())
    for email in ("c@example.com", "e@example.com"):
        with pytest.raises(NotFound):
            invitations.invitation_from_link(_link(email))


def test_another_workspaces_invitation_is_not_ours(
    owner, stranger, workspace, django_capture_on_commit_callbacks
):
    with (
        with_workspace(stranger.workspace.id),
        _as(stranger),
        django_capture_on_commit_callbacks(execute=True),
    ):
        theirs = invitations.invitation_create(actor=stranger.member, email="x@example.com", role="agent")
    with with_workspace(workspace.id), pytest.raises(NotFound):
        invitations.invitation_cancel(actor=owner.member, invitation=theirs)


def test_webhook_re_enable_and_redelivery(
    admin, workspace, local_delivery_settings, eager_tasks, django_capture_on_commit_callbacks
):
    from tests.webhooks.receiver import Answer, Receiver

    receiver = Receiver().start()
    try:
        receiver.default = Answer(status=500)
        with with_workspace(workspace.id), _as(admin):
            with pytest.raises(InvalidInput):
                webhook_create_checked(url=receiver.url, events=["nope"])
            endpoint, _secret = webhook_create_checked(url=receiver.url, events=["webhook.test"])
            with django_capture_on_commit_callbacks(execute=True):
                delivery = webhook_send_test(endpoint=endpoint, data={})
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
        receiver.default = Answer(status=200)
        with with_workspace(workspace.id), _as(admin):
            webhook_update(endpoint=endpoint, status="disabled")
            with pytest.raises(Conflict):
                delivery_redeliver(delivery=delivery)
            webhook_update(endpoint=endpoint, status="enabled")
            with django_capture_on_commit_callbacks(execute=True):
                delivery_redeliver(delivery=delivery)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 2, 200)
        assert receiver.requests[0].headers["webhook-id"] == receiver.requests[1].headers["webhook-id"]
        assert WebhookEndpoint.objects.for_workspace(workspace.id).get(pk=endpoint.pk).failing_since is None
        assert {"webhook.updated", "webhook.enabled", "webhook.delivery_retried"} <= set(
            _actions(workspace.id)
        )
        assert WebhookDelivery.objects.for_workspace(workspace.id).count() == 1
    finally:
        receiver.stop()


@pytest.fixture
def local_delivery_settings(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    return settings


def test_another_workspaces_member_and_token_are_not_ours(owner, stranger, workspace):
    with with_workspace(workspace.id), _as(owner):
        for call in (
            lambda: member_change_role(actor=owner.member, member=stranger.member, role="agent"),
            lambda: member_remove(actor=owner.member, member=stranger.member),
            lambda: token_rotate(token=stranger.token, actor=owner.member),
        ):
            with pytest.raises(NotFound):
                call()
    assert stranger.api.get("workspace").status_code == 200


def test_removal_unassigns_open_conversations_only(owner, agent, workspace):
    open_one = owner.api.post(
        "conversations", {"contact": {"email": "a@example.com"}, "assignee_id": agent.user_id}
    ).json()
    closed_one = owner.api.post(
        "conversations", {"contact": {"email": "b@example.com"}, "assignee_id": agent.user_id}
    ).json()
    assert owner.api.patch(f"conversations/{closed_one['id']}", {"status": "closed"}).status_code == 200
    with with_workspace(workspace.id), _as(owner):
        member_remove(actor=owner.member, member=agent.member)
    assert "assignee_id" not in owner.api.get(f"conversations/{open_one['id']}").json()
    assert owner.api.get(f"conversations/{closed_one['id']}").json()["assignee_id"] == agent.user_id
    assert "conversation.assigned" in _actions(workspace.id)
