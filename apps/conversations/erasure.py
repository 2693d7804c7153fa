"""A contact's erasure, for the rows this app keeps: its conversations, their messages and notes, and
the stored replays of idempotent POSTs that named them. Registered in ConversationsConfig.ready()."""

from __future__ import annotations

from leadiosa.api.idempotency import forget_responses_naming

from .models import Conversation, Message, Note


def conversations_lock_for_erasure(workspace_id: str, contact_id: str) -> None:
    """Row-lock the contact's conversations (in id order): messages and notes are written under this
    lock, so none slips in between the erasure's read and its delete."""
    list(
        Conversation.objects.for_workspace(workspace_id)
        .select_for_update()
        .filter(contact_id=contact_id)
        .order_by("id")
        .values_list("id", flat=True)
    )


def conversations_erase(workspace_id: str, contact_id: str) -> None:
    conversations = Conversation.objects.for_workspace(workspace_id).filter(contact_id=contact_id)
    ids = list(conversations.values_list("id", flat=True))
    if not ids:
        return
    forget_responses_naming(workspace_id=workspace_id, ids=ids)
    Note.objects.for_workspace(workspace_id).filter(conversation_id__in=ids).delete()
    Message.objects.for_workspace(workspace_id).filter(conversation_id__in=ids).delete()
    Conversation.objects.for_workspace(workspace_id).filter(id__in=ids).delete()
