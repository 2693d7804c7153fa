from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_enum import ChannelEnum
from ..models.conversation_status_enum import ConversationStatusEnum
from ..models.handled_by_enum import HandledByEnum
from ..models.priority_enum import PriorityEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Conversation")


@_attrs_define
class Conversation:
    """A conversation with a contact. Optional fields are omitted when empty.

    Attributes:
        id (str): The conversation's id (`conv_…`).
        contact_id (str): The contact this conversation is with (`ct_…`).
        status (ConversationStatusEnum): One of the listed values.
        priority (PriorityEnum): One of the listed values.
        channel (ChannelEnum): One of the listed values.
        handled_by (HandledByEnum): One of the listed values.
        message_count (int): How many messages the thread holds (contact, agent, assistant and system; notes excluded).
        created_at (datetime.datetime): When the conversation started (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        updated_at (datetime.datetime): When the conversation or its thread last changed (UTC): any field, a new
            message.
        subject (str | Unset): A short title (at most 500 characters); omitted when none was given.
        tags (list[str] | Unset): Labels of your choice (at most 20, each 1–50 characters), in the order set; omitted
            when there are none.
        assignee_id (str | Unset): The assigned member's user id (`usr_…`, the `user_id` of `GET /members`); omitted
            when unassigned.
        snoozed_until (datetime.datetime | Unset): When a snoozed conversation opens again (UTC); present only while
            snoozed.
        last_message_at (datetime.datetime | Unset): When the newest message was posted (UTC); omitted while there is
            none.
        closed_at (datetime.datetime | Unset): When it was closed (UTC); present only while closed.
    """

    id: str
    contact_id: str
    status: ConversationStatusEnum
    priority: PriorityEnum
    channel: ChannelEnum
    handled_by: HandledByEnum
    message_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    subject: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    assignee_id: str | Unset = UNSET
    snoozed_until: datetime.datetime | Unset = UNSET
    last_message_at: datetime.datetime | Unset = UNSET
    closed_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        contact_id = self.contact_id

        status = self.status.value

        priority = self.priority.value

        channel = self.channel.value

        handled_by = self.handled_by.value

        message_count = self.message_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        subject = self.subject

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        assignee_id = self.assignee_id

        snoozed_until: str | Unset = UNSET
        if not isinstance(self.snoozed_until, Unset):
            snoozed_until = self.snoozed_until.isoformat()

        last_message_at: str | Unset = UNSET
        if not isinstance(self.last_message_at, Unset):
            last_message_at = self.last_message_at.isoformat()

        closed_at: str | Unset = UNSET
        if not isinstance(self.closed_at, Unset):
            closed_at = self.closed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "contact_id": contact_id,
                "status": status,
                "priority": priority,
                "channel": channel,
                "handled_by": handled_by,
                "message_count": message_count,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if subject is not UNSET:
            field_dict["subject"] = subject
        if tags is not UNSET:
            field_dict["tags"] = tags
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if snoozed_until is not UNSET:
            field_dict["snoozed_until"] = snoozed_until
        if last_message_at is not UNSET:
            field_dict["last_message_at"] = last_message_at
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        contact_id = d.pop("contact_id")

        status = ConversationStatusEnum(d.pop("status"))

        priority = PriorityEnum(d.pop("priority"))

        channel = ChannelEnum(d.pop("channel"))

        handled_by = HandledByEnum(d.pop("handled_by"))

        message_count = d.pop("message_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        subject = d.pop("subject", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        assignee_id = d.pop("assignee_id", UNSET)

        _snoozed_until = d.pop("snoozed_until", UNSET)
        snoozed_until: datetime.datetime | Unset
        if isinstance(_snoozed_until, Unset):
            snoozed_until = UNSET
        else:
            snoozed_until = datetime.datetime.fromisoformat(_snoozed_until)

        _last_message_at = d.pop("last_message_at", UNSET)
        last_message_at: datetime.datetime | Unset
        if isinstance(_last_message_at, Unset):
            last_message_at = UNSET
        else:
            last_message_at = datetime.datetime.fromisoformat(_last_message_at)

        _closed_at = d.pop("closed_at", UNSET)
        closed_at: datetime.datetime | Unset
        if isinstance(_closed_at, Unset):
            closed_at = UNSET
        else:
            closed_at = datetime.datetime.fromisoformat(_closed_at)

        conversation = cls(
            id=id,
            contact_id=contact_id,
            status=status,
            priority=priority,
            channel=channel,
            handled_by=handled_by,
            message_count=message_count,
            created_at=created_at,
            updated_at=updated_at,
            subject=subject,
            tags=tags,
            assignee_id=assignee_id,
            snoozed_until=snoozed_until,
            last_message_at=last_message_at,
            closed_at=closed_at,
        )

        conversation.additional_properties = d
        return conversation

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
