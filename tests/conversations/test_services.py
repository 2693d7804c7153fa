"""The services other apps call directly (the assistant, webhooks, the archive)."""

import pytest

from apps.conversations.models import Conversation
from apps.conversations.services import conversation_hand_off, message_create, note_create
from leadiosa.errors import DomainError, NotFound
from leadiosa.tenancy import with_workspace
from tests.conversations.factories import ConversationFactory


@pytest.fixture
def captured(captured_events):
    return captured_events


def test_assistant_message_counts_and_emits_serialized_message(workspace, captured):
    conversation = ConversationFactory(workspace=workspace, handled_by="assistant")
    usage = {"prompt_tokens": 12, "completion_tokens": 7, "model": "extractive"}
    with with_workspace(workspace.id):
        message = message_create(conversation=conversation, author_type="assistant", body="Hi!", usage=usage)
    conversation.refresh_from_db()
    assert conversation.message_count == 1
    assert conversation.last_message_at == message.created_at
    event = next(e for e in captured if e.type == "message.created")
    assert event.data["conversation_id"] == conversation.id
    assert event.data["author"] == {"type": "assistant"}
    assert event.data["usage"] == usage
    assert event.contact_id == conversation.contact_id


def test_hand_off_moves_to_human_and_carries_the_reason(workspace, captured):
    conversation = ConversationFactory(workspace=workspace, handled_by="assistant")
    with with_workspace(workspace.id):
        conversation_hand_off(conversation=conversation, reason="contact_asked_for_human")
    assert Conversation.all_workspaces.get(pk=conversation.pk).handled_by == "human"
    event = next(e for e in captured if e.type == "conversation.handed_off")
    assert event.data["handoff_reason"] == "contact_asked_for_human"
    assert event.data["handled_by"] == "human"
    assert event.contact_id == conversation.contact_id


def test_hand_off_of_a_human_conversation_changes_nothing(workspace, captured):
    conversation = ConversationFactory(workspace=workspace, handled_by="human")
    with with_workspace(workspace.id):
        conversation_hand_off(conversation=conversation, reason="no_relevant_knowledge")
    assert not [e for e in captured if e.type == "conversation.handed_off"]


@pytest.mark.parametrize("write", ["message", "note"])
def test_writing_to_a_conversation_deleted_meanwhile_is_conversation_not_found(workspace, write):
    """The erasure of its contact removed it between the request's lookup and the write's row lock."""
    conversation = ConversationFactory(workspace=workspace)
    Conversation.all_workspaces.filter(pk=conversation.pk).delete()
    with with_workspace(workspace.id), pytest.raises(NotFound) as raised:
        if write == "message":
            message_create(conversation=conversation, author_type="agent", body="late")
        else:
            note_create(conversation=conversation, author_id="usr_x", body="late")
    # A domain error with a code, no HTTP: the API's handler maps it to 404 (status_hint).
    assert isinstance(raised.value, DomainError)
    assert (raised.value.code, raised.value.status_hint) == ("conversation_not_found", 404)
