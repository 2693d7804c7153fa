"""Tests written for the mutants of 9afcf00's write path that survived (tests/mutation/run.sh
views_writes and conversations; the list and the equivalent ones: tests/mutation/RESULTS.md, "Fifth
batch").

- A PATCH naming an id that cannot be one answers 404 at once (`WorkspaceViewSet.object_reference`),
  and the message names the id the URL gave.
- A message is written into its conversation's workspace, the one the service locks the row in, not
  whichever workspace the caller has in scope (`_append_message`).
- A new conversation's created_at and updated_at are one moment (`conversation_create`).
"""

from __future__ import annotations

import pytest

from apps.conversations.models import AuthorType, Conversation, Message
from apps.conversations.services import message_create
from leadiosa.tenancy import with_workspace
from tests.conversations.factories import ConversationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "body", "code", "label"),
    [
        ("contacts", {"name": "Ada"}, "contact_not_found", "Contact"),
        ("conversations", {"priority": "high"}, "conversation_not_found", "Conversation"),
    ],
)
def test_a_valid_patch_of_an_id_that_cannot_exist_names_it_in_its_404(agent, path, body, code, label):
    response = agent.api.patch(f"{path}/not-an-id", body)
    assert response.status_code == 404, response.json()
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"] == f"{label} not-an-id not found."


def test_a_message_goes_into_its_conversations_workspace_whatever_is_in_scope(workspace, other_workspace):
    conversation = ConversationFactory(workspace=workspace)
    with with_workspace(other_workspace.id):
        message = message_create(conversation=conversation, author_type=AuthorType.AGENT, body="Hello")
    stored = Message.all_workspaces.get(pk=message.pk)
    assert stored.workspace_id == workspace.id == stored.conversation.workspace_id


def test_a_new_conversation_was_last_updated_when_it_was_created(agent):
    response = agent.api.post("conversations", {"contact": {"name": "Ada"}, "subject": "Hi"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["updated_at"] == body["created_at"]
    stored = Conversation.all_workspaces.get(pk=body["id"])
    assert stored.updated_at == stored.created_at  # to the microsecond: one moment, not two now()s
