"""Inbound e-mail is rate limited per workspace and per sender address (the API's limiter: one atomic
Redis count per minute), answering 429 rate_limited with Retry-After so the mail provider retries later."""

from __future__ import annotations

import time

import pytest

from apps.channels_email import views
from apps.conversations.models import Conversation, Message
from tests.channels.conftest import deliver, sample

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def one_window():
    """Each test counts within one minute's window: started too close to its end, wait for the next
    (a window that rolls over mid-test would reset the counts it asserts on)."""
    left = 60 - time.time() % 60
    if left < 15:
        time.sleep(left + 0.1)


def _mail(number: int, sender: str = "ada.lovelace@example.com") -> bytes:
    return (
        sample("plain.eml")
        .replace(b"<CAF=plain-1234567890@mail.gmail.com>", f"<flood-{number}-{sender}>".encode())
        .replace(b"Ada.Lovelace@Example.com", sender.encode())
    )


def _assert_rate_limited(response) -> None:
    assert response.status_code == 429, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["message"]
    assert body["error"]["request_id"] == response["X-Request-Id"]
    assert 1 <= int(response["Retry-After"]) <= 60


def _messages(workspace_id: str) -> int:
    return Message.objects.for_workspace(workspace_id).count()


def test_one_sender_over_the_limit_gets_429_and_creates_nothing(workspace, monkeypatch):
    monkeypatch.setattr(views, "INBOUND_PER_SENDER", 3)
    for number in range(3):
        assert deliver(workspace.id, _mail(number)).status_code == 202
    assert _messages(workspace.id) == 3

    _assert_rate_limited(deliver(workspace.id, _mail(3)))
    assert _messages(workspace.id) == 3
    # Another sender of the same workspace is not held up by the first one's flood.
    assert deliver(workspace.id, _mail(4, sender="grace@navy.example")).status_code == 202
    assert _messages(workspace.id) == 4


def test_the_sender_limit_ignores_the_case_of_the_address(workspace, monkeypatch):
    monkeypatch.setattr(views, "INBOUND_PER_SENDER", 1)
    assert deliver(workspace.id, _mail(0, sender="Ada@Example.com")).status_code == 202
    _assert_rate_limited(deliver(workspace.id, _mail(1, sender="ada@example.COM")))


def test_the_workspace_over_its_limit_gets_429_whoever_sends(workspace, other_workspace, monkeypatch):
    monkeypatch.setattr(views, "INBOUND_PER_WORKSPACE", 4)
    for number in range(4):
        assert deliver(workspace.id, _mail(number, sender=f"customer{number}@example.com")).status_code == 202
    _assert_rate_limited(deliver(workspace.id, _mail(9, sender="new@example.com")))
    assert Conversation.objects.for_workspace(workspace.id).count() == 4
    # Counted per workspace: another workspace's mail still arrives.
    assert deliver(other_workspace.id, _mail(9, sender="new@example.com")).status_code == 202
    assert _messages(other_workspace.id) == 1


def test_a_wrong_token_is_404_before_any_count(workspace, monkeypatch):
    """Forged URLs cannot spend a workspace's budget: the token is checked first."""
    from django.test import Client

    monkeypatch.setattr(views, "INBOUND_PER_WORKSPACE", 1)
    for _ in range(3):
        forged = Client().post(
            f"/inbound/email/{workspace.id}.{'0' * 40}", _mail(0), content_type="message/rfc822"
        )
        assert forged.status_code == 404
    assert deliver(workspace.id, _mail(0)).status_code == 202


def test_one_flooding_sender_does_not_spend_the_other_senders_budget(workspace, monkeypatch):
    """The sender's count comes first: mail refused for its sender is not counted for the workspace."""
    monkeypatch.setattr(views, "INBOUND_PER_SENDER", 2)
    monkeypatch.setattr(views, "INBOUND_PER_WORKSPACE", 5)
    for number in range(2):
        assert deliver(workspace.id, _mail(number, sender="Flood@Example.com")).status_code == 202
    for number in range(2, 12):  # ten more from the same address, in any case: all refused
        sender = "flood@example.com" if number % 2 else "FLOOD@example.COM"
        _assert_rate_limited(deliver(workspace.id, _mail(number, sender=sender)))
    # The workspace spent 2 of its 5: three other senders still get through, then its own limit holds.
    for number in range(3):
        assert (
            deliver(workspace.id, _mail(20 + number, sender=f"other{number}@example.com")).status_code == 202
        )
    _assert_rate_limited(deliver(workspace.id, _mail(30, sender="late@example.com")))
    assert _messages(workspace.id) == 5
