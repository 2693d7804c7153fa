"""GET/POST /conversations/{id}/messages and /notes; the snooze wake-up task; counters under concurrency."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connections

from apps.conversations.models import Conversation, Message
from apps.conversations.tasks import wake_snoozed_conversations
from tests.conftest import make_persona
from tests.conversations.factories import ConversationFactory, MessageFactory, NoteFactory
from tests.factories import WorkspaceFactory


def thread(api, conversation_id, **params):
    return api.get(f"conversations/{conversation_id}/messages", params).json()


# ---- messages: list --------------------------------------------------------------------------------


def test_thread_is_oldest_first_and_paginates(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    made = [MessageFactory(conversation=conversation).id for _ in range(5)]
    first = thread(agent.api, conversation.id, limit=2)
    assert [m["id"] for m in first["data"]] == made[:2]
    rest = thread(agent.api, conversation.id, limit=3, after=first["pagination"]["next_cursor"])
    assert [m["id"] for m in rest["data"]] == made[2:]
    assert rest["pagination"] == {"has_more": False}


def test_thread_of_another_conversation_stays_out(agent, workspace):
    one, two = ConversationFactory(workspace=workspace), ConversationFactory(workspace=workspace)
    MessageFactory(conversation=two)
    assert thread(agent.api, one.id)["data"] == []


def test_empty_thread_of_an_existing_conversation(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    assert thread(agent.api, conversation.id) == {"data": [], "pagination": {"has_more": False}}


def test_messages_of_a_missing_or_foreign_conversation_are_not_found(agent, other_workspace):
    foreign = ConversationFactory(workspace=other_workspace)
    MessageFactory(conversation=foreign)
    NoteFactory(conversation=foreign)
    for path in (
        f"conversations/{foreign.id}/messages",
        "conversations/conv_missing/messages",
        f"conversations/{foreign.id}/notes",
    ):
        for response in (agent.api.get(path), agent.api.post(path, {"body": "hi"})):
            assert response.status_code == 404, path
            assert response.json()["error"]["code"] == "conversation_not_found"
    assert Message.all_workspaces.filter(conversation=foreign).count() == 1


def test_a_cursor_of_another_thread_is_refused(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    for _ in range(2):
        MessageFactory(conversation=conversation)
    cursor = thread(agent.api, conversation.id, limit=1)["pagination"]["next_cursor"]
    response = agent.api.get("conversations", {"after": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_thread_query_count_does_not_grow(agent, workspace, count_queries):
    conversation = ConversationFactory(workspace=workspace)
    MessageFactory(conversation=conversation)
    agent.api.get("workspace")  # warm the token cache
    one, queries_for_one = count_queries(lambda: thread(agent.api, conversation.id, limit=100))
    for _ in range(60):
        MessageFactory(
            conversation=conversation, usage={"prompt_tokens": 1, "completion_tokens": 1, "model": "m"}
        )
    many, queries_for_many = count_queries(lambda: thread(agent.api, conversation.id, limit=100))
    assert len(one["data"]) == 1 and len(many["data"]) == 61
    assert queries_for_one == queries_for_many <= 2


def test_message_shape(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    MessageFactory(
        conversation=conversation,
        author_type="assistant",
        author_id=None,
        usage={"prompt_tokens": 3, "completion_tokens": 2, "model": "extractive"},
    )
    [message] = thread(agent.api, conversation.id)["data"]
    assert set(message) == {"id", "conversation_id", "author", "body", "created_at", "usage"}
    assert message["author"] == {"type": "assistant"}
    assert message["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "model": "extractive"}


# ---- messages: post --------------------------------------------------------------------------------


def test_agent_message_by_default_names_the_tokens_member(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "On it!"})
    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("msg_")
    assert body["author"] == {"type": "agent", "id": agent.user_id}
    assert body["conversation_id"] == conversation.id
    after = agent.api.get(f"conversations/{conversation.id}").json()
    assert after["message_count"] == 1
    assert after["last_message_at"] == body["created_at"]
    [event] = captured_events
    assert event.type == "message.created"
    assert event.data == body
    assert event.contact_id == conversation.contact_id


def test_contact_message_relayed_by_an_integration(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.post(
        f"conversations/{conversation.id}/messages", {"author_type": "contact", "body": "Hi"}
    )
    assert response.status_code == 201
    assert response.json()["author"] == {"type": "contact", "id": conversation.contact_id}
    contact = agent.api.get(f"contacts/{conversation.contact_id}").json()
    assert "last_seen_at" in contact


def test_agent_message_on_a_closed_conversation_conflicts(agent, workspace):
    conversation = ConversationFactory(workspace=workspace, status="closed", closed_at=datetime.now(UTC))
    response = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "late"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conversation_closed"
    assert not Message.all_workspaces.filter(conversation=conversation).exists()
    assert Conversation.all_workspaces.get(pk=conversation.pk).message_count == 0


def test_contact_message_reopens_a_closed_conversation(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace, status="closed", closed_at=datetime.now(UTC))
    response = agent.api.post(
        f"conversations/{conversation.id}/messages", {"author_type": "contact", "body": "again"}
    )
    assert response.status_code == 201
    after = agent.api.get(f"conversations/{conversation.id}").json()
    assert after["status"] == "open"
    assert "closed_at" not in after
    assert [e.type for e in captured_events] == [
        "conversation.updated",
        "conversation.reopened",
        "message.created",
    ]


@pytest.mark.parametrize("status", ["snoozed", "pending"])
def test_contact_message_wakes_the_conversation(agent, workspace, status):
    conversation = ConversationFactory(
        workspace=workspace,
        status=status,
        snoozed_until=datetime.now(UTC) + timedelta(days=1) if status == "snoozed" else None,
    )
    agent.api.post(f"conversations/{conversation.id}/messages", {"author_type": "contact", "body": "hello?"})
    after = agent.api.get(f"conversations/{conversation.id}").json()
    assert after["status"] == "open"
    assert "snoozed_until" not in after


def test_agent_message_leaves_a_snoozed_conversation_snoozed(agent, workspace):
    conversation = ConversationFactory(
        workspace=workspace, status="snoozed", snoozed_until=datetime.now(UTC) + timedelta(days=1)
    )
    agent.api.post(f"conversations/{conversation.id}/messages", {"body": "we'll be back"})
    assert agent.api.get(f"conversations/{conversation.id}").json()["status"] == "snoozed"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({}, "body"),
        ({"body": ""}, "body"),
        ({"body": "x" * 10001}, "body"),
        ({"body": 5}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "hi", "author_type": "assistant"}, "author_type"),
        ({"body": "hi", "author_type": "system"}, "author_type"),
        ({"body": "hi", "author_id": "usr_x"}, "author_id"),
        ({"body": "hi", "id": "msg_x"}, "id"),
    ],
)
def test_message_validation(agent, workspace, body, param):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.post(f"conversations/{conversation.id}/messages", body)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_a_ten_thousand_character_message_is_accepted(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    assert (
        agent.api.post(f"conversations/{conversation.id}/messages", {"body": "x" * 10000}).status_code == 201
    )


@pytest.mark.parametrize("persona", ["owner", "admin", "agent"])
def test_every_role_posts_and_reads_messages_and_notes(personas, persona, workspace):
    conversation = ConversationFactory(workspace=workspace)
    api = personas[persona].api
    for kind in ("messages", "notes"):
        assert api.post(f"conversations/{conversation.id}/{kind}", {"body": "hi"}).status_code == 201
        assert api.get(f"conversations/{conversation.id}/{kind}").status_code == 200


def test_a_read_only_token_cannot_post_messages_or_notes(reader, workspace):
    conversation = ConversationFactory(workspace=workspace)
    for kind in ("messages", "notes"):
        assert reader.api.get(f"conversations/{conversation.id}/{kind}").status_code == 200
        response = reader.api.post(f"conversations/{conversation.id}/{kind}", {"body": "hi"})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"


def test_idempotent_message_post_is_posted_once(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    headers = {"Idempotency-Key": "msg-1"}
    first = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "once"}, headers=headers)
    second = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "once"}, headers=headers)
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Conversation.all_workspaces.get(pk=conversation.pk).message_count == 1


# ---- notes -----------------------------------------------------------------------------------------


def test_note_is_internal_and_never_in_the_thread(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.post(f"conversations/{conversation.id}/notes", {"body": "VIP, be nice"})
    assert response.status_code == 201
    note = response.json()
    assert set(note) == {"id", "conversation_id", "author_id", "body", "created_at"}
    assert note["author_id"] == agent.user_id
    assert note["id"].startswith("note_")
    assert thread(agent.api, conversation.id)["data"] == []
    assert agent.api.get(f"conversations/{conversation.id}").json()["message_count"] == 0
    listed = agent.api.get(f"conversations/{conversation.id}/notes").json()["data"]
    assert [n["id"] for n in listed] == [note["id"]]
    assert [e.type for e in captured_events] == ["note.created"]
    assert captured_events[0].contact_id == conversation.contact_id


def test_notes_are_allowed_on_closed_conversations(agent, workspace):
    conversation = ConversationFactory(workspace=workspace, status="closed", closed_at=datetime.now(UTC))
    assert (
        agent.api.post(f"conversations/{conversation.id}/notes", {"body": "follow-up done"}).status_code
        == 201
    )


def test_notes_list_newest_first_with_constant_queries(agent, workspace, count_queries):
    conversation = ConversationFactory(workspace=workspace)
    NoteFactory(conversation=conversation)
    agent.api.get("workspace")
    path = f"conversations/{conversation.id}/notes"
    _, queries_for_one = count_queries(lambda: agent.api.get(path, {"limit": 100}))
    made = [NoteFactory(conversation=conversation).id for _ in range(30)]
    response, queries_for_many = count_queries(lambda: agent.api.get(path, {"limit": 100}))
    assert [n["id"] for n in response.json()["data"]][:30] == made[::-1]
    assert queries_for_one == queries_for_many <= 2


@pytest.mark.parametrize(
    ("body", "param"), [({}, "body"), ({"body": ""}, "body"), ({"body": "x", "author_id": "u"}, "author_id")]
)
def test_note_validation(agent, workspace, body, param):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.post(f"conversations/{conversation.id}/notes", body)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


# ---- snooze wake-up --------------------------------------------------------------------------------


def test_wake_up_task_opens_due_snoozed_conversations_only(
    eager_tasks, workspace, other_workspace, captured_events
):
    now = datetime.now(UTC)
    due = ConversationFactory(workspace=workspace, status="snoozed", snoozed_until=now - timedelta(seconds=1))
    foreign_due = ConversationFactory(
        workspace=other_workspace, status="snoozed", snoozed_until=now - timedelta(hours=1)
    )
    later = ConversationFactory(workspace=workspace, status="snoozed", snoozed_until=now + timedelta(hours=1))
    assert wake_snoozed_conversations.delay().get() == 2
    statuses = dict(Conversation.all_workspaces.values_list("id", "status"))
    assert statuses[due.id] == statuses[foreign_due.id] == "open"
    assert statuses[later.id] == "snoozed"
    assert Conversation.all_workspaces.get(pk=due.pk).snoozed_until is None
    woken = {e.resource_id: e for e in captured_events}
    assert woken[due.id].type == "conversation.updated"
    assert woken[due.id].actor.type == "system"
    assert woken[due.id].previous_attributes["status"] == "snoozed"
    assert wake_snoozed_conversations() == 0


# ---- concurrency -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_keep_message_count_exact():
    workspace = WorkspaceFactory()
    persona = make_persona(workspace, "agent")
    conversation = ConversationFactory(workspace=workspace)

    def post(index):
        try:
            author = "contact" if index % 2 else "agent"
            return persona.api.post(
                f"conversations/{conversation.id}/messages", {"body": f"m{index}", "author_type": author}
            ).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(post, range(40)))
    assert statuses == [201] * 40
    conversation.refresh_from_db()
    assert (
        conversation.message_count == 40 == Message.all_workspaces.filter(conversation=conversation).count()
    )
    last = Message.all_workspaces.filter(conversation=conversation).order_by("-created_at").first()
    assert conversation.last_message_at == last.created_at
