"""The database-free idle poll knows what the database knows about the workspace: once it is closed, the
remembered state of its conversations answers no poll (404, as a full read), without a query per poll —
the closure moves a workspace stamp that every remembered state carries."""

from __future__ import annotations

import time

import pytest

from apps.channels_widget import live
from tests.channels.conftest import AT_ONCE, LONG
from tests.channels.test_widget_idle_poll import poll, primed
from tests.channels.test_widget_public_api import SHOP

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("live_hub")]


@pytest.fixture
def shop(owner, workspace):
    workspace.assistant_enabled = False
    workspace.save(update_fields=["assistant_enabled"])
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    return workspace


def test_a_closed_workspace_answers_the_idle_poll_with_404(shop, owner, django_capture_on_commit_callbacks):
    visitor, conversation_id, last = primed(shop)
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/close", {}).status_code == 200
    assert poll(visitor, conversation_id, last, 0).status_code == 404  # the full read
    started = time.monotonic()
    assert poll(visitor, conversation_id, last, LONG).status_code == 404  # the idle poll, at once
    assert time.monotonic() - started < AT_ONCE


def test_a_state_remembered_while_the_workspace_closes_is_stale(
    shop, owner, django_capture_on_commit_callbacks
):
    """A full read that checked the workspace before the closure committed remembers after it: the stamp
    it read first is the old one, so its memory never answers."""
    visitor, conversation_id, last = primed(shop)
    before = live.workspace_version(shop.id)
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/close", {}).status_code == 200
    state = {"status": "open", "handled_by": "human"}
    contact_id = live.cache.get(live._state_key(conversation_id))["contact"]
    live.remember_state(
        conversation_id,
        version=live.current_version(conversation_id),
        workspace_version=before,
        contact_id=contact_id,
        last=last,
        state=state,
    )
    started = time.monotonic()
    assert poll(visitor, conversation_id, last, LONG).status_code == 404
    assert time.monotonic() - started < AT_ONCE


def test_a_restored_workspace_polls_again(shop, owner, django_capture_on_commit_callbacks):
    visitor, conversation_id, last = primed(shop)
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/close", {}).status_code == 200
        assert owner.api.post("workspace/restore", {}).status_code == 200
    response = poll(visitor, conversation_id, last, 0)
    assert response.status_code == 200
    assert response.json()["data"] == []
