"""GET /workspace answers from what the token's authentication already read (TokenContext.workspace):
no query of its own, and never stale after a change to what it shows."""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.billing.models import Plan
from apps.billing.services import subscription_change_plan
from apps.workspaces.membership import workspace_rename
from apps.workspaces.models import Workspace
from apps.workspaces.representation import workspace_representation


def test_a_cached_token_reads_the_workspace_without_a_query(owner, workspace):
    assert owner.api.get("workspace").status_code == 200  # the token is now cached
    for _attempt in range(2):
        minute = int(time.time()) // 60
        with CaptureQueriesContext(connection) as queries:
            response = owner.api.get("workspace")
        # A token's first request of a minute records its use (one UPDATE): try again in that case.
        if int(time.time()) // 60 == minute and len(queries) <= 1:
            break
    assert response.status_code == 200
    assert [q["sql"] for q in queries] == []
    assert response.json() == workspace_representation(Workspace.objects.get(pk=workspace.pk))


def test_every_change_to_the_workspace_shows_on_the_next_read_of_a_cached_token(
    eager_tasks, owner, agent, workspace, django_capture_on_commit_callbacks
):
    assert agent.api.get("workspace").json()["name"] == "Acme"  # cached from here on

    with django_capture_on_commit_callbacks(execute=True):
        workspace_rename(workspace=workspace, name="Acme Support")
    assert agent.api.get("workspace").json()["name"] == "Acme Support"

    Plan.objects.get_or_create(id="scale", defaults={"name": "Scale", "rate_limit_per_minute": 600})
    with django_capture_on_commit_callbacks(execute=True):
        subscription_change_plan(workspace_id=workspace.id, plan_id="scale")
    assert agent.api.get("workspace").json()["plan"] == "scale"

    with django_capture_on_commit_callbacks(execute=True):
        closed = owner.api.post("workspace/close").json()
    shown = agent.api.get("workspace").json()
    assert (shown["status"], shown["closed_at"], shown["purge_after"]) == (
        "closed",
        closed["closed_at"],
        closed["purge_after"],
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/restore").status_code == 200
    shown = agent.api.get("workspace").json()
    assert shown["status"] == "active"
    assert "closed_at" not in shown and "purge_after" not in shown
    assert shown == workspace_representation(Workspace.objects.get(pk=workspace.pk))
