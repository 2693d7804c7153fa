import pytest
from django.core.files.storage import default_storage

from apps.workspaces import lifecycle
from apps.workspaces.models import WorkspaceArchive
from tests.lifecycle.helpers import download, list_all, populate, read_archive


@pytest.fixture
def archived(eager_tasks, owner, admin, stranger, django_capture_on_commit_callbacks):
    """A populated workspace (and a populated stranger's), archived; returns the archive's files."""
    made = populate(owner, conversations=3, tag="acme")
    populate(stranger, conversations=2, tag="globex")
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/archive").status_code == 202
    status = owner.api.get("workspace/archive-status").json()
    assert status["status"] == "ready"
    code, content, response = download(status["download_url"])
    assert code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert len(content) == status["size_bytes"]
    return {"files": read_archive(content), "made": made}


def test_archive_matches_the_api_list_endpoints(archived, owner, admin):
    files = archived["files"]
    assert files["contacts.jsonl"] == list(reversed(list_all(owner.api, "contacts")))
    conversations = list(reversed(list_all(owner.api, "conversations")))
    assert files["conversations.jsonl"] == conversations
    messages, notes = [], []
    for conversation in conversations:
        messages += list_all(owner.api, f"conversations/{conversation['id']}/messages")
        notes += list_all(owner.api, f"conversations/{conversation['id']}/notes")
    key = lambda item: (item["created_at"], item["id"])  # noqa: E731
    assert files["messages.jsonl"] == sorted(messages, key=key)
    assert files["notes.jsonl"] == sorted(notes, key=key)
    assert files["webhooks.jsonl"] == list(reversed(list_all(admin.api, "webhooks")))
    # The audit log grows while the archive is built (the archive.ready entry): every entry in the
    # archive is the API's, and every entry from before the build is in the archive.
    audit = {entry["id"]: entry for entry in list_all(admin.api, "audit")}
    archived_audit = files["audit.jsonl"]
    assert all(audit[entry["id"]] == entry for entry in archived_audit)
    ready = [e for e in audit.values() if e["action"] == "workspace.archive.ready"]
    requested = [e for e in audit.values() if e["action"] == "workspace.archive.requested"][0]
    before = {
        i for i, e in audit.items() if (e["created_at"], i) <= (requested["created_at"], requested["id"])
    }
    assert before <= {e["id"] for e in archived_audit}
    assert ready and ready[0]["id"] not in {e["id"] for e in archived_audit}
    assert files["workspace.json"] == owner.api.get("workspace").json()
    assert files["billing_subscription.json"] == owner.api.get("billing/subscription").json()
    articles = list(reversed(list_all(owner.api, "knowledge/articles")))
    assert len(articles) == 1
    assert files["knowledge_articles.jsonl"] == articles
    manifest = files["manifest.json"]
    assert manifest["workspace_id"] == owner.workspace.id
    assert manifest["files"]["conversations.jsonl"] == 3
    assert manifest["files"]["messages.jsonl"] == 6
    assert manifest["not_included"] == []


def test_archive_holds_nothing_of_another_workspace_and_no_secret(archived):
    raw = repr(archived["files"])
    assert "globex" not in raw
    assert archived["made"]["webhook_secret"] not in raw
    assert all("secret" not in line for line in archived["files"]["webhooks.jsonl"])


