"""The public widget API (/widget/v1/<wk_ key>/…): a visitor starts a conversation, writes, reads their
own thread — and nothing else: another visitor's conversation is a 404, an origin not allowed is a 403,
API tokens mean nothing here."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from apps.channels_widget.keys import public_key
from apps.channels_widget.models import WidgetVisitor
from apps.contacts.models import Contact
from apps.conversations.models import Conversation

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com"


class Visitor:
    """A browser frame: keeps the credential the API hands out and sends it back."""

    def __init__(self, workspace_id: str, origin: str | None = SHOP):
        self.base = f"/widget/v1/{public_key(workspace_id)}"
        self.origin = origin
        self.credential: str | None = None
        self.client = Client()

    def _headers(self) -> dict:
        headers = {}
        if self.origin:
            headers["Origin"] = self.origin
        if self.credential:
            headers["X-Widget-Visitor"] = self.credential
        return headers

    def post(self, path: str, body):
        raw = body if isinstance(body, str | bytes) else json.dumps(body)
        response = self.client.post(
            self.base + path, raw, content_type="application/json", headers=self._headers()
        )
        if response.status_code == 201 and "visitor" in response.json():
            self.credential = response.json()["visitor"]
        return response

    def get(self, path: str):
        return self.client.get(self.base + path, headers=self._headers())

    def start(self, body: str) -> dict:
        response = self.post("/conversations", {"body": body})
        assert response.status_code == 201, response.content
        return response.json()


def test_a_visitor_starts_a_widget_conversation_and_becomes_a_contact(shop, agent):
    visitor = Visitor(shop.id)
    started = visitor.start("Do you ship to Norway?")
    assert started["visitor"]
    assert started["conversation"]["status"] == "open"
    assert [(m["author"], m["body"]) for m in started["messages"]] == [
        ({"type": "contact"}, "Do you ship to Norway?")
    ]

    conversation = agent.api.get(f"conversations/{started['conversation']['id']}").json()
    assert conversation["channel"] == "widget"
    contact = Contact.objects.for_workspace(shop.id).get(pk=conversation["contact_id"])
    assert contact.email is None
    assert WidgetVisitor.objects.for_workspace(shop.id).get().contact_id == contact.id


def test_the_visitor_writes_and_reads_the_agents_reply(shop, agent):
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Hello")["conversation"]["id"]
    agent.api.patch(f"conversations/{conversation_id}", {"handled_by": "human"})
    agent.api.post(f"conversations/{conversation_id}/messages", {"body": "Hi! <b>How</b> can I help?"})
    response = visitor.post(f"/conversations/{conversation_id}/messages", {"body": "Shipping <script>"})
    assert response.status_code == 201
    assert response.json()["author"] == {"type": "contact"}

    thread = visitor.get(f"/conversations/{conversation_id}/messages").json()["data"]
    assert [(m["author"]["type"], m["body"]) for m in thread] == [
        ("contact", "Hello"),
        ("agent", "Hi! <b>How</b> can I help?"),  # text as written: the frame renders text, not HTML
        ("contact", "Shipping <script>"),
    ]
    assert all(set(m["author"]) == {"type"} for m in thread)  # no member ids reach the visitor
    assert [c["id"] for c in visitor.get("/conversations").json()["data"]] == [conversation_id]


def test_a_returning_visitor_keeps_their_contact(shop):
    visitor = Visitor(shop.id)
    visitor.start("First")
    visitor.start("Second")
    assert Contact.objects.for_workspace(shop.id).count() == 1
    assert len(visitor.get("/conversations").json()["data"]) == 2


def test_another_visitor_cannot_read_or_write_the_first_ones_conversation(shop):
    first, second = Visitor(shop.id), Visitor(shop.id)
    conversation_id = first.start("My order number is 4411")["conversation"]["id"]
    second.start("Hi")
    for response in (
        second.get(f"/conversations/{conversation_id}/messages"),
        second.post(f"/conversations/{conversation_id}/messages", {"body": "Me too"}),
        Visitor(shop.id).get(f"/conversations/{conversation_id}/messages"),  # no credential at all
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert "4411" not in json.dumps(second.get("/conversations").json())


def test_a_forged_or_foreign_credential_is_no_visitor(shop, other_workspace, stranger):
    stranger.api.patch("widget", {"allowed_origins": [SHOP]})
    theirs = Visitor(other_workspace.id)
    theirs.start("Other workspace")
    mine = Visitor(shop.id)
    conversation_id = mine.start("Mine")["conversation"]["id"]
    theirs.base = mine.base  # their (valid, but other-workspace) credential against our key
    assert theirs.get(f"/conversations/{conversation_id}/messages").status_code == 404
    assert theirs.get("/conversations").json()["data"] == []
    forged = Visitor(shop.id)
    forged.credential = mine.credential[:-2] + "xx"
    assert forged.get(f"/conversations/{conversation_id}/messages").status_code == 404


def test_an_origin_not_allowed_is_refused_and_gets_no_cors(shop):
    outsider = Visitor(shop.id, origin="https://evil.example")
    response = outsider.post("/conversations", {"body": "Hi"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "Access-Control-Allow-Origin" not in response
    assert Conversation.objects.for_workspace(shop.id).count() == 0


def test_cors_names_the_allowed_origin_only(shop):
    visitor = Visitor(shop.id)
    response = visitor.client.options(f"{visitor.base}/conversations", headers={"Origin": SHOP})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert "X-Widget-Visitor" in response["Access-Control-Allow-Headers"]
    assert visitor.post("/conversations", {"body": "Hi"})["Access-Control-Allow-Origin"] == SHOP


def test_the_frames_own_origin_is_always_allowed(workspace, settings):
    frame = Visitor(workspace.id, origin=settings.PUBLIC_BASE_URL)
    assert frame.post("/conversations", {"body": "From the frame"}).status_code == 201


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"body": ""}, 400, "validation_error"),
        ({"body": "   "}, 400, "validation_error"),
        ({"body": 12}, 400, "validation_error"),
        ({}, 400, "validation_error"),
        ({"body": "x" * 10_001}, 400, "validation_error"),
        ("{not json", 400, "invalid_json"),
    ],
)
def test_invalid_messages_are_refused_and_create_nothing(shop, body, status, code):
    response = Visitor(shop.id).post("/conversations", body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert Contact.objects.for_workspace(shop.id).count() == 0


def test_over_1_mib_is_413(shop):
    response = Visitor(shop.id).post("/conversations", {"body": "x" * (1024 * 1024)})
    assert response.status_code == 413


def test_an_unknown_key_or_closed_workspace_is_404(shop, owner):
    for key in ("wk_nope", "tok_x", "wk_" + "0" * 22):
        response = Client().post(f"/widget/v1/{key}/conversations", "{}", content_type="application/json")
        assert response.status_code == 404
    owner.api.post("workspace/close", {})
    assert Visitor(shop.id).post("/conversations", {"body": "Hi"}).status_code == 404


def test_an_api_token_is_no_visitor(shop, owner):
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Hi")["conversation"]["id"]
    response = Client().get(
        f"{visitor.base}/conversations/{conversation_id}/messages",
        headers={"Authorization": f"Bearer {owner.plaintext}", "Origin": SHOP},
    )
    assert response.status_code == 404


def test_erasing_the_contact_removes_the_visitor(shop, admin):
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Erase me")["conversation"]["id"]
    contact_id = admin.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert admin.api.delete(f"contacts/{contact_id}").status_code == 204
    assert not WidgetVisitor.objects.for_workspace(shop.id).exists()
    assert visitor.get(f"/conversations/{conversation_id}/messages").status_code == 404


def test_a_visitor_over_their_message_rate_gets_429_with_retry_after(shop, monkeypatch):
    from apps.channels_widget import public

    monkeypatch.setattr(public, "WRITES_PER_VISITOR", 3)
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("One")["conversation"]["id"]  # no credential yet: counted by address only
    statuses = [
        visitor.post(f"/conversations/{conversation_id}/messages", {"body": "again"}).status_code
        for _ in range(4)
    ]
    assert statuses == [201, 201, 201, 429]
    refused = visitor.post(f"/conversations/{conversation_id}/messages", {"body": "again"})
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) >= 1
    assert len(visitor.get(f"/conversations/{conversation_id}/messages").json()["data"]) == 4


def test_new_visitors_from_one_address_are_limited_too(shop, monkeypatch):
    from apps.channels_widget import public

    monkeypatch.setattr(public, "WRITES_PER_ADDRESS", 2)
    statuses = [Visitor(shop.id).post("/conversations", {"body": "spam"}).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert Contact.objects.for_workspace(shop.id).count() == 2


def test_the_visitors_list_newest_first_with_a_preview_of_each(shop):
    visitor = Visitor(shop.id)
    first = visitor.start("x" * 100)["conversation"]["id"]
    second = visitor.start("Where is my invoice?")["conversation"]["id"]
    listed = visitor.get("/conversations").json()["data"]
    assert [c["id"] for c in listed] == [second, first]
    assert [c["preview"] for c in listed] == ["Where is my invoice?", "x" * 80]
    assert all(c["status"] == "open" and c["created_at"] and c["last_message_at"] for c in listed)
    assert not any("contact_id" in c or "assignee_id" in c for c in listed)


def test_a_subject_set_through_the_api_never_reaches_the_visitor(shop, agent):
    """`subject` is internal (agents and integrations write it): the widget API's answers never carry it."""
    visitor = Visitor(shop.id)
    conversation_id = visitor.start("Where is my parcel?")["conversation"]["id"]
    subject = "Internal: refund risk, VIP"
    patched = agent.api.patch(f"conversations/{conversation_id}", {"subject": subject})
    assert patched.status_code == 200, patched.content
    answers = [
        visitor.get("/conversations"),
        visitor.get(f"/conversations/{conversation_id}/messages"),
        visitor.post(f"/conversations/{conversation_id}/messages", {"body": "Any news?"}),
        visitor.post("/conversations", {"body": "Another question"}),
    ]
    for answer in answers:
        assert answer.status_code in (200, 201), answer.content
        assert subject not in answer.content.decode()
        assert "subject" not in answer.content.decode()
    (listed,) = [c for c in answers[0].json()["data"] if c["id"] == conversation_id]
    assert listed["preview"] == "Where is my parcel?"
