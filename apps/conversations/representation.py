"""Conversations, messages and notes as the API shows them (lists, details, webhooks, the archive).

Plain functions over rows (see `leadiosa.representation`): no DRF, so services, tasks and the archive
use them too. The serializers in `serializers.py` describe the same shapes for the OpenAPI spec and
delegate here; `tests/conversations/test_representation.py` keeps both in step.
"""

from __future__ import annotations

from collections.abc import Mapping

from leadiosa.representation import Shape

CONVERSATION = Shape(
    plain=(
        "id",
        "contact_id",
        "status",
        "priority",
        "subject",
        "channel",
        "tags",
        "assignee_id",
        "handled_by",
        "message_count",
    ),
    timestamps=("snoozed_until", "last_message_at", "created_at", "updated_at", "closed_at"),
)
MESSAGE = Shape(
    plain=("id", "conversation_id", "author_type", "author_id", "body", "usage", "delivery_status"),
    timestamps=("created_at",),
    json=("usage",),
)
NOTE = Shape(plain=("id", "conversation_id", "author_id", "body"), timestamps=("created_at",))


def conversation_data(c: Mapping) -> dict:
    data = {"id": c["id"], "contact_id": c["contact_id"], "status": c["status"], "priority": c["priority"]}
    if c["subject"]:
        data["subject"] = c["subject"]
    data["channel"] = c["channel"]
    if c["tags"]:
        data["tags"] = list(c["tags"])
    if c["assignee_id"]:
        data["assignee_id"] = c["assignee_id"]
    if c["snoozed_until_text"] is not None:
        data["snoozed_until"] = c["snoozed_until_text"]
    data["handled_by"] = c["handled_by"]
    data["message_count"] = c["message_count"]
    if c["last_message_at_text"] is not None:
        data["last_message_at"] = c["last_message_at_text"]
    data["created_at"] = c["created_at_text"]
    data["updated_at"] = c["updated_at_text"]
    if c["closed_at_text"] is not None:
        data["closed_at"] = c["closed_at_text"]
    return data


def message_data(m: Mapping) -> dict:
    author = {"type": m["author_type"]}
    if m["author_id"]:
        author["id"] = m["author_id"]
    data = {
        "id": m["id"],
        "conversation_id": m["conversation_id"],
        "author": author,
        "body": m["body"],
        "created_at": m["created_at_text"],
    }
    if m["usage"]:
        data["usage"] = m["usage"]
    if m["delivery_status"]:  # replies on e-mail conversations only (apps.channels_email)
        data["delivery_status"] = m["delivery_status"]
    return data


def note_data(n: Mapping) -> dict:
    return {
        "id": n["id"],
        "conversation_id": n["conversation_id"],
        "author_id": n["author_id"],
        "body": n["body"],
        "created_at": n["created_at_text"],
    }


def conversation_representation(conversation) -> dict:
    return conversation_data(CONVERSATION.row_of(conversation))


def message_representation(message) -> dict:
    return message_data(MESSAGE.row_of(message))


def note_representation(note) -> dict:
    return note_data(NOTE.row_of(note))
