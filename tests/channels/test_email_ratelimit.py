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


# Counted before the message is parsed ----------------------------------------------------------------
#
# A message whose body nests multiparts past the interpreter's stack is refused by the parser (400, and
# about a second of CPU); its headers are ordinary. Over a budget it is answered 429, not 400: the count
# came first, and the body was never parsed.


def _deeply_nested(sender: str, number: int = 0, depth: int = 3000) -> bytes:
    headers = (
        f"From: Flood <{sender}>\r\nTo: support-inbox@inbound.localhost\r\nSubject: Deep\r\n"
        f"Message-ID: <deep-{number}-{sender}>\r\nMIME-Version: 1.0\r\n"
    ).encode()
    nesting = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
        for level in range(depth)
    )
    return headers + nesting + b"Content-Type: text/plain\r\n\r\nhi\r\n"


def test_the_nested_message_is_a_400_within_the_budgets(workspace):
    """What the tests below would answer if the whole message were parsed before the counts."""
    response = deliver(workspace.id, _deeply_nested("deep@example.com"))
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_sender_over_its_budget_is_refused_before_the_message_is_parsed(workspace, monkeypatch):
    monkeypatch.setattr(views, "INBOUND_PER_SENDER", 1)
    assert deliver(workspace.id, _mail(0, sender="deep@example.com")).status_code == 202
    _assert_rate_limited(deliver(workspace.id, _deeply_nested("Deep@Example.com")))
    # Read from the headers alone, the sender is the one the parser finds: the same bucket either way.
    _assert_rate_limited(deliver(workspace.id, _mail(1, sender="DEEP@example.com")))
    assert _messages(workspace.id) == 1


def test_a_workspace_over_its_budget_is_refused_before_the_message_is_parsed(workspace, monkeypatch):
    monkeypatch.setattr(views, "INBOUND_PER_WORKSPACE", 1)
    assert deliver(workspace.id, _mail(0)).status_code == 202
    _assert_rate_limited(deliver(workspace.id, _deeply_nested("someone-else@example.com")))
    assert _messages(workspace.id) == 1


def test_a_malformed_message_spends_the_sender_budget_it_was_counted_against(workspace, monkeypatch):
    """Counted before it is parsed, a message the parser then refuses has spent its sender's budget."""
    monkeypatch.setattr(views, "INBOUND_PER_SENDER", 1)
    assert deliver(workspace.id, _deeply_nested("deep@example.com")).status_code == 400
    _assert_rate_limited(deliver(workspace.id, _mail(0, sender="deep@example.com")))
    assert _messages(workspace.id) == 0


def _post(workspace_id: str, raw: bytes, address: str):
    from django.test import Client

    from apps.channels_email.addresses import inbound_url

    path = "/" + inbound_url(workspace_id).split("://", 1)[1].split("/", 1)[1]
    return Client(REMOTE_ADDR=address).post(path, raw, content_type="message/rfc822")


def test_requests_to_the_inbound_url_are_counted_before_the_body_is_read(
    workspace, other_workspace, monkeypatch
):
    """Every request counts against the URL's request budget, whatever it holds: over it, even an empty
    body (otherwise a 400) or a message the parser refuses (otherwise a 400) is a 429, from any address."""
    monkeypatch.setattr(views, "INBOUND_REQUESTS_PER_TOKEN", 3)
    assert _post(workspace.id, _mail(0), "192.0.2.1").status_code == 202
    assert _post(workspace.id, b"\r\n\r\n", "192.0.2.2").status_code == 400
    assert _post(workspace.id, _deeply_nested("deep@example.com"), "192.0.2.3").status_code == 400
    _assert_rate_limited(_post(workspace.id, b"\r\n\r\n", "192.0.2.4"))
    _assert_rate_limited(_post(workspace.id, _deeply_nested("other@example.com", 1), "192.0.2.5"))
    _assert_rate_limited(_post(workspace.id, _mail(1, sender="new@example.com"), "192.0.2.6"))
    assert _messages(workspace.id) == 1
    # Per inbound URL: another workspace's mail still arrives.
    assert _post(other_workspace.id, _mail(2), "192.0.2.1").status_code == 202


def test_requests_from_one_client_address_are_counted_before_the_body_is_read(workspace, monkeypatch):
    monkeypatch.setattr(views, "INBOUND_REQUESTS_PER_ADDRESS", 2)
    assert _post(workspace.id, _mail(0), "198.51.100.7").status_code == 202
    assert _post(workspace.id, b"\r\n\r\n", "198.51.100.7").status_code == 400
    _assert_rate_limited(_post(workspace.id, b"\r\n\r\n", "198.51.100.7"))
    _assert_rate_limited(_post(workspace.id, _mail(1, sender="new@example.com"), "198.51.100.7"))
    # Another address (the provider's other relay) is not held up by the first one's count.
    assert _post(workspace.id, _mail(2, sender="new@example.com"), "198.51.100.8").status_code == 202
    assert _messages(workspace.id) == 2


def test_an_address_over_its_request_budget_does_not_spend_the_urls_budget(workspace, monkeypatch):
    """One machine flooding the URL is refused on its own address's count, and those refusals do not use
    up the URL's budget: the mail provider's relay, from another address, still delivers."""
    monkeypatch.setattr(views, "INBOUND_REQUESTS_PER_TOKEN", 4)
    monkeypatch.setattr(views, "INBOUND_REQUESTS_PER_ADDRESS", 2)
    assert _post(workspace.id, b"\r\n\r\n", "203.0.113.66").status_code == 400
    assert _post(workspace.id, b"\r\n\r\n", "203.0.113.66").status_code == 400
    for _ in range(6):
        _assert_rate_limited(_post(workspace.id, b"\r\n\r\n", "203.0.113.66"))
    assert _post(workspace.id, _mail(0), "198.51.100.20").status_code == 202
    assert _post(workspace.id, _mail(1), "198.51.100.20").status_code == 202
    _assert_rate_limited(_post(workspace.id, _mail(2), "198.51.100.21"))  # the URL's 4 are spent now
    assert _messages(workspace.id) == 2
