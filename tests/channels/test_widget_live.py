"""Live updates for the chat frame over real HTTP (a live, threaded server): the long poll
`GET …/messages?after=<id>&wait=<s>&handled_by=<what the frame shows>` answers as soon as the conversation
changes — an agent's reply, a hand-off — and after `wait` seconds when nothing does."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from apps.channels_widget import live
from apps.channels_widget.keys import public_key
from tests.channels.conftest import AT_ONCE, LONG, drain_notifications

# The subscriber is ready before each test (conftest.live_hub): a poll with nothing new always waits.
# Bounds: a poll ended by a change or answering at once must end under AT_ONCE, which a poll that waited
# LONG seconds never does (at least 85 % of them), however slow the machine.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("live_hub"),
]

SHOP = "https://shop.example.com"


class HttpVisitor:
    def __init__(self, base_url: str, workspace_id: str):
        self.http = httpx.Client(base_url=f"{base_url}/widget/v1/{public_key(workspace_id)}", timeout=30)
        self.credential = None

    def headers(self) -> dict:
        headers = {"Origin": SHOP}
        if self.credential:
            headers["X-Widget-Visitor"] = self.credential
        return headers

    def start(self, body: str) -> dict:
        response = self.http.post("/conversations", json={"body": body}, headers=self.headers())
        assert response.status_code == 201, response.text
        self.credential = response.json()["visitor"]
        return response.json()

    def poll(self, conversation_id: str, **params) -> tuple[httpx.Response, float]:
        started = time.monotonic()
        response = self.http.get(
            f"/conversations/{conversation_id}/messages", params=params, headers=self.headers()
        )
        return response, time.monotonic() - started


@pytest.fixture
def shop(owner, workspace):
    workspace.assistant_enabled = False  # nothing answers but the test's agent
    workspace.save(update_fields=["assistant_enabled"])
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    return workspace


def later(seconds: float, action) -> threading.Thread:
    def run():
        time.sleep(seconds)
        action()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_an_agent_reply_ends_the_wait_at_once(live_server, shop, agent):
    visitor = HttpVisitor(live_server.url, shop.id)
    started = visitor.start("Is my parcel lost?")
    conversation_id = started["conversation"]["id"]
    first = started["messages"][-1]["id"]
    drain_notifications()  # the start's own notification would end the wait before the reply
    reply = later(
        1.0,
        lambda: agent.api.post(f"conversations/{conversation_id}/messages", {"body": "Found it <b>!</b>"}),
    )
    response, elapsed = visitor.poll(conversation_id, after=first, wait=LONG, handled_by="human")
    reply.join()
    assert response.status_code == 200, response.text
    assert [(m["author"]["type"], m["body"]) for m in response.json()["data"]] == [
        ("agent", "Found it <b>!</b>")
    ]
    assert response.json()["conversation"]["handled_by"] == "human"
    assert 0.9 <= elapsed < AT_ONCE, elapsed  # it waited for the reply (sent after 1 s), not for LONG


def test_nothing_new_answers_empty_after_the_wait(live_server, shop):
    visitor = HttpVisitor(live_server.url, shop.id)
    started = visitor.start("Hello")
    drain_notifications()  # the start's own notification has reached the subscriber (it would wake the poll)
    response, elapsed = visitor.poll(
        started["conversation"]["id"], after=started["messages"][-1]["id"], wait=2, handled_by="human"
    )
    assert response.status_code == 200
    assert response.json()["data"] == []
    assert 0.85 * 2 <= elapsed < 2 + AT_ONCE, elapsed  # up to 15 % less than asked (jitter)
    # Its waiter is released. (The hub is the process's: long polls of earlier tests in this process, a
    # browser's abandoned ones, may still wait out their at most 20 s; a leaked waiter never goes.)
    deadline = time.monotonic() + 25
    while live.hub.waiting() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert live.hub.waiting() == 0


def test_what_is_already_there_or_a_stale_view_answers_at_once(live_server, shop, agent):
    visitor = HttpVisitor(live_server.url, shop.id)
    started = visitor.start("Hello")
    conversation_id, first = started["conversation"]["id"], started["messages"][-1]["id"]
    agent.api.post(f"conversations/{conversation_id}/messages", {"body": "Hi there"})
    response, elapsed = visitor.poll(conversation_id, after=first, wait=LONG, handled_by="human")
    assert [m["body"] for m in response.json()["data"]] == ["Hi there"]
    assert elapsed < AT_ONCE
    # The frame still shows the assistant on it, but a person has taken it: answer at once with the state.
    newest = response.json()["data"][-1]["id"]
    response, elapsed = visitor.poll(conversation_id, after=newest, wait=LONG, handled_by="assistant")
    assert response.json() == {
        "data": [],
        "conversation": {"id": conversation_id, "status": "open", "handled_by": "human"},
    }
    assert elapsed < AT_ONCE


def test_a_hand_off_ends_the_wait(live_server, owner, workspace, agent):
    owner.api.patch("widget", {"allowed_origins": [SHOP]})
    workspace.assistant_enabled = True
    workspace.save(update_fields=["assistant_enabled"])
    visitor = HttpVisitor(live_server.url, workspace.id)
    started = visitor.start("Hello")
    conversation_id = started["conversation"]["id"]
    assert agent.api.get(f"conversations/{conversation_id}").json()["handled_by"] == "assistant"
    drain_notifications()  # the start's (and the assistant's) notifications would end the wait early
    handoff = later(1.0, lambda: agent.api.patch(f"conversations/{conversation_id}", {"handled_by": "human"}))
    response, elapsed = visitor.poll(
        conversation_id, after=started["messages"][-1]["id"], wait=LONG, handled_by="assistant"
    )
    handoff.join()
    assert response.json()["conversation"]["handled_by"] == "human"
    assert 0.9 <= elapsed < AT_ONCE, elapsed  # woken by the hand-off (after 1 s), not after LONG


def test_the_wait_is_bounded_and_after_is_a_message_id(live_server, shop):
    visitor = HttpVisitor(live_server.url, shop.id)
    conversation_id = visitor.start("Hello")["conversation"]["id"]
    for params in ({"wait": 21}, {"wait": -1}, {"wait": "soon"}, {"after": "conv_123"}):
        response, _ = visitor.poll(conversation_id, **params)
        assert response.status_code == 400, params
    # Another visitor polling this conversation: the same 404 as a missing one, without waiting.
    other = HttpVisitor(live_server.url, shop.id)
    other.start("Me")
    response, elapsed = other.poll(conversation_id, wait=LONG, handled_by="human")
    assert response.status_code == 404
    assert elapsed < AT_ONCE
