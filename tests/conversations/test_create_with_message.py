"""POST /conversations with a first message answers the conversation as stored after that message:
the 201's body is what a GET of it answers right after (counters, times, status), without a re-read."""

import pytest

from apps.conversations.models import Conversation


@pytest.mark.parametrize("handled_by", ["human", "assistant"])
def test_the_created_conversation_is_answered_as_stored_after_its_first_message(agent, handled_by):
    response = agent.api.post(
        "conversations",
        {
            "contact": {"email": "first@example.com"},
            "handled_by": handled_by,
            "message": {"body": "Hi there"},
        },
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["message_count"] == 1
    assert created["last_message_at"] == created["updated_at"]
    assert agent.api.get(f"conversations/{created['id']}").json() == created
    stored = Conversation.all_workspaces.get(pk=created["id"])
    assert stored.message_count == 1 and stored.last_message_at == stored.updated_at


def test_a_conversation_created_without_a_message_has_none(agent):
    response = agent.api.post("conversations", {"contact": {"email": "quiet@example.com"}})
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["message_count"] == 0
    assert agent.api.get(f"conversations/{created['id']}").json() == created
