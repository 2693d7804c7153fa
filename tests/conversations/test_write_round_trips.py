"""What one API write costs in round trips to PostgreSQL and Redis (the soak's tail is writes waiting on
them, bench/soak/README.md), and that the statements saved keep every answer the same:

- a write to a conversation or contact reads it once, under the service's row lock (the view does not
  read it first; a refused body still answers 404 for a missing one, before any 400);
- an event's records (the audit entry, the webhook event and its deliveries) are one statement;
- a conversation's first message takes no lock and no savepoint of its own (the row is the transaction's);
- only widget conversations stamp and publish the widget's live wake-up.
"""

from __future__ import annotations

import pytest
import redis
from django.db import connections
from django.test.utils import CaptureQueriesContext

from apps.conversations.models import Channel, Conversation, Message
from apps.webhooks.models import WebhookDelivery, WebhookEvent
from tests.conversations.factories import ConversationFactory
from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db


def _sql(call) -> tuple[object, list[str]]:
    """The response and the statements it ran, savepoints left out (the test's own transaction turns
    the request's BEGIN and COMMIT into savepoints)."""
    with CaptureQueriesContext(connections["default"]) as queries:
        response = call()
    statements = [q["sql"] for q in queries.captured_queries]
    return response, [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


@pytest.fixture
def subscribed(workspace):
    """A webhook endpoint subscribed to every event (each event then writes deliveries)."""
    endpoint, _ = make_endpoint(workspace, events=["*"])
    return endpoint


@pytest.fixture
def conversation(workspace):
    return ConversationFactory(workspace=workspace)


def test_a_message_reads_its_conversation_once_and_writes_its_event_in_one_statement(
    agent, conversation, subscribed
):
    assert agent.api.get("me").status_code == 200  # the token is cached from here on
    response, sql = _sql(
        lambda: agent.api.post(f"conversations/{conversation.id}/messages", {"body": "Hello"})
    )
    assert response.status_code == 201, response.json()
    reads = [s for s in sql if s.startswith("SELECT") and '"conversations_conversation"' in s]
    assert len(reads) == 1 and "FOR UPDATE" in reads[0]
    records = [s for s in sql if s.startswith("WITH written_")]
    assert len(records) == 1  # the audit entry, the webhook event and its delivery: one statement
    assert all(table in records[0] for table in ("audit_entry", '"webhooks_webhookevent"', "webhookdelivery"))
    # lock, insert, counters, the endpoints read, the records
    assert len(sql) == 5, sql
    delivery = WebhookDelivery.all_workspaces.get(endpoint=subscribed)
    event = WebhookEvent.all_workspaces.get(pk=delivery.event_id)
    assert event.type == delivery.event_type == "message.created"
    assert response.json()["id"] in event.body
    assert delivery.status == "pending" and delivery.attempts == 0 and delivery.next_attempt_at is not None


def test_an_event_with_no_subscribed_endpoint_is_stored_without_deliveries(agent, workspace, conversation):
    make_endpoint(workspace, events=["contact.created"])
    response, sql = _sql(lambda: agent.api.post(f"conversations/{conversation.id}/notes", {"body": "Hm"}))
    assert response.status_code == 201
    inserts = [s for s in sql if "INSERT INTO" in s and "webhooks_webhookevent" in s]
    assert len(inserts) == 1 and "webhookdelivery" not in inserts[0] and "audit_entry" in inserts[0]
    assert WebhookEvent.all_workspaces.filter(workspace=workspace, type="note.created").count() == 1
    assert not WebhookDelivery.all_workspaces.filter(workspace=workspace).exists()


def test_a_new_conversations_first_message_takes_no_second_lock(agent, workspace, subscribed):
    contact = agent.api.post("contacts", {"email": "ada@example.com"}).json()
    body = {"contact_id": contact["id"], "handled_by": "human", "message": {"body": "Hi"}}
    response, sql = _sql(lambda: agent.api.post("conversations", body))
    assert response.status_code == 201, response.json()
    assert not [s for s in sql if "FOR UPDATE" in s]
    with CaptureQueriesContext(connections["default"]) as queries:
        agent.api.post("conversations", body)
    assert not [q for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")][1:], (
        "only the request's own transaction (a savepoint in this test) may open one"
    )
    shown = response.json()
    stored = Conversation.all_workspaces.get(pk=shown["id"])
    assert shown["message_count"] == stored.message_count == 1
    assert shown["last_message_at"] is not None and stored.last_message_preview == "Hi"
    assert Message.all_workspaces.filter(conversation_id=stored.id).count() == 1
    types = sorted(
        WebhookDelivery.all_workspaces.filter(endpoint=subscribed).values_list("event_type", flat=True)
    )
    assert types == [
        "contact.created",
        "conversation.created",
        "conversation.created",
        "message.created",
        "message.created",
    ]


@pytest.mark.parametrize(
    ("method", "path", "valid_body"),
    [
        ("post", "conversations/{id}/messages", {"body": "Hello"}),
        ("post", "conversations/{id}/notes", {"body": "Hello"}),
        ("patch", "conversations/{id}", {"priority": "high"}),
    ],
)
def test_a_write_to_a_missing_or_foreign_conversation_is_404_whatever_its_body(
    agent, stranger, method, path, valid_body
):
    foreign = ConversationFactory(workspace=stranger.workspace)
    for missing in (foreign.id, "conv_0000000000000000000000", "nope"):
        url = path.format(id=missing)
        for body in (valid_body, {}, {"unknown": 1}):
            response = getattr(agent.api, method)(url, body)
            assert response.status_code == 404, (url, body, response.json())
            assert response.json()["error"]["code"] == "conversation_not_found"
    assert not Message.all_workspaces.filter(conversation=foreign).exists()


def test_a_write_to_an_existing_conversation_with_a_refused_body_is_400(agent, conversation):
    response = agent.api.post(f"conversations/{conversation.id}/messages", {})
    assert response.status_code == 400
    response = agent.api.patch(f"conversations/{conversation.id}", {"priority": "sky-high"})
    assert response.status_code == 400


def test_a_contact_patch_reads_the_contact_once_and_answers_404_for_a_missing_one(agent, stranger):
    contact = agent.api.post("contacts", {"email": "ada@example.com"}).json()
    response, sql = _sql(lambda: agent.api.patch(f"contacts/{contact['id']}", {"name": "Ada"}))
    assert response.status_code == 200 and response.json()["name"] == "Ada"
    reads = [s for s in sql if s.startswith("SELECT") and '"contacts_contact"' in s]
    assert len(reads) == 1 and "FOR UPDATE" in reads[0]
    foreign = stranger.api.post("contacts", {"email": "bob@example.com"}).json()
    for missing in (foreign["id"], "ct_0000000000000000000000", "nope"):
        for body in ({"name": "Eve"}, {"email": "not an e-mail"}):
            response = agent.api.patch(f"contacts/{missing}", body)
            assert response.status_code == 404, (missing, body, response.json())
            assert response.json()["error"]["code"] == "contact_not_found"
    assert "name" not in stranger.api.get(f"contacts/{foreign['id']}").json()  # unset: left out
    assert agent.api.patch(f"contacts/{contact['id']}", {"email": "not an e-mail"}).status_code == 400


def test_a_contact_patch_to_a_taken_email_is_still_a_409(agent):
    agent.api.post("contacts", {"email": "ada@example.com"})
    bob = agent.api.post("contacts", {"email": "bob@example.com"}).json()
    response = agent.api.patch(f"contacts/{bob['id']}", {"email": "ada@example.com"})
    assert response.status_code == 409 and response.json()["error"]["code"] == "contact_exists"
    assert agent.api.get(f"contacts/{bob['id']}").json()["email"] == "bob@example.com"


@pytest.mark.parametrize(("channel", "wakes_the_widget"), [(Channel.API, False), (Channel.WIDGET, True)])
def test_only_a_widget_conversation_wakes_the_widget(
    agent, workspace, channel, wakes_the_widget, monkeypatch, django_capture_on_commit_callbacks
):
    sent: list[bytes] = []
    original = redis.connection.AbstractConnection.send_packed_command

    def record(self, command, check_health=True):
        sent.append(
            bytes(command) if isinstance(command, (bytes, bytearray)) else b"".join(map(bytes, command))
        )
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", record)
    conversation = ConversationFactory(workspace=workspace, channel=channel)
    with django_capture_on_commit_callbacks(execute=True):
        response = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "Hello"})
        assert response.status_code == 201
        response = agent.api.patch(f"conversations/{conversation.id}", {"priority": "high"})
        assert response.status_code == 200
    widget = [c for c in sent if b"widget:conv:" in c or b"widget:live" in c]
    assert bool(widget) is wakes_the_widget, widget
    if wakes_the_widget:
        assert sum(b"PUBLISH" in c for c in widget) == 2  # the message and the update
