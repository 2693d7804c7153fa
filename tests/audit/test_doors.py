"""Other doors into the data record too (operator commands), and the admin's audit browser is read-only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from apps.audit.models import AuditEntry
from apps.workspaces.models import User
from leadiosa.events import emit
from tests.audit.helpers import last_entry

pytestmark = pytest.mark.django_db


def test_token_minted_by_the_operator_command_is_recorded_as_system(workspace):
    out = StringIO()
    call_command(
        "token",
        "create",
        "--workspace",
        workspace.id,
        "--email",
        "ops@example.com",
        "--role",
        "agent",
        stdout=out,
    )
    entry = last_entry(workspace.id)
    assert entry.action == "token.created"
    assert entry.actor_type == "system"
    assert out.getvalue().strip().splitlines()[-1] not in str(
        AuditEntry.all_workspaces.filter(workspace_id=workspace.id).values_list()
    )  # the plaintext token never reaches the log


@pytest.fixture
def staff_client(db) -> Client:
    user = User.objects.create_superuser(
        username="support@example.com", email="support@example.com", password="x"
    )
    client = Client()
    client.force_login(user)
    return client


def test_admin_audit_browser_lists_entries_but_cannot_change_them(staff_client, workspace):
    emit(
        "conversation.updated",
        workspace_id=workspace.id,
        resource_type="conversation",
        resource_id="conv_adm",
    )
    entry = last_entry(workspace.id)
    changelist = staff_client.get("/admin/audit/auditentry/", {"q": "conv_adm"})
    assert changelist.status_code == 200
    assert entry.id in changelist.content.decode()
    detail = staff_client.get(f"/admin/audit/auditentry/{entry.id}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert staff_client.get("/admin/audit/auditentry/add/").status_code == 403
    assert (
        staff_client.post(f"/admin/audit/auditentry/{entry.id}/delete/", {"post": "yes"}).status_code == 403
    )
    assert (
        staff_client.post(f"/admin/audit/auditentry/{entry.id}/change/", {"action": "x"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.action == "conversation.updated"


def test_a_change_made_in_the_admin_is_recorded_as_the_staff_user(staff_client, admin):
    conversation = admin.api.post(
        "conversations", {"contact": {"email": "a@example.com"}, "handled_by": "human"}
    )
    conv_id = conversation.json()["id"]
    response = staff_client.post(
        f"/admin/conversations/conversation/{conv_id}/change/",
        {"status": "open", "priority": "urgent", "subject": "", "tags": "", "handled_by": "human"},
    )
    assert response.status_code == 302
    entry = last_entry(admin.workspace.id)
    staff = User.objects.get(email="support@example.com")
    assert (entry.action, entry.resource_id) == ("conversation.updated", conv_id)
    assert entry.request_id.startswith("req_")
    assert (entry.actor_type, entry.actor_id) == ("user", staff.id)
    assert entry.ip == "127.0.0.1"


def test_a_change_made_by_a_celery_task_is_recorded_as_system(eager_tasks, admin):
    from apps.knowledge.tasks import ingest_article

    article = admin.api.post("knowledge/articles", {"title": "Shipping", "body": "We ship in 2 days."}).json()
    ingest_article.delay(admin.workspace.id, article["id"])  # eager in tests
    entry = last_entry(admin.workspace.id)
    assert (entry.action, entry.resource_id) == ("knowledge.article.ingested", article["id"])
    assert (entry.actor_type, entry.actor_id, entry.request_id) == ("system", "", "")


def test_admin_audit_browser_shows_the_chain_position(staff_client, workspace):
    emit(
        "conversation.updated", workspace_id=workspace.id, resource_type="conversation", resource_id="conv_s"
    )
    entry = last_entry(workspace.id)  # sealed
    page = staff_client.get(f"/admin/audit/auditentry/{entry.id}/change/").content.decode()
    assert entry.hash in page
