"""The idle long poll needs no database: once a full read has remembered the conversation, a poll that
has nothing to learn waits on Redis alone — and anything else (a change since, another visitor's
credential, an erased visitor) goes back to the database, which decides as always."""

from __future__ import annotations

import time

import pytest

from tests.channels.conftest import AT_ONCE, LONG
from tests.channels.test_widget_public_api import SHOP, Visitor

# The subscriber is ready before each test: an idle poll then always waits (conftest.live_hub).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("live_hub")]

THREADED = {"wsgi.multithread": True}  # as a threaded server (gthread, runserver) says it is


@pytest.fixture
def shop(owner, workspace):
    workspace.assistant_enabled = False
    workspace.save(update_fields=["assistant_enabled"])
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    return workspace


def poll(visitor: Visitor, conversation_id: str, after: str, wait: int, handled_by: str = "human"):
    headers = {"X-Widget-Visitor": visitor.credential} if visitor.credential else {}
    return visitor.client.get(
        f"{visitor.base}/conversations/{conversation_id}/messages",
        {"after": after, "wait": wait, "handled_by": handled_by},
        headers=headers,
        **THREADED,
    )


def primed(shop) -> tuple[Visitor, str, str]:
    visitor = Visitor(shop.id, origin=None)  # the frame: its own origin, no CORS
    started = visitor.start("Hello")
    conversation_id, last = started["conversation"]["id"], started["messages"][-1]["id"]
    assert poll(visitor, conversation_id, last, 0).json()["data"] == []  # a full read remembers
    return visitor, conversation_id, last


def test_an_idle_poll_waits_without_a_single_query(shop, django_assert_num_queries):
    visitor, conversation_id, last = primed(shop)
    started = time.monotonic()
    with django_assert_num_queries(0):
        response = poll(visitor, conversation_id, last, 1)
    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "conversation": {"id": conversation_id, "status": "open", "handled_by": "human"},
    }
    assert time.monotonic() - started >= 0.85  # it did wait (at least 85 % of the second asked)


def test_a_change_since_the_read_sends_the_poll_to_the_database(
    shop, agent, django_capture_on_commit_callbacks
):
    visitor, conversation_id, last = primed(shop)
    with django_capture_on_commit_callbacks(execute=True):  # the sink moves the version after commit
        agent.api.post(f"conversations/{conversation_id}/messages", {"body": "We are here"})
    started = time.monotonic()
    response = poll(visitor, conversation_id, last, LONG)
    assert [m["body"] for m in response.json()["data"]] == ["We are here"]
    assert time.monotonic() - started < AT_ONCE


def test_what_the_frame_shows_being_stale_is_news_too(shop):
    visitor, conversation_id, last = primed(shop)
    response = poll(visitor, conversation_id, last, LONG, handled_by="assistant")
    assert response.json()["conversation"]["handled_by"] == "human"


def test_another_visitors_credential_never_takes_the_idle_path(shop):
    first, conversation_id, last = primed(shop)
    second, own_id, own_last = primed(shop)  # remembered too
    started = time.monotonic()
    response = poll(second, conversation_id, last, LONG)
    assert response.status_code == 404
    assert time.monotonic() - started < AT_ONCE
    forged = Visitor(shop.id, origin=None)
    forged.credential = first.credential[:-3] + "abc"
    assert poll(forged, conversation_id, last, LONG).status_code == 404


def test_an_erased_visitor_is_forgotten(shop, owner, django_capture_on_commit_callbacks):
    visitor, conversation_id, last = primed(shop)
    contact_id = owner.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.delete(f"contacts/{contact_id}").status_code in (200, 204)
    started = time.monotonic()
    assert poll(visitor, conversation_id, last, LONG).status_code == 404
    assert time.monotonic() - started < AT_ONCE
