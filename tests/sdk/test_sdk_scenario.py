"""An integration written with the Python SDK only (clients/python), against a live server over HTTP:
contact, conversation, messages both ways, a note, close; a webhook endpoint whose deliveries verify;
the events API; the audit log read and exported. Plus the hand-written layer's own behaviour."""

from __future__ import annotations

import json

import httpx
import pytest
from leadiosa_client.api.audit import export_audit_entries, list_audit_entries
from leadiosa_client.api.contacts import create_contact, get_contact
from leadiosa_client.api.conversations import create_conversation, get_conversation, update_conversation
from leadiosa_client.api.events import get_event, list_events
from leadiosa_client.api.messages import create_conversation_message, list_conversation_messages
from leadiosa_client.api.notes import create_conversation_note, list_conversation_notes
from leadiosa_client.api.webhooks import create_webhook, list_webhook_deliveries
from leadiosa_client.models import (
    ContactCreateRequest,
    ConversationCreateRequest,
    MessageCreateRequest,
    NoteCreateRequest,
    PatchedConversationUpdateRequest,
    WebhookCreateRequest,
)
from leadiosa_sdk import (
    ApiError,
    Leadiosa,
    RetryingTransport,
    WebhookVerificationError,
    paginate,
    verify_webhook,
)

from tests.webhooks.receiver import Receiver

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def deliveries_run_in_the_server(settings):
    """Webhook deliveries go to 127.0.0.1 and run right after commit in the server (as a worker would)."""
    from config.celery import app

    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, False
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


def test_an_integration_with_only_the_sdk(live_server, owner, receiver, deliveries_run_in_the_server):
    sdk = Leadiosa(live_server.url, owner.plaintext)

    hook = sdk.call(
        create_webhook, body=WebhookCreateRequest(url=receiver.url, events=["*"], description="CRM sync")
    )
    assert hook.secret.startswith("whsec_")

    contact = sdk.call(
        create_contact, body=ContactCreateRequest(email="ada@example.com", name="Ada Lovelace")
    )
    assert sdk.call(get_contact, contact.id).email == "ada@example.com"
    conversation = sdk.call(
        create_conversation,
        body=ConversationCreateRequest.from_dict(
            {"contact_id": contact.id, "subject": "Where is my order?", "handled_by": "human"}
        ),
    )
    sdk.call(
        create_conversation_message,
        conversation.id,
        body=MessageCreateRequest.from_dict(
            {"body": "Hi, my order has not arrived.", "author_type": "contact"}
        ),
    )
    sdk.call(create_conversation_message, conversation.id, body=MessageCreateRequest(body="It ships today."))
    sdk.call(create_conversation_note, conversation.id, body=NoteCreateRequest(body="Carrier delay."))
    closed = sdk.call(
        update_conversation,
        conversation.id,
        body=PatchedConversationUpdateRequest.from_dict({"status": "closed"}),
    )
    assert closed.status.value == "closed"
    assert sdk.call(get_conversation, conversation.id).message_count == 2

    # Every page, one item at a time: the thread oldest first.
    thread = list(
        paginate(list_conversation_messages, client=sdk.client, conversation_id=conversation.id, limit=1)
    )
    assert [m.author.type_.value for m in thread] == ["contact", "agent"]
    assert [
        n.body for n in paginate(list_conversation_notes, client=sdk.client, conversation_id=conversation.id)
    ] == ["Carrier delay."]

    # Deliveries arrived, each verifies with the endpoint's secret and names the endpoint.
    requests = receiver.wait_for(6)
    types = []
    for request in requests:
        payload = verify_webhook(hook.secret, request.headers, request.body)
        assert request.headers["webhook-endpoint-id"] == hook.id
        types.append(payload["type"])
    assert {
        "contact.created",
        "conversation.created",
        "message.created",
        "note.created",
        "conversation.closed",
    } <= set(types)
    with pytest.raises(WebhookVerificationError):
        verify_webhook("whsec_" + "A" * 43 + "=", requests[0].headers, requests[0].body)
    deliveries = list(paginate(list_webhook_deliveries, client=sdk.client, webhook_id=hook.id))
    assert deliveries and all(d.status.value == "succeeded" for d in deliveries)

    # The events API hands back exactly what was delivered.
    events = list(paginate(list_events, client=sdk.client, limit=2))
    assert {e.id for e in events} == {r.headers["webhook-id"] for r in requests}
    raw = get_event.sync_detailed(events[0].id, client=sdk.client)
    assert raw.content.decode() in {r.body for r in requests}

    # The audit log, read page by page and exported.
    actions = [entry.action for entry in paginate(list_audit_entries, client=sdk.client, limit=5)]
    assert {"contact.created", "conversation.created", "webhook.created"} <= set(actions)
    export = export_audit_entries.sync_detailed(client=sdk.client)
    assert export.status_code == 200
    lines = [json.loads(line) for line in export.content.decode().splitlines()]
    assert {line["action"] for line in lines} >= set(actions)

    with pytest.raises(ApiError) as refused:
        sdk.call(get_contact, "ct_000000000000000000000000")
    assert (refused.value.status, refused.value.code) == (404, "contact_not_found")
    assert refused.value.request_id.startswith("req_")


def test_every_post_carries_an_idempotency_key_kept_across_retries_after_retry_after():
    seen, waits = [], []
    answers = iter(
        [httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(503), httpx.Response(201)]
    )

    def handler(request):
        seen.append((request.method, request.headers.get("Idempotency-Key"), request.content))
        return next(answers)

    transport = RetryingTransport(httpx.MockTransport(handler), sleep=waits.append)
    with httpx.Client(transport=transport, base_url="http://api.test") as client:
        response = client.post("/api/v1/contacts", json={"email": "a@example.com"})
    assert response.status_code == 201
    assert len(seen) == 3 and len({key for _, key, _ in seen}) == 1 and seen[0][1]
    assert {body for _, _, body in seen} == {b'{"email":"a@example.com"}'}
    assert waits == [2.0, 2.0]  # Retry-After, then the backoff when a 503 gives none


def test_a_get_gets_no_idempotency_key_and_the_retries_end():
    seen = []

    def handler(request):
        seen.append(request.headers.get("Idempotency-Key"))
        return httpx.Response(429, headers={"Retry-After": "0"})

    with httpx.Client(
        transport=RetryingTransport(httpx.MockTransport(handler), max_retries=2, sleep=lambda s: None)
    ) as c:
        assert c.get("http://api.test/api/v1/contacts").status_code == 429
    assert seen == [None, None, None]
