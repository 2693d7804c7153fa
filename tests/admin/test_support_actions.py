"""Support actions outside the browser tests: the archive download link (shown in the response only,
audited), refusals shown on the form, and the reason kept in the admin's log with the request id."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.workspaces.models import WorkspaceArchive
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(email="support@leadiosa.test", is_staff=True, is_superuser=True))
    return client


def test_archive_link_is_refused_until_one_is_ready_then_shown_once(staff_client, owner, settings):
    url = reverse("admin:workspaces_workspace_archive_link", args=[owner.workspace.id])
    refused = staff_client.post(url, {"reason": "customer lost access"})
    assert refused.status_code == 200 and "There is no ready archive" in refused.content.decode()
    assert not AuditEntry.all_workspaces.filter(action="workspace.archive.link_issued").exists()

    WorkspaceArchive.all_workspaces.create(
        workspace=owner.workspace, status=WorkspaceArchive.Status.READY, file_name="archives/x.zip"
    )
    shown = staff_client.post(url, {"reason": "customer lost access"})
    body = shown.content.decode()
    assert shown.status_code == 200 and f"{settings.PUBLIC_BASE_URL}/" in body and "signature=" in body
    assert "archives/x.zip" not in body
    assert "signature" not in "".join(c.value for c in shown.cookies.values())
    entry = AuditEntry.all_workspaces.get(action="workspace.archive.link_issued")
    assert entry.actor_type == "user" and entry.request_id == shown["X-Request-Id"]
    log = LogEntry.objects.get(change_message__contains="customer lost access")
    assert shown["X-Request-Id"] in log.change_message


def test_a_refused_transfer_changes_nothing(staff_client, owner, agent):
    url = reverse("admin:workspaces_workspace_transfer", args=[owner.workspace.id])
    response = staff_client.post(url, {"member": owner.member.id, "demote": "on", "reason": "x"})
    assert response.status_code == 200  # an owner is not offered as the new owner
    assert "errorlist" in response.content.decode()
    owner.member.refresh_from_db()
    assert owner.member.role == "owner"
