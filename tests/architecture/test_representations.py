"""One source of truth per API object: the plain mapping function (`representation.py`) produces what
the serializer declares for the OpenAPI spec — every declared field when all are set, exactly the
required ones when every optional one is empty, and nothing undeclared."""

from __future__ import annotations

import pytest

from apps.contacts.representation import CONTACT, contact_data
from apps.contacts.serializers import ContactSerializer
from apps.conversations.representation import (
    CONVERSATION,
    MESSAGE,
    NOTE,
    conversation_data,
    message_data,
    note_data,
)
from apps.conversations.serializers import ConversationSerializer, MessageSerializer, NoteSerializer
from apps.knowledge.representation import ARTICLE, article_data
from apps.knowledge.serializers import ArticleSerializer
from apps.workspaces.representation import WORKSPACE, workspace_data
from apps.workspaces.serializers import WorkspaceSerializer

CASES = [
    (ConversationSerializer, CONVERSATION, conversation_data),
    (MessageSerializer, MESSAGE, message_data),
    (NoteSerializer, NOTE, note_data),
    (ContactSerializer, CONTACT, contact_data),
    (WorkspaceSerializer, WORKSPACE, workspace_data),
    (ArticleSerializer, ARTICLE, article_data),
]


def _row(shape, filled: bool) -> dict:
    row = {name: ("x" if filled else None) for name in shape.plain}
    row.update(
        {f"{name}_text": ("2026-05-12T07:28:25.901Z" if filled else None) for name in shape.timestamps}
    )
    for name in ("id", "created_at_text"):  # never empty
        row[name] = row[name] or "x"
    return row


@pytest.mark.parametrize(("serializer", "shape", "data"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_a_full_row_gives_every_declared_field(serializer, shape, data):
    assert set(data(_row(shape, filled=True))) == set(serializer().fields)


@pytest.mark.parametrize(("serializer", "shape", "data"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_an_empty_row_omits_exactly_the_optional_fields(serializer, shape, data):
    optional = set(getattr(getattr(serializer, "Meta", None), "optional_fields", ()))
    assert set(data(_row(shape, filled=False))) == set(serializer().fields) - optional
