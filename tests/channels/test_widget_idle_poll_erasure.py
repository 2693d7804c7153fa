"""An erased contact's old credential never opens the database-free idle poll again — not even when a
full read that found the visitor before the erasure committed writes its memory back after it (the
erasure marks the visitors erased and moves the stamps of their conversations)."""

from __future__ import annotations

import time

import pytest

from apps.channels_widget import live
from apps.channels_widget.models import WidgetVisitor
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


def _erase(owner, conversation_id: str, capture) -> None:
    contact_id = owner.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    with capture(execute=True):
        assert owner.api.delete(f"contacts/{contact_id}").status_code in (200, 204)


def test_a_read_in_flight_cannot_bring_an_erased_visitor_back(
    shop, owner, django_capture_on_commit_callbacks
):
    visitor, conversation_id, last = primed(shop)
    # What a full read in flight holds: the visitor row and the conversation's stamp, read before the
    # erasure commits, and the state it remembers once it has answered.
    in_flight = WidgetVisitor.objects.for_workspace(shop.id).get()
    version = live.current_version(conversation_id)
    workspace_version = live.workspace_version(shop.id)
    _erase(owner, conversation_id, django_capture_on_commit_callbacks)

    live.remember_visitor(in_flight)
    live.remember_state(
        conversation_id,
        version=version,
        workspace_version=workspace_version,
        contact_id=in_flight.contact_id,
        last=last,
        state={"status": "open", "handled_by": "human"},
    )
    started = time.monotonic()
    assert poll(visitor, conversation_id, last, LONG).status_code == 404
    assert time.monotonic() - started < AT_ONCE


def test_the_erasure_forgets_the_conversations_and_moves_their_stamps(
    shop, owner, django_capture_on_commit_callbacks
):
    visitor, conversation_id, last = primed(shop)
    assert live.cache.get(live._state_key(conversation_id)) is not None
    version = live.current_version(conversation_id)
    _erase(owner, conversation_id, django_capture_on_commit_callbacks)
    assert live.cache.get(live._state_key(conversation_id)) is None
    assert live.current_version(conversation_id) != version
    assert poll(visitor, conversation_id, last, LONG).status_code == 404
