"""Inputs a fuzzer (or a careless client) sends: never a 500, always the envelope with the field named."""

import pytest

from apps.conversations.models import Conversation
from apps.conversations.services import conversation_assign, conversation_close, conversation_reopen
from leadiosa.tenancy import with_workspace
from tests.conversations.factories import ConversationFactory


@pytest.mark.parametrize(
    "path",
    [
        "conversations/conv_%00",
        "conversations/%00/messages",
        "conversations/%00/notes",
        "contacts/ct_%00",
        "conversations/123",
        "contacts/' OR 1=1 --",
    ],
)
def test_odd_ids_in_paths_are_not_found(agent, path):
    response = agent.api.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] in ("conversation_not_found", "contact_not_found")


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"attributes": {"k": "nul\u0000byte"}}, "attributes.k"),
        ({"attributes": {"nul\u0000key": "x"}}, "attributes"),
        ({"name": "nul\u0000name"}, "name"),
    ],
)
def test_nul_characters_are_refused(agent, body, param):
    response = agent.api.post("contacts", body)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_nul_in_a_message_body_is_refused(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "a\u0000b"})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "body"


@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "2026-02-30T00:00:00Z"]
)
def test_unrepresentable_snooze_times_are_refused(agent, workspace, moment):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.patch(
        f"conversations/{conversation.id}", {"status": "snoozed", "snoozed_until": moment}
    )
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "snoozed_until"


@pytest.mark.parametrize(
    "params",
    [
        {"created_after": "9999-12-31T23:59:59-05:00"},
        {"created_before": "0001-01-01T00:00:00+05:00"},
        {"contact_id": "ct_\u0000"},
        {"tag": "a\u0000"},
        {"assignee_id": "x" * 41},
    ],
)
def test_odd_filter_values_are_invalid_parameter(agent, params):
    response = agent.api.get("conversations", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == next(iter(params))


def test_close_reopen_and_assign_services(workspace, agent):
    conversation = ConversationFactory(workspace=workspace)
    with with_workspace(workspace.id):
        conversation_assign(conversation=conversation, assignee_id=agent.user_id)
        conversation_close(conversation=conversation)
        conversation_reopen(conversation=conversation)
    stored = Conversation.all_workspaces.get(pk=conversation.pk)
    assert (stored.status, stored.assignee_id, stored.closed_at) == ("open", agent.user_id, None)
