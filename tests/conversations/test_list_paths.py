"""A plain list (SQL written out once per shape) and a filtered list (the ORM) answer the same rows in
the same shape, JSON columns decoded, pages chained by the same cursors; and the plain path is scoped."""

import pytest

from apps.conversations.models import Conversation
from apps.conversations.representation import CONVERSATION
from apps.conversations.views import ConversationViewSet
from leadiosa.api.pagination import KeysetPagination
from leadiosa.tenancy import NoWorkspaceInScope
from tests.conversations.factories import ConversationFactory, MessageFactory

EVERYTHING = "created_after=2000-01-01T00:00:00Z"  # a filter every row passes: forces the ORM path


def _all_pages(api, path: str, extra: str = "") -> list[dict]:
    rows, after = [], None
    while True:
        query = f"limit=2{'&' + extra if extra else ''}{'&after=' + after if after else ''}"
        body = api.get(f"{path}?{query}").json()
        rows += body["data"]
        if not body["pagination"]["has_more"]:
            return rows
        after = body["pagination"]["next_cursor"]


def test_plain_and_filtered_conversation_lists_agree(admin, workspace, stranger, other_workspace):
    for index in range(5):
        ConversationFactory(workspace=workspace, tags=["vip"] if index % 2 else [], subject=f"s{index}")
    ConversationFactory(workspace=other_workspace)
    plain = _all_pages(admin.api, "conversations")
    filtered = _all_pages(admin.api, "conversations", EVERYTHING)
    assert len(plain) == 5
    assert plain == filtered
    assert any(row.get("tags") == ["vip"] for row in plain)


def test_plain_and_filtered_contact_lists_agree_and_decode_attributes(admin, stranger):
    for index in range(3):
        admin.api.post(
            "contacts", {"email": f"c{index}@example.org", "attributes": {"tier": index, "vip": True}}
        )
    stranger.api.post("contacts", {"email": "c0@example.org"})
    plain = _all_pages(admin.api, "contacts")
    assert plain == _all_pages(admin.api, "contacts", EVERYTHING)
    assert [row["attributes"] for row in plain] == [{"tier": 2, "vip": True}, {"tier": 1, "vip": True},
                                                     {"tier": 0, "vip": True}]  # fmt: skip


def test_a_thread_decodes_usage_and_reads_oldest_first(admin, workspace):
    conversation = ConversationFactory(workspace=workspace)
    usage = {"prompt_tokens": 3, "completion_tokens": 2, "model": "extractive"}
    first = MessageFactory(conversation=conversation)
    second = MessageFactory(conversation=conversation, author_type="assistant", author_id=None, usage=usage)
    rows = _all_pages(admin.api, f"conversations/{conversation.id}/messages")
    assert [row["id"] for row in rows] == [first.id, second.id]
    assert rows[1]["usage"] == usage and "usage" not in rows[0]


def test_the_plain_path_refuses_to_run_without_a_workspace_in_scope(rf, db):
    request = rf.get("/api/v1/conversations")
    request.query_params = request.GET
    with pytest.raises(NoWorkspaceInScope):
        KeysetPagination().paginate_plain(
            request, ConversationViewSet(kwargs={}), model=Conversation, shape=CONVERSATION
        )