def test_download_link_expires(eager_tasks, owner, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    url = owner.api.get("workspace/archive-status").json()["download_url"]
    settings.WORKSPACE_ARCHIVE_URL_TTL_SECONDS = -1
    code, body, _ = download(url)
    assert code == 403
    assert b"download_url_expired" in body


def test_a_tampered_download_link_is_refused(eager_tasks, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    url = owner.api.get("workspace/archive-status").json()["download_url"]
    code, body, _ = download(url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB"))
    assert code == 403
    assert b"invalid_signature" in body
    code, body, _ = download("http://testserver/api/v1/workspace/archive/download")
    assert code == 400
    assert b'"param":"signature"' in body.replace(b" ", b"")


def test_a_replaced_archive_is_deleted_and_its_link_dies(
    eager_tasks, owner, workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    first = WorkspaceArchive.all_workspaces.get(workspace=workspace)
    old_url = owner.api.get("workspace/archive-status").json()["download_url"]
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    assert not default_storage.exists(first.file_name)
    assert WorkspaceArchive.all_workspaces.filter(workspace=workspace).count() == 1
    code, body, _ = download(old_url)
    assert code == 404
    assert b"archive_not_found" in body
    assert download(owner.api.get("workspace/archive-status").json()["download_url"])[0] == 200


def test_a_failed_build_is_reported(
    eager_tasks, owner, workspace, monkeypatch, django_capture_on_commit_callbacks
):
    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("apps.workspaces.archive.write_archive", explode)
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    assert owner.api.get("workspace/archive-status").json()["status"] == "failed"
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/archive").status_code == 202  # a new request may follow
    assert owner.api.get("workspace/archive-status").json()["status"] == "ready"


def test_a_build_stuck_for_hours_is_failed_by_the_sweeper(workspace):
    from datetime import timedelta

    from django.utils import timezone

    stuck = WorkspaceArchive.all_workspaces.create(
        workspace=workspace, requested_at=timezone.now() - timedelta(hours=7)
    )
    recent = WorkspaceArchive.all_workspaces.create(workspace=workspace)
    assert lifecycle.archive_fail_stale() == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert (stuck.status, recent.status) == ("failed", "building")


def test_erasing_a_contact_deletes_the_archives_that_hold_it(
    eager_tasks, owner, admin, workspace, django_capture_on_commit_callbacks
):
    made = populate(owner, conversations=1, tag="erase")
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    archive = WorkspaceArchive.all_workspaces.get(workspace=workspace)
    url = owner.api.get("workspace/archive-status").json()["download_url"]
    code, content, _ = download(url)
    assert code == 200 and "erase-0@example.org" in str(read_archive(content))  # else it proves nothing
    contact_id = owner.api.get(f"conversations/{made['conversations'][0]}").json()["contact_id"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.api.delete(f"contacts/{contact_id}").status_code == 204
    assert not default_storage.exists(archive.file_name)
    assert owner.api.get("workspace/archive-status").json() == {"status": "none"}
    code, body, _ = download(url)
    assert code == 404 and b"archive_not_found" in body
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/archive").status_code == 202  # a new one, without the contact
    code, content, _ = download(owner.api.get("workspace/archive-status").json()["download_url"])
    files = read_archive(content)
    assert code == 200 and "erase-0@example.org" not in str(files)
    assert "erase-lonely@example.org" in str(files)


def test_a_build_under_way_during_an_erasure_discards_its_file(
    eager_tasks, owner, admin, workspace, monkeypatch, django_capture_on_commit_callbacks
):
    from apps.workspaces import archive as archive_module

    contact = admin.api.post("contacts", {"email": "mid-build@example.org"}).json()
    build = archive_module.build_archive_file
    built = []

    def build_then_erase(workspace_id, archive_id):
        built.append(build(workspace_id, archive_id))  # the file holds the contact...
        assert admin.api.delete(f"contacts/{contact['id']}").status_code == 204  # ...erased meanwhile
        assert owner.api.get("workspace/archive-status").json()["status"] == "failed"
        return built[0]

    monkeypatch.setattr(archive_module, "build_archive_file", build_then_erase)
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    assert built and not default_storage.exists(built[0][0])
    status = owner.api.get("workspace/archive-status").json()
    assert status["status"] == "failed" and "download_url" not in status
    archive = WorkspaceArchive.all_workspaces.get(workspace=workspace)
    assert archive.file_name == ""
    # A queued build that had not started yet does not run at all.
    WorkspaceArchive.all_workspaces.filter(pk=archive.pk).delete()
    other = admin.api.post("contacts", {"email": "queued@example.org"}).json()
    owner.api.post("workspace/archive")  # the build is queued for after commit: not run here
    queued = WorkspaceArchive.all_workspaces.get(workspace=workspace)
    assert admin.api.delete(f"contacts/{other['id']}").status_code == 204
    assert lifecycle.archive_build(workspace_id=workspace.id, archive_id=queued.pk).status == "failed"
    assert WorkspaceArchive.all_workspaces.get(pk=queued.pk).file_name == ""


def test_each_download_is_audited(eager_tasks, owner, workspace, django_capture_on_commit_callbacks):
    from apps.audit.models import AuditEntry

    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/archive")
    url = owner.api.get("workspace/archive-status").json()["download_url"]
    code, _body, _ = download(url)
    assert code == 200
    entries = AuditEntry.all_workspaces.filter(
        workspace_id=workspace.id, action="workspace.archive.downloaded"
    )
    assert entries.count() == 1
    assert entries.get().actor_type == "system"


def test_archive_audit_section_is_in_the_apis_order(
    eager_tasks, owner, workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("contacts", {"email": "order@example.com"})
        owner.api.post("workspace/archive")
    code, content, _ = download(owner.api.get("workspace/archive-status").json()["download_url"])
    assert code == 200
    audit = read_archive(content)["audit.jsonl"]
    assert len(audit) >= 2
    assert [e["created_at"] for e in audit] == sorted(e["created_at"] for e in audit)
