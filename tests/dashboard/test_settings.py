"""Settings pages over HTTP (Django's client, signed in as a persona): what each page shows, the
plaintext shown once, actors in the audit log, the closed workspace, and the invitation link."""

from __future__ import annotations

import json

import pytest

from apps.audit.models import AuditEntry
from apps.workspaces.models import ApiToken
from tests.conftest import ApiClient, make_persona

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _settings(workspace, page: str) -> str:
    return f"/app/{workspace.id}/settings/{page}"


def test_an_agent_sees_only_their_own_tokens_and_mints_only_their_role(agent, admin, workspace):
    client = signed_in(agent)
    page = client.get(_settings(workspace, "api/tokens/")).content.decode()
    assert agent.token.id in page
    assert admin.token.id not in page
    assert '<option value="admin"' not in page
    refused = client.post(
        _settings(workspace, "api/tokens/"), {"name": "x", "role": "owner", "scope": "read"}
    )
    assert refused.status_code == 400
    assert ApiToken.objects.for_workspace(workspace.id).filter(name="x").count() == 0
    # another member's token: the same 404 as a missing one
    assert client.post(_settings(workspace, f"api/tokens/{admin.token.id}/revoke/")).status_code == 404
    assert admin.api.get("workspace").status_code == 200


def test_the_plaintext_is_shown_once_and_the_audit_names_the_user(admin, workspace):
    client = signed_in(admin)
    created = client.post(
        _settings(workspace, "api/tokens/"),
        {"name": "Zapier", "role": "admin", "scope": "read", "expires_in_days": "30"},
    )
    assert created.status_code == 302
    first = client.get(created["Location"]).content.decode()
    token = ApiToken.objects.for_workspace(workspace.id).get(name="Zapier")
    plaintext = first.split('data-testid="new-token" id="new-token">')[1].split("<")[0]
    assert plaintext.startswith("lds_" + token.hint)
    assert (token.role, token.scope, token.expires_at is not None) == ("admin", "read", True)
    assert plaintext not in client.get(created["Location"]).content.decode()
    assert ApiClient(plaintext).post("contacts", {"email": "x@example.com"}).status_code == 403  # read scope
    entry = AuditEntry.objects.for_workspace(workspace.id).get(action="token.created", resource_id=token.id)
    assert (entry.actor_type, entry.actor_id) == ("user", admin.user_id)


def test_audit_page_filters_and_export_streams_jsonl(admin, workspace, stranger):
    admin.api.post("contacts", {"email": "one@example.com"})
    stranger.api.post("contacts", {"email": "theirs@example.com"})
    client = signed_in(admin)
    page = client.get(_settings(workspace, "audit/"), {"action": "contact.created"}).content.decode()
    assert page.count('data-testid="audit-row"') == 1
    export = client.get(
        _settings(workspace, "audit/export/"), {"format": "jsonl", "action": "contact.created"}
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in b"".join(export.streaming_content).decode().splitlines()]
    assert [line["action"] for line in lines] == ["contact.created"]
    assert lines[0]["actor"] == {"type": "token", "id": admin.token.id}
    assert "theirs@example.com" not in json.dumps(lines)
    assert client.get(_settings(workspace, "audit/export/"), {"format": "xml"}).status_code == 404
    bad = client.get(_settings(workspace, "audit/"), {"created_after": "yesterday"})
    assert bad.status_code == 200 and b"Check the filters" in bad.content


def test_a_closed_workspace_refuses_writes_but_the_owner_restores_it(owner, admin, workspace):
    client = signed_in(owner)
    assert client.post(_settings(workspace, "workspace/close/"), {"confirm": "wrong"}).status_code == 302
    assert owner.api.get("workspace").json()["status"] == "active"
    client.post(_settings(workspace, "workspace/close/"), {"confirm": workspace.name})
    assert owner.api.get("workspace").json()["status"] == "closed"
    page = client.get(_settings(workspace, "workspace/")).content.decode()
    assert "Restore workspace" in page and "purged after" in page
    assert client.post(_settings(workspace, "workspace/rename/"), {"name": "New"}).status_code == 409
    assert signed_in(admin).post(_settings(workspace, "workspace/restore/")).status_code == 403
    assert client.post(_settings(workspace, "workspace/restore/")).status_code == 302
    assert owner.api.get("workspace").json()["status"] == "active"
    actions = set(AuditEntry.objects.for_workspace(workspace.id).values_list("action", flat=True))
    assert {"workspace.closed", "workspace.restored"} <= actions


