"""Replies on e-mail conversations go out by e-mail; the e-mail records go with the contact's erasure.

`queue_reply_on_email_conversation` is an event sink: on `message.created` by an agent or the assistant
in an e-mail conversation it records the outgoing e-mail (Message-ID, In-Reply-To, References) and marks
the message `delivery_status: queued`, in the message's transaction; the send task runs after commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from apps.conversations.models import Channel, Conversation, Message

from .addresses import inbox_address, new_message_id
from .models import DeliveryStatus, Direction, EmailRecord

SENT_BY_EMAIL = {"agent", "assistant"}
MAX_REFERENCES = 20


def queue_reply_on_email_conversation(event) -> None:
    if event.type != "message.created":
        return
    data = event.data or {}
    if (data.get("author") or {}).get("type") not in SENT_BY_EMAIL:
        return
    if event.extra.get("channel", Channel.EMAIL) != Channel.EMAIL:
        return  # message_create says which channel the conversation is on: no query for the others
    workspace_id = event.workspace_id
    conversation_id = data.get("conversation_id")
    conversation = (
        Conversation.objects.for_workspace(workspace_id)
        .filter(pk=conversation_id, channel=Channel.EMAIL)
        .values("id", "subject", "contact_id", "contact__email")
        .first()
    )
    if conversation is None:
        return
    thread = list(
        EmailRecord.objects.for_workspace(workspace_id)
        .filter(conversation_id=conversation_id)
        .order_by("created_at")
        .values_list("message_id_header", "direction", "references")
    )
    inbound = [row for row in thread if row[1] == Direction.INBOUND]
    # Answer the contact's latest e-mail; References: its chain, then it (RFC 5322 3.6.4).
    parent = inbound[-1] if inbound else (thread[-1] if thread else None)
    references = (parent[2].split() + [parent[0]])[-MAX_REFERENCES:] if parent else []
    subject = conversation["subject"] or ""
    record = EmailRecord.objects.create(
        workspace_id=workspace_id,
        conversation_id=conversation_id,
        message_id=event.resource_id,
        contact_id=conversation["contact_id"],
        direction=Direction.OUTBOUND,
        message_id_header=new_message_id(),
        in_reply_to=parent[0] if parent else "",
        references=" ".join(references),
        from_address=inbox_address(workspace_id),
        to_address=conversation["contact__email"] or "",
        subject=subject if subject.lower().startswith("re:") or not subject else f"Re: {subject}",
        delivery_status=DeliveryStatus.QUEUED,
        next_attempt_at=timezone.now(),  # due now; the sweeper resends it if its task is lost
    )
    if data.get("delivery_status") != DeliveryStatus.QUEUED:  # message_create marks our replies queued
        Message.objects.for_workspace(workspace_id).filter(pk=event.resource_id).update(
            delivery_status=DeliveryStatus.QUEUED
        )
    from .tasks import email_send

    record_id = record.id
    # robust: a broker that is down must not fail the agent's committed reply; the sweeper resends it.
    transaction.on_commit(lambda: email_send.delay(workspace_id, record_id), robust=True)


def email_erase(workspace_id: str, contact_id: str) -> None:
    """A contact's erasure: every e-mail header and attachment record naming them."""
    EmailRecord.objects.for_workspace(workspace_id).filter(contact_id=contact_id).delete()
