"""Every write to conversations, messages and notes.

Events (all inside the change's transaction):
- `conversation.created`; `conversation.updated` for every change of the conversation's own fields, with
  `previous_attributes`; in addition, the specific `conversation.assigned`, `.closed`, `.reopened` and
  `.handed_off` when that is what changed (as Stripe sends `invoice.updated` next to `invoice.paid`).
- `message.created` (data: the message as the API shows it), `note.created`.
Counters (`message_count`, `last_message_at`) move under the conversation's row lock with F() updates,
so concurrent posts never lose a count.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.contacts.models import Contact
from apps.contacts.services import contact_find_or_create
from apps.workspaces.models import Member, Workspace
from leadiosa.errors import Conflict, NotFound, Unprocessable, invalid
from leadiosa.events import emit
from leadiosa.tenancy import current_workspace_id

from .models import (
    LAST_MESSAGE_PREVIEW_CHARS,
    AuthorType,
    Channel,
    Conversation,
    HandledBy,
    Message,
    Note,
    Priority,
    Status,
)
from .representation import conversation_representation, message_representation, note_representation

# API field name → model attribute, for the fields a PATCH may change.
UPDATABLE = {
    "status": "status",
    "priority": "priority",
    "subject": "subject",
    "tags": "tags",
    "assignee_id": "assignee_id",
    "snoozed_until": "snoozed_until",
    "handled_by": "handled_by",
}


# `handoff_reason` of a `conversation.handed_off` when a person takes the conversation from the assistant.
AGENT_TOOK_OVER = "agent_took_over"


def conversation_closed_error() -> Conflict:
    return Conflict("conversation_closed", "The conversation is closed; reopen it first (status: open).")


def _emit_conversation(event_type: str, conversation: Conversation, data: dict | None = None, **kwargs):
    emit(
        event_type,
        workspace_id=conversation.workspace_id,
        resource_type="conversation",
        resource_id=conversation.id,
        data=data if data is not None else conversation_representation(conversation),
        contact_id=conversation.contact_id,
        channel=conversation.channel,  # the widget's live sink skips the others without a round trip
        **kwargs,
    )


def _check_assignee(assignee_id: str | None) -> None:
    if assignee_id is None:
        return
    if not Member.objects.filter(user_id=assignee_id).exists():
        raise Unprocessable(
            "assignee_not_member", f"{assignee_id} is not a member of this workspace.", param="assignee_id"
        )


def _lock(conversation: Conversation) -> Conversation:
    """The conversation under its row lock; 404 when it vanished meanwhile (erased with its contact)."""
    locked = (
        Conversation.objects.for_workspace(conversation.workspace_id)
        .select_for_update()
        .filter(pk=conversation.pk)
        .first()
    )
    if locked is None:
        raise NotFound("conversation_not_found", f"Conversation {conversation.pk} not found.")
    return locked


@transaction.atomic
def conversation_create(
    *,
    contact_id: str | None = None,
    contact: dict | None = None,
    subject: str | None = None,
    priority: str = Priority.NORMAL,
    tags: list[str] | None = None,
    assignee_id: str | None = None,
    channel: str = Channel.API,
    handled_by: str | None = None,
    message_body: str | None = None,
) -> Conversation:
    """Open a conversation with an existing contact (`contact_id`) or one found-or-created from `contact`;
    `message_body` becomes the first contact message. `handled_by` defaults to the assistant when the
    workspace has it on."""
    workspace_id = current_workspace_id()
    if contact_id is not None:
        the_contact = Contact.objects.filter(pk=contact_id).first()
        if the_contact is None:
            raise Unprocessable("contact_not_found", f"Contact {contact_id} not found.", param="contact_id")
    else:
        the_contact, _created = contact_find_or_create(**(contact or {}))
    _check_assignee(assignee_id)
    if handled_by is None:
        assistant_on = Workspace.objects.filter(pk=workspace_id).values_list("assistant_enabled", flat=True)
        handled_by = HandledBy.ASSISTANT if assistant_on.first() else HandledBy.HUMAN
    now = timezone.now()
    conversation = Conversation.objects.create(
        contact=the_contact,
        subject=subject or None,
        priority=priority,
        tags=tags or [],
        assignee_id=assignee_id,
        channel=channel,
        handled_by=handled_by,
        created_at=now,
        updated_at=now,
    )
    changes = ["contact_id", "status", "priority", "channel", "handled_by"]
    changes += [f for f in ("subject", "tags", "assignee_id") if getattr(conversation, f)]
    _emit_conversation("conversation.created", conversation, changes=changes)
    if message_body is not None:
        # The row is ours (inserted by this transaction): the message moves its counters on this copy
        # and keeps it as stored (no trigger touches a conversation), so it is not read again.
        _append_message(conversation, author_type=AuthorType.CONTACT, body=message_body)
    return conversation


@transaction.atomic
def conversation_update(*, conversation: Conversation, changes: dict) -> Conversation:
    """Apply a PATCH (API field names). Enforces the status machine:

    any → closed; closed → open only (409 invalid_status_transition); nothing else changes on a closed
    conversation unless the same request reopens it (409 conversation_closed); `snoozed` needs a future
    `snoozed_until`; leaving `snoozed` clears it; closing sets `closed_at`, reopening clears it.
    """
    conversation = _lock(conversation)
    before = conversation_representation(conversation)
    current = conversation.status
    new_status = changes.get("status", current)
    if current == Status.CLOSED and new_status not in (Status.CLOSED, Status.OPEN):
        raise Conflict("invalid_status_transition", "A closed conversation can only be reopened (open).")

    wanted = {api: value for api, value in changes.items() if api in UPDATABLE}
    if "subject" in wanted:
        wanted["subject"] = wanted["subject"] or None
    if "tags" in wanted:
        wanted["tags"] = wanted["tags"] or []
    different = [api for api, value in wanted.items() if getattr(conversation, UPDATABLE[api]) != value]
    if current == Status.CLOSED and new_status == Status.CLOSED and different:
        raise conversation_closed_error()

    if "assignee_id" in different:
        _check_assignee(wanted["assignee_id"])
    now = timezone.now()
    if new_status == Status.SNOOZED and current == Status.SNOOZED and "snoozed_until" not in wanted:
        wanted["snoozed_until"] = conversation.snoozed_until  # other fields of a snoozed one: keep its time
    elif new_status == Status.SNOOZED:
        until = wanted.get("snoozed_until")
        if until is None or until <= now:
            raise invalid("A snoozed conversation needs a future snoozed_until.", param="snoozed_until")
        wanted["snoozed_until"] = until
    elif wanted.get("snoozed_until") is not None:
        raise invalid("snoozed_until is only accepted with status snoozed.", param="snoozed_until")
    else:
        wanted["snoozed_until"] = None
    if new_status == Status.CLOSED and current != Status.CLOSED:
        conversation.closed_at = now
    elif new_status == Status.OPEN and current == Status.CLOSED:
        conversation.closed_at = None

    changed = []
    for api, value in wanted.items():
        if getattr(conversation, UPDATABLE[api]) != value:
            setattr(conversation, UPDATABLE[api], value)
            changed.append(api)
    if not changed:
        return conversation
    conversation.updated_at = now
    fields = [UPDATABLE[api] for api in changed] + ["updated_at", "closed_at"]
    conversation.save(update_fields=fields)
    after = conversation_representation(conversation)
    changed_names = changed
    if before.get("closed_at") != after.get("closed_at"):
        changed_names = sorted({*changed, "closed_at"})
    previous = {api: before.get(api) for api in changed_names}
    _emit_conversation(
        "conversation.updated", conversation, after, previous_attributes=previous, changes=changed_names
    )
    if "assignee_id" in changed:
        _emit_conversation(
            "conversation.assigned",
            conversation,
            after,
            previous_attributes={"assignee_id": before.get("assignee_id")},
            changes=["assignee_id"],
        )
    if "status" in changed and new_status == Status.CLOSED:
        _emit_conversation(
            "conversation.closed",
            conversation,
            after,
            previous_attributes={"status": current},
            changes=["status"],
        )
    if "status" in changed and current == Status.CLOSED:
        _emit_conversation(
            "conversation.reopened",
            conversation,
            after,
            previous_attributes={"status": current},
            changes=["status"],
        )
    if "handled_by" in changed and conversation.handled_by == HandledBy.HUMAN:
        _emit_conversation(
            "conversation.handed_off",
            conversation,
            {**after, "handoff_reason": AGENT_TOOK_OVER},
            previous_attributes={"handled_by": before.get("handled_by")},
            changes=["handled_by"],
        )
    return conversation


@transaction.atomic
def conversation_contact_change(*, conversation: Conversation, contact_id: str) -> Conversation:
    """Give the conversation to another contact of the workspace (a widget visitor who proved who they
    are: their anonymous conversations follow them). The contact's own messages follow too (their
    `author_id` names the contact). Emits `conversation.updated` with the previous `contact_id`; nothing
    when it is already that contact's. Under the conversation's row lock, like any message."""
    conversation = _lock(conversation)
    if conversation.contact_id == contact_id:
        return conversation
    if not Contact.objects.filter(pk=contact_id).exists():
        raise Unprocessable("contact_not_found", f"Contact {contact_id} not found.", param="contact_id")
    previous = conversation.contact_id
    now = timezone.now()
    Message.objects.for_workspace(conversation.workspace_id).filter(
        conversation_id=conversation.pk, author_type=AuthorType.CONTACT, author_id=previous
    ).update(author_id=contact_id)
    conversation.contact_id = contact_id
    conversation.updated_at = now
    conversation.save(update_fields=["contact", "updated_at"])
    _emit_conversation(
        "conversation.updated",
        conversation,
        previous_attributes={"contact_id": previous},
        changes=["contact_id"],
    )
    return conversation


def conversation_close(*, conversation: Conversation) -> Conversation:
    """Close (from any status); closing a closed conversation changes nothing."""
    return conversation_update(conversation=conversation, changes={"status": Status.CLOSED})


def conversation_reopen(*, conversation: Conversation) -> Conversation:
    """Back to open (the only way out of closed)."""
    return conversation_update(conversation=conversation, changes={"status": Status.OPEN})


def conversation_assign(*, conversation: Conversation, assignee_id: str | None) -> Conversation:
    """Assign to a member (`usr_…`) or unassign (None); 409 on a closed conversation."""
    return conversation_update(conversation=conversation, changes={"assignee_id": assignee_id})


@transaction.atomic
def conversation_hand_off(*, conversation: Conversation, reason: str) -> Conversation:
    """The assistant gives the conversation to the team: `handled_by` → human, `conversation.handed_off`
    with `handoff_reason` in its data. A conversation already with the team is returned unchanged."""
    conversation = _lock(conversation)
    if conversation.handled_by == HandledBy.HUMAN:
        return conversation
    conversation.handled_by = HandledBy.HUMAN
    conversation.updated_at = timezone.now()
    conversation.save(update_fields=["handled_by", "updated_at"])
    data = conversation_representation(conversation)
    previous = {"handled_by": HandledBy.ASSISTANT}
    _emit_conversation(
        "conversation.updated", conversation, data, previous_attributes=previous, changes=["handled_by"]
    )
    _emit_conversation(
        "conversation.handed_off",
        conversation,
        {**data, "handoff_reason": reason},
        previous_attributes=previous,
        changes=["handled_by"],
    )
    return conversation


def conversation_wake(*, conversation_id: str, workspace_id: str) -> Conversation | None:
    """A snoozed conversation whose time has come goes back to `open` (the beat task calls this)."""
    with transaction.atomic():
        conversation = (
            Conversation.objects.for_workspace(workspace_id)
            .select_for_update(skip_locked=True)
            .filter(
                pk=conversation_id,
                status=Status.SNOOZED,
                snoozed_until__lte=timezone.now(),
            )
            .first()
        )
        if conversation is None:
            return None
        previous = {
            "status": Status.SNOOZED.value,
            "snoozed_until": conversation_representation(conversation).get("snoozed_until"),
        }
        conversation.status = Status.OPEN
        conversation.snoozed_until = None
        conversation.updated_at = timezone.now()
        conversation.save(update_fields=["status", "snoozed_until", "updated_at"])
        _emit_conversation(
            "conversation.updated",
            conversation,
            previous_attributes=previous,
            changes=["status", "snoozed_until"],
        )
        return conversation


@transaction.atomic
def message_create(
    *,
    conversation: Conversation,
    author_type: str,
    body: str,
    author_id: str | None = None,
    usage: dict | None = None,
) -> Message:
    """Append a message and move the counters, under the conversation's row lock.

    A contact message reopens a closed conversation and wakes a snoozed or pending one (→ open); any
    other author on a closed conversation gets 409 conversation_closed. A contact message's author id is
    the contact. Emits `message.created` with the message as the API shows it (the assistant listens to it).
    """
    return _append_message(
        _lock(conversation), author_type=author_type, body=body, author_id=author_id, usage=usage
    )


def _append_message(
    conversation: Conversation, *, author_type: str, body: str, author_id: str | None = None, usage=None
) -> Message:
    """message_create's work, on a conversation row the caller's transaction holds: read under its
    lock, or inserted by it (conversation_create's first message: no lock to take, no savepoint)."""
    current = conversation.status
    now = timezone.now()
    is_contact = author_type == AuthorType.CONTACT
    if current == Status.CLOSED and not is_contact:
        raise conversation_closed_error()
    if is_contact:
        author_id = conversation.contact_id
    message = Message.objects.create(
        workspace_id=conversation.workspace_id,
        conversation=conversation,
        author_type=author_type,
        author_id=author_id,
        body=body,
        usage=usage or None,
        # A reply on an e-mail conversation goes out by e-mail (apps.channels_email): queued from the
        # start, so the 201 and message.created show it.
        delivery_status="queued"
        if conversation.channel == Channel.EMAIL and author_type in (AuthorType.AGENT, AuthorType.ASSISTANT)
        else None,
        created_at=now,
    )
    preview = body[:LAST_MESSAGE_PREVIEW_CHARS]
    updates = {
        "message_count": F("message_count") + 1,
        "last_message_at": now,
        "last_message_preview": preview,
        "updated_at": now,
    }
    wakes = is_contact and current != Status.OPEN
    before = conversation_representation(conversation) if wakes else {}
    if wakes:
        updates.update(status=Status.OPEN, snoozed_until=None, closed_at=None)
    Conversation.objects.for_workspace(conversation.workspace_id).filter(pk=conversation.pk).update(**updates)
    conversation.message_count += 1  # exact: we hold the row lock
    conversation.last_message_at = conversation.updated_at = now
    conversation.last_message_preview = preview
    if wakes:
        conversation.status, conversation.snoozed_until, conversation.closed_at = Status.OPEN, None, None
        after = conversation_representation(conversation)
        changed = sorted(k for k in ("status", "snoozed_until", "closed_at") if before.get(k) != after.get(k))
        previous = {k: before.get(k) for k in changed}
        _emit_conversation(
            "conversation.updated", conversation, after, previous_attributes=previous, changes=changed
        )
        if current == Status.CLOSED:
            _emit_conversation(
                "conversation.reopened",
                conversation,
                after,
                previous_attributes={"status": current},
                changes=["status"],
            )
    if is_contact:
        Contact.objects.for_workspace(conversation.workspace_id).filter(pk=conversation.contact_id).update(
            last_seen_at=now
        )
    emit(
        "message.created",
        workspace_id=conversation.workspace_id,
        resource_type="message",
        resource_id=message.id,
        data=message_representation(message),
        contact_id=conversation.contact_id,
        changes=["body", "author"],
        conversation_id=conversation.id,
        # What the message's listeners decide on (the e-mail channel, the assistant), as of this message:
        # they skip without a query of their own when it is not theirs.
        channel=conversation.channel,
        handled_by=conversation.handled_by,
    )
    return message


@transaction.atomic
def note_create(*, conversation: Conversation, author_id: str, body: str) -> Note:
    """An internal note (allowed on closed conversations too: the team may document after closing).

    Under the conversation's row lock, like a message: a note racing the contact's erasure is a 404."""
    conversation = _lock(conversation)
    note = Note.objects.create(
        workspace_id=conversation.workspace_id, conversation=conversation, author_id=author_id, body=body
    )
    emit(
        "note.created",
        workspace_id=conversation.workspace_id,
        resource_type="note",
        resource_id=note.id,
        data=note_representation(note),
        contact_id=conversation.contact_id,
        changes=["body"],
        conversation_id=conversation.id,
    )
    return note