def test_members_page_controls_follow_the_role(owner, admin, agent, workspace):
    as_admin = signed_in(admin).get(_settings(workspace, "members/")).content.decode()
    assert f"Remove {agent.member.user.email}" in as_admin
    assert f"Remove {owner.member.user.email}" not in as_admin
    as_agent = signed_in(agent).get(_settings(workspace, "members/")).content.decode()
    assert "Remove " not in as_agent and "Send invitation" not in as_agent
    refused = signed_in(admin).post(_settings(workspace, f"members/{owner.member.id}/remove/"))
    assert refused.status_code == 403 and b"cannot remove" in refused.content
    assert owner.api.get("workspace").status_code == 200


def test_invitation_link_errors_are_one_page(client):
    for token in ("nonsense", "eyJhbGciOi.x.y"):
        response = client.get(f"/invitations/{token}/")
        assert response.status_code == 404
        assert b"invalid or has expired" in response.content


def test_billing_page_shows_plan_seats_and_an_svg(admin, workspace):
    make_persona(workspace, "agent")
    page = signed_in(admin).get(_settings(workspace, "billing/")).content.decode()
    assert 'data-testid="ai-usage-chart"' in page and "<svg" in page
    assert page.count('data-testid="threshold"') == 2
    assert "2 of" in page  # seats used: admin and the agent
    assert "No AI usage this period." in page


def test_archive_status_polls_while_building_then_offers_the_download(owner, workspace):
    from apps.workspaces import lifecycle

    client = signed_in(owner)
    assert client.post(_settings(workspace, "workspace/archive/")).status_code == 302  # queued, no worker
    building = client.get(_settings(workspace, "workspace/archive/status/")).content.decode()
    assert 'data-testid="archive-status">building<' in building
    assert 'hx-trigger="every 2s"' in building
    archive = lifecycle.archive_latest(workspace_id=workspace.id)
    lifecycle.archive_build(workspace_id=workspace.id, archive_id=archive.pk)  # what the worker does
    ready = client.get(_settings(workspace, "workspace/archive/status/")).content.decode()
    assert 'data-testid="archive-status">ready<' in ready
    assert "hx-trigger" not in ready
    href = ready.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert href.startswith("/api/v1/workspace/archive/download?signature=")
    download = client.get(href)
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


@pytest.mark.parametrize("page", ["api/tokens/", "members/", "webhooks/", "audit/", "webhook"])
def test_settings_pages_cost_the_same_queries_whatever_their_length(
    page, owner, workspace, count_queries, django_capture_on_commit_callbacks
):
    from apps.webhooks.services import webhook_create, webhook_send_test
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    with with_workspace(workspace.id), acting_as(SYSTEM):
        endpoint, _ = webhook_create(url="https://hooks.example.com/x", events=["*"])

    def grow():
        make_persona(workspace, "agent")
        with with_workspace(workspace.id), acting_as(SYSTEM):
            webhook_create(url="https://hooks.example.com/y", events=["*"])
            webhook_send_test(endpoint=endpoint, data={})

    client = signed_in(owner)
    path = _settings(workspace, f"webhooks/{endpoint.id}/" if page == "webhook" else page)
    grow()
    client.get(path)  # warm the session and caches
    _, small = count_queries(lambda: client.get(path))
    for _ in range(3):
        grow()
    response, large = count_queries(lambda: client.get(path))
    assert response.status_code == 200
    assert large == small, (page, small, large)


def test_audit_page_shows_each_entrys_source(admin, workspace):
    """Where the change came from (content_version 2): the API, the dashboard, the admin or the system."""
    contact_id = admin.api.post("contacts", {"email": "one@example.com"}).json()["id"]
    client = signed_in(admin)
    client.post(_settings(workspace, "api/tokens/"), {"name": "Zapier", "role": "admin", "scope": "read"})
    token_id = ApiToken.objects.for_workspace(workspace.id).get(name="Zapier").id
    page = client.get(_settings(workspace, "audit/")).content.decode()
    assert "<th>Source</th>" in page
    shown = []
    for row in page.split('data-testid="audit-row"')[1:]:
        resource_id = row.split("</td>", 5)[4].split("<code>")[1].split("</code>")[0]
        shown.append((resource_id, row.split('data-testid="audit-source">', 1)[1].split("<")[0]))
    assert (contact_id, "api") in shown
    assert (token_id, "dashboard") in shown
    entries = AuditEntry.objects.for_workspace(workspace.id).values_list("resource_id", "source")
    assert sorted(shown) == sorted((resource_id, source or "—") for resource_id, source in entries)
