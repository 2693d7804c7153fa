"""The compiled page query: reused across workspaces without ever mixing them, and fail-closed."""

import pytest

from apps.conversations.models import Conversation
from apps.conversations.pagination import _compiled, compile_page
from apps.conversations.serializers import ConversationSerializer
from tests.contacts.factories import ContactFactory
from tests.conversations.factories import ConversationFactory, MessageFactory


def test_one_compiled_query_serves_every_workspace_with_its_own_rows(
    agent, stranger, workspace, other_workspace
):
    mine = [ConversationFactory(workspace=workspace).id for _ in range(3)]
    theirs = [ConversationFactory(workspace=other_workspace).id for _ in range(2)]
    _compiled.clear()
    assert [c["id"] for c in agent.api.get("conversations").json()["data"]] == mine[::-1]
    entries = len(_compiled)
    assert [c["id"] for c in stranger.api.get("conversations").json()["data"]] == theirs[::-1]
    assert len(_compiled) == entries  # reused, not recompiled
    first = agent.api.get("conversations", {"limit": 2}).json()
    second = agent.api.get("conversations", {"limit": 2, "after": first["pagination"]["next_cursor"]}).json()
    assert [c["id"] for c in first["data"] + second["data"]] == mine[::-1]


def test_compiled_and_filtered_paths_give_the_same_rows_and_cursors(agent, workspace):
    made = [ConversationFactory(workspace=workspace, status="open").id for _ in range(5)]
    plain = agent.api.get("conversations", {"limit": 2}).json()
    filtered = agent.api.get("conversations", {"limit": 2, "status": "open"}).json()
    assert plain["data"] == filtered["data"]
    # A cursor from one path continues on the other.
    rest = agent.api.get(
        "conversations", {"limit": 10, "status": "open", "after": plain["pagination"]["next_cursor"]}
    )
    assert [c["id"] for c in rest.json()["data"]] == made[::-1][2:]


def test_json_columns_are_decoded_on_the_compiled_path(agent, workspace):
    ContactFactory(workspace=workspace, attributes={"plan": "pro", "seats": 3})
    conversation = ConversationFactory(workspace=workspace)
    MessageFactory(
        conversation=conversation, usage={"prompt_tokens": 1, "completion_tokens": 2, "model": "m"}
    )
    contacts = agent.api.get("contacts").json()["data"]
    assert {"plan": "pro", "seats": 3} in [c.get("attributes") for c in contacts]
    [message] = agent.api.get(f"conversations/{conversation.id}/messages").json()["data"]
    assert message["usage"] == {"prompt_tokens": 1, "completion_tokens": 2, "model": "m"}


def test_a_page_query_without_the_workspace_filter_is_refused(db):
    def unscoped_rows():
        return Conversation.all_workspaces.values_list(*ConversationSerializer.row_fields, named=True)

    with pytest.raises(RuntimeError, match="does not filter by workspace"):
        compile_page(unscoped_rows, ascending=False, has_after=False, limit=26, using="default")
