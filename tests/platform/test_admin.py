"""The support admin: every page renders across workspaces, tokens are minted once and never shown."""

import re

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse

from apps.workspaces.models import ApiToken, User
from tests.conftest import ApiClient


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser(
        username="staff@example.com", email="staff@example.com", password="pw"
    )
    client.force_login(user)
    return client


def test_every_admin_changelist_and_add_page_renders(staff_client, owner, stranger):
    for model, model_admin in django_admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        changelist = staff_client.get(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
        assert changelist.status_code == 200, info
        if model_admin.has_add_permission(changelist.wsgi_request):
            assert staff_client.get(reverse(f"admin:{info[0]}_{info[1]}_add")).status_code == 200, info


def test_admin_mints_a_token_shown_once_and_never_its_hash(staff_client, owner):
    response = staff_client.post(
        reverse("admin:workspaces_apitoken_add"),
        {
            "member": owner.member.id,
            "name": "from-admin",
            "role": "admin",
            "scope": "read_write",
            "reason": "ticket 1",
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = re.findall(r"lds_[A-Za-z0-9]{40}", response.content.decode())
    assert len(shown) == 1
    token = ApiToken.all_workspaces.get(name="from-admin")
    assert ApiClient(shown[0]).get("workspace").status_code == 200
    detail = staff_client.get(reverse("admin:workspaces_apitoken_change", args=[token.id])).content.decode()
    assert token.token_hash not in detail
    assert shown[0] not in detail


def test_admin_revoke_invalidates_at_once(staff_client, owner):
    assert owner.api.get("workspace").status_code == 200
    staff_client.post(
        reverse("admin:workspaces_apitoken_revoke", args=[owner.token.id]), {"reason": "leaked"}
    )
    assert owner.api.get("workspace").status_code == 401


def test_admin_forms_refuse_rows_of_another_workspace(staff_client, owner, stranger):
    from apps.conversations.models import Conversation, Message

    mine = owner.api.post("conversations", {"contact": {"email": "a@example.com"}}).json()
    theirs = stranger.api.post("conversations", {"contact": {"email": "b@example.com"}}).json()
    message = Message.all_workspaces.create(
        workspace=owner.workspace,
        conversation=Conversation.all_workspaces.get(id=mine["id"]),
        author_type="agent",
        body="hello",
    )
    response = staff_client.post(
        reverse("admin:conversations_message_change", args=[message.id]),
        {"conversation": theirs["id"], "author_type": "agent", "body": "moved"},
    )
    assert response.status_code == 403  # messages are read-only in the admin (issue 17)
    assert Message.all_workspaces.get(id=message.id).conversation_id == mine["id"]
