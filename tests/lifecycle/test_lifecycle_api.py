from datetime import timedelta

import pytest
from django.utils import timezone

from apps.workspaces.models import Workspace, WorkspaceArchive
from leadiosa.timestamps import format_timestamp
from tests.audit.helpers import backdate_seals
from tests.lifecycle.helpers import populate

POSTS = ["workspace/archive", "workspace/close", "workspace/restore"]


def test_close_makes_writes_conflict_reads_work_and_restore_reopens(
    eager_tasks, owner, agent, workspace, django_capture_on_commit_callbacks
):
    populate(owner, conversations=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.api.post("workspace/close")
    assert response.status_code == 200
    body = response.json()
    workspace.refresh_from_db()
    assert body["status"] == "closed"
    assert body["closed_at"] == format_timestamp(workspace.closed_at)
    assert body["purge_after"] == format_timestamp(workspace.closed_at + timedelta(days=30))

    write = agent.api.post("contacts", {"email": "late@example.org"})
    assert write.status_code == 409
    assert write.json()["error"]["code"] == "workspace_closed"
    assert (
        owner.api.patch(
            f"contacts/{agent.api.get('contacts').json()['data'][0]['id']}", {"name": "x"}
        ).json()["error"]["code"]
        == "workspace_closed"
    )
    assert agent.api.get("conversations").status_code == 200
    shown = agent.api.get("workspace").json()
    assert (shown["status"], shown["purge_after"]) == ("closed", body["purge_after"])
    # Closing built the archive.
    assert owner.api.get("workspace/archive-status").json()["status"] == "ready"

    response = owner.api.post("workspace/restore")
    assert response.status_code == 200
    assert response.json()["status"] == "active"
    assert "purge_after" not in response.json() and "closed_at" not in response.json()
    assert agent.api.post("contacts", {"email": "back@example.org"}).status_code == 201
    assert "purge_after" not in agent.api.get("workspace").json()


def test_closing_twice_conflicts(owner):
    assert owner.api.post("workspace/close").status_code == 200
    response = owner.api.post("workspace/close")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workspace_closed"


def test_restoring_an_active_workspace_conflicts(owner):
    response = owner.api.post("workspace/restore")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workspace_not_closed"


def test_restoring_after_the_grace_period_conflicts(owner, workspace):
    assert owner.api.post("workspace/close").status_code == 200
    Workspace.objects.filter(id=workspace.id).update(purge_after=timezone.now() - timedelta(seconds=1))
    backdate_seals(workspace.id)  # the database's clock agrees: the closing is past the grace
    response = owner.api.post("workspace/restore")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "restore_period_expired"


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("persona", ["admin", "agent", "reader"])
def test_lifecycle_posts_need_the_owner_role(personas, persona, path):
    response = personas[persona].api.post(path)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_an_owners_read_only_token_cannot_close(workspace, owner):
    from tests.conftest import make_persona

    read_only_owner = make_persona(workspace, "owner", scope="read", member=owner.member)
    response = read_only_owner.api.post("workspace/close")
    assert response.status_code == 403
    workspace.refresh_from_db()
    assert workspace.status == "active"


@pytest.mark.parametrize("path", POSTS + ["workspace/archive-status"])
def test_lifecycle_endpoints_need_a_token(anonymous, path):
    response = anonymous.post(path) if path in POSTS else anonymous.get(path)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_token"


@pytest.mark.parametrize("path", POSTS)
def test_lifecycle_posts_refuse_any_body_field(owner, path):
    response = owner.api.post(path, {"status": "closed"})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "status"


def test_closing_one_workspace_leaves_the_other_open(owner, stranger, other_workspace):
    assert stranger.api.post("workspace/close").status_code == 200
    assert owner.api.get("workspace").json()["status"] == "active"
    assert owner.api.post("contacts", {"email": "still@example.org"}).status_code == 201
    other_workspace.refresh_from_db()
    assert other_workspace.status == "closed"


def test_lifecycle_changes_are_audited(eager_tasks, owner, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/close")
    owner.api.post("workspace/restore")
    actions = [e["action"] for e in admin.api.get("audit", {"resource_type": "workspace"}).json()["data"]]
    for action in (
        "workspace.closed",
        "workspace.restored",
        "workspace.archive.requested",
        "workspace.archive.ready",
    ):
        assert action in actions
    closed = admin.api.get("audit", {"action": "workspace.closed"}).json()["data"][0]
    assert closed["actor"] == {"type": "token", "id": owner.token.id}
    assert closed["changes"] == ["closed_at", "purge_after", "status"]


def test_webhook_subscribers_get_closed_restored_and_archive_ready(
    eager_tasks, owner, django_capture_on_commit_callbacks
):
    from apps.webhooks.models import WebhookEvent

    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("webhooks", {"url": "https://hooks.example.com/x", "events": ["*"]})
        owner.api.post("workspace/close")
        owner.api.post("workspace/restore")
    types = list(
        WebhookEvent.all_workspaces.filter(workspace=owner.workspace)
        .order_by("created_at")
        .values_list("type", flat=True)
    )
    assert (
        "workspace.closed" in types and "workspace.restored" in types and "workspace.archive.ready" in types
    )


def test_archive_status_is_none_before_any_archive(agent):
    response = agent.api.get("workspace/archive-status")
    assert response.status_code == 200
    assert response.json() == {"status": "none"}


def test_archive_request_is_accepted_and_becomes_ready(
    eager_tasks, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.api.post("workspace/archive")
    assert response.status_code == 202
    assert response.json()["status"] == "building"
    status = owner.api.get("workspace/archive-status").json()
    assert status["status"] == "ready"
    assert status["size_bytes"] > 0
    assert status["download_url"].startswith("http://testserver/api/v1/workspace/archive/download?signature=")
    assert status["expires_at"] > status["completed_at"] >= status["requested_at"]


@pytest.mark.parametrize("persona", ["admin", "agent", "reader"])
def test_only_owners_get_the_download_link(
    eager_tasks, personas, owner, persona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    status = personas[persona].api.get("workspace/archive-status").json()
    assert status["status"] == "ready"
    assert "download_url" not in status and "expires_at" not in status


def test_a_second_archive_while_one_builds_conflicts(owner, workspace):
    WorkspaceArchive.all_workspaces.create(workspace=workspace)
    response = owner.api.post("workspace/archive")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "archive_in_progress"
    assert owner.api.get("workspace/archive-status").json()["status"] == "building"


def test_a_closed_workspace_can_still_export(eager_tasks, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/close")
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.api.post("workspace/archive")
    assert response.status_code == 202


def test_archive_status_of_another_workspace_never_shows(owner, stranger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stranger.api.post("workspace/archive")
    assert owner.api.get("workspace/archive-status").json() == {"status": "none"}


def test_a_retried_close_with_the_same_idempotency_key_is_replayed(owner):
    first = owner.api.post("workspace/close", headers={"Idempotency-Key": "close-1"})
    again = owner.api.post("workspace/close", headers={"Idempotency-Key": "close-1"})
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_archive_status_costs_one_query(
    eager_tasks, owner, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    owner.api.get("workspace/archive-status")
    with django_assert_max_num_queries(1):
        assert owner.api.get("workspace/archive-status").json()["status"] == "ready"
