"""An inbound e-mail → a contact message, through the contacts and conversations services (so the
assistant, events, webhooks and audit apply unchanged).

Threading: a message answering one of the conversation's messages (In-Reply-To / References naming a
Message-ID we recorded) or sent to the conversation's reply address (`support-…+conv_…@…`) joins that
conversation — only when it comes from that conversation's contact. Anything else opens a new one.
Ignored (nothing created): auto-replies, bounces and list mail, our own mail coming back (a loop), and
a Message-ID already recorded in the workspace (a redelivery).
"""

from __future__ import annotations

import logging

from django.db import connection, transaction

from apps.contacts.services import contact_find_or_create
from apps.conversations.models import AuthorType, Channel, Conversation
from apps.conversations.serializers import MAX_BODY
from apps.conversations.services import conversation_create, message_create

from .addresses import conversation_of_reply_address, inbox_address, is_our_address
from .models import Direction, EmailRecord
from .parsing import ParsedMail, parse_mail

logger = logging.getLogger(__name__)

NO_TEXT = "(no text)"


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


def _body(mail: ParsedMail) -> str:
    body = mail.text.strip()
    if mail.attachments:
        listed = "\n".join(
            f"[attachment: {a.name} ({a.content_type}, {_size(a.size)}), not kept]" for a in mail.attachments
        )
        body = f"{body}\n\n{listed}" if body else listed
    body = body or NO_TEXT
    return body if len(body) <= MAX_BODY else body[: MAX_BODY - 1] + "…"


def _threaded_conversation(workspace_id: str, mail: ParsedMail, contact_id: str) -> Conversation | None:
    candidates: list[str] = []
    ids = [*mail.in_reply_to, *reversed(mail.references)]
    if ids:
        candidates += list(
            EmailRecord.objects.for_workspace(workspace_id)
            .filter(message_id_header__in=ids)
            .order_by("-created_at")
            .values_list("conversation_id", flat=True)
        )
    for address in mail.recipients:
        tagged = conversation_of_reply_address(workspace_id, address)
        if tagged:
            candidates.append(tagged)
    for conversation_id in candidates:
        conversation = (
            Conversation.objects.for_workspace(workspace_id)
            .filter(pk=conversation_id, contact_id=contact_id, channel=Channel.EMAIL)
            .first()
        )
        if conversation is not None:
            return conversation
    return None


def ignored_reason(workspace_id: str, mail: ParsedMail) -> str | None:
    if mail.automatic:
        return mail.automatic
    if "@" not in mail.sender:
        return "no_sender"
    if is_our_address(mail.sender) or mail.loop_marker == inbox_address(workspace_id):
        return "loop"
    return None


@transaction.atomic
def email_receive(
    *, workspace_id: str, raw: bytes | None = None, mail: ParsedMail | None = None
) -> EmailRecord | None:
    """Record one inbound message, given raw or already parsed (the workspace is in scope). Returns its
    record, or None when the message is ignored or was seen before. Raw bytes that cannot be parsed
    raise MalformedMail."""
    if mail is None:
        mail = parse_mail(raw or b"")
    reason = ignored_reason(workspace_id, mail)
    if reason is not None:
        logger.info("inbound e-mail ignored", extra={"reason": reason})
        return None
    # Two deliveries of one message at once: the second waits here, then finds the first's record.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"channels_email:{workspace_id}:{mail.message_id}"],
        )
    if EmailRecord.objects.for_workspace(workspace_id).filter(message_id_header=mail.message_id).exists():
        logger.info("inbound e-mail ignored", extra={"reason": "duplicate"})
        return None
    contact, _created = contact_find_or_create(email=mail.sender, name=mail.sender_name or None)
    conversation = _threaded_conversation(workspace_id, mail, contact.id)
    if conversation is None:
        conversation = conversation_create(
            contact_id=contact.id, subject=mail.subject[:500] or None, channel=Channel.EMAIL
        )
    message = message_create(conversation=conversation, author_type=AuthorType.CONTACT, body=_body(mail))
    return EmailRecord.objects.create(
        workspace_id=workspace_id,
        conversation_id=conversation.id,
        message=message,
        contact_id=contact.id,
        direction=Direction.INBOUND,
        message_id_header=mail.message_id[:998],
        in_reply_to=" ".join(mail.in_reply_to),
        references=" ".join(mail.references),
        from_address=mail.sender[:254],
        to_address=inbox_address(workspace_id),
        subject=mail.subject[:500],
        attachments=[a.as_dict() for a in mail.attachments],
    )
