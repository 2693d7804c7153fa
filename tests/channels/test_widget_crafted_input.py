"""The public widget API never answers 500 on what a page can send: a user hash that is not ASCII, a claim
or a message body holding a NUL or a lone UTF-16 surrogate (valid JSON escapes, not storable text) —
refused with 400 in the envelope (the API parser's check) or, for the hash, 403 like any wrong hash."""

from __future__ import annotations

import pytest

from apps.conversations.models import Conversation, Message
from tests.channels.test_widget_identity import rotate, sign
from tests.channels.test_widget_public_api import Visitor

pytestmark = pytest.mark.django_db


def _visitor(shop) -> Visitor:
    visitor = Visitor(shop.id)
    visitor.client.raise_request_exception = False  # a 500 is an answer to assert on, as a browser sees it
    return visitor


def _assert_400(response, param: str | None) -> None:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"]
    assert error.get("param") == param
    assert error["request_id"] == response["X-Request-Id"]


@pytest.mark.parametrize("given", ["é" * 64, "\u00ff" + "0" * 63, "ab\u2603"])
def test_a_user_hash_that_is_not_ascii_is_a_wrong_hash(shop, owner, given):
    rotate(owner)
    response = _visitor(shop).post("/identify", {"email": "ada@example.com", "user_hash": given})
    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == "identity_not_verified"


def test_a_lone_surrogate_in_a_claim_is_refused(shop, owner):
    secret = rotate(owner)
    visitor = _visitor(shop)
    response = visitor.post("/identify", '{"email": "\\ud800@x.com", "user_hash": "ab"}')
    _assert_400(response, "email")
    claim = '{"user_id": "u\\udfff", "user_hash": "' + sign(secret, "u") + '"}'
    response = visitor.post("/identify", claim)
    _assert_400(response, "user_id")
    # The ordinary claim still works.
    good = visitor.post(
        "/identify", {"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}
    )
    assert good.status_code == 200, good.content


@pytest.mark.parametrize(
    ("raw", "param"),
    [
        ('{"body": "hi\\u0000there"}', "body"),
        ('{"body": "hi \\ud800"}', "body"),
        ('{"body": "hi", "extra": {"k\\u0000": 1}}', "extra"),
        ('{"body": "hi", "list": ["ok", "\\udc00"]}', "list.1"),
    ],
)
def test_a_message_body_with_unstorable_text_is_400_on_both_writes(shop, raw, param):
    visitor = _visitor(shop)
    _assert_400(visitor.post("/conversations", raw), param)
    assert Conversation.objects.for_workspace(shop.id).count() == 0

    conversation_id = visitor.start("Hello")["conversation"]["id"]
    _assert_400(visitor.post(f"/conversations/{conversation_id}/messages", raw), param)
    assert [m.body for m in Message.objects.for_workspace(shop.id)] == ["Hello"]


def test_a_body_nested_past_the_interpreter_stack_is_invalid_json(shop):
    response = _visitor(shop).post(
        "/conversations", '{"body": "hi", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    assert response.status_code == 400, response.content[:200]
    assert response.json()["error"]["code"] == "invalid_json"
