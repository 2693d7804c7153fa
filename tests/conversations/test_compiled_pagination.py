"""The compiled page query: reused across workspaces without ever mixing them, and fail-closed."""

import pytest

from apps.conversations.models import Conversation
from apps.conversations.pagination import _cache, compile_page
from apps.conversations.serializers import ConversationSerializer
from tests.contacts.factories import ContactFactory
from tests.conversations.factories import ConversationFactory, MessageFactory


def test_one_compiled_query_serves_every_workspace_with_its_own_rows(
    agent, stranger, workspace, other_workspace
):
    mine = [ConversationFactory(workspace=workspace).id for _ in range(3)]
    theirs = [ConversationFactory(workspace=other_workspace).id for _ in range(2)]
    _cache().clear()
    assert [c["id"] for c in agent.api.get("conversations").json()["data"]] == mine[::-1]
    entries = len(_cache())
    assert [c["id"] for c in stranger.api.get("conversations").json()["data"]] == theirs[::-1]
    assert len(_cache()) == entries  # reused, not recompiled
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_threads_each_use_their_own_compiled_query():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from tests.conftest import make_persona
    from tests.factories import WorkspaceFactory

    first, second = WorkspaceFactory(), WorkspaceFactory()
    expected = {}
    personas = []
    for workspace in (first, second):
        persona = make_persona(workspace, "agent")
        expected[persona.plaintext] = [ConversationFactory(workspace=workspace).id for _ in range(3)][::-1]
        personas.append(persona)

    def read(index):
        persona = personas[index % 2]
        try:
            return persona.plaintext, [c["id"] for c in persona.api.get("conversations").json()["data"]]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(read, range(24)))
    assert all(ids == expected[token] for token, ids in results)
