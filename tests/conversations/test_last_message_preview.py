"""A conversation's `last_message_preview`: the start of its last message's text, kept by message_create
for the inbox's rows. It must say what reading the last message says (the inbox read exactly that:
`LEFT(body, 140)` of the newest message by created_at, then id; notes are not messages)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from apps.contacts.models import Contact
from apps.contacts.services import contact_erase
from apps.conversations.models import LAST_MESSAGE_PREVIEW_CHARS, Conversation, Message
from apps.conversations.services import conversation_create, message_create, note_create
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

pytestmark = pytest.mark.django_db

# The inbox's former per-row read of the last message, kept here as the definition the column follows.
LAST_MESSAGE_SQL = (
    f"SELECT LEFT(m.body, {LAST_MESSAGE_PREVIEW_CHARS}) FROM {Message._meta.db_table} m"  # noqa: S608
    " WHERE m.conversation_id = %s ORDER BY m.created_at DESC, m.id DESC LIMIT 1"
)


def read_last_message(conversation_id: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(LAST_MESSAGE_SQL, [conversation_id])
        row = cursor.fetchone()
    return row[0] if row else None


def stored_preview(conversation_id: str) -> str | None:
    return Conversation.all_workspaces.get(pk=conversation_id).last_message_preview


def test_the_preview_follows_every_new_message_whoever_writes_it(workspace, owner):
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = conversation_create(contact={"email": "p@example.com"}, message_body="First question")
        assert stored_preview(conversation.id) == "First question" == read_last_message(conversation.id)
        for author_type, author_id, body in (
            ("agent", owner.user_id, "An agent's answer"),
            ("assistant", None, "The assistant's answer"),
            ("contact", None, "The contact again"),
        ):
            message = message_create(
                conversation=conversation, author_type=author_type, author_id=author_id, body=body
            )
            assert message.conversation.last_message_preview == body  # the instance the caller holds
            assert stored_preview(conversation.id) == body == read_last_message(conversation.id)


def test_a_long_message_keeps_its_first_characters_as_postgresql_counts_them(workspace):
    # Characters, not bytes: 'é' and '😀' are one character each, in Python and in PostgreSQL's LEFT.
    body = "é😀" * 100 + "the end"
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = conversation_create(contact={"email": "long@example.com"}, message_body=body)
    preview = stored_preview(conversation.id)
    assert len(preview) == LAST_MESSAGE_PREVIEW_CHARS
    assert preview == body[:LAST_MESSAGE_PREVIEW_CHARS] == read_last_message(conversation.id)


def test_a_note_does_not_become_the_preview(workspace, owner):
    """Notes are internal and not messages: the inbox never showed one as the last message."""
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = conversation_create(
            contact={"email": "n@example.com"}, message_body="Where is my order?"
        )
        note_create(conversation=conversation, author_id=owner.user_id, body="Internal: refund them")
    assert stored_preview(conversation.id) == "Where is my order?" == read_last_message(conversation.id)


def test_a_conversation_without_messages_has_no_preview(workspace):
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = conversation_create(contact={"email": "e@example.com"}, subject="No text yet")
    assert stored_preview(conversation.id) is None
    assert read_last_message(conversation.id) is None


def test_erasure_leaves_no_preview_of_the_contact_s_messages(workspace):
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = conversation_create(
            contact={"email": "gone@example.com"}, message_body="My card number is 4111 1111"
        )
        contact = Contact.objects.get(pk=conversation.contact_id)
        contact_erase(contact=contact)
    assert not Conversation.all_workspaces.filter(last_message_preview__contains="4111").exists()
    assert not Conversation.all_workspaces.filter(pk=conversation.id).exists()


@pytest.mark.parametrize("messages_per_conversation", [3, 0])
def test_seed_records_each_conversation_s_preview_as_message_create_would(
    workspace, messages_per_conversation
):
    """`manage.py seed` writes with COPY, around message_create: it records the previews itself, so
    its rows read like rows written through the services (a conversation without messages: NULL)."""
    call_command(
        "seed",
        workspace=workspace.id,
        conversations=12,
        messages_per_conversation=messages_per_conversation,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    seeded = list(Conversation.all_workspaces.filter(workspace=workspace).values_list("id", flat=True))
    assert len(seeded) == 12
    for conversation_id in seeded:
        preview = stored_preview(conversation_id)
        assert preview == read_last_message(conversation_id)
        assert (preview is None) is (messages_per_conversation == 0)
