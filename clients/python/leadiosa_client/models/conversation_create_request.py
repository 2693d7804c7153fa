from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel_enum import ChannelEnum
from ..models.handled_by_enum import HandledByEnum
from ..models.priority_enum import PriorityEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_create_request import ContactCreateRequest
    from ..models.first_message_request import FirstMessageRequest


T = TypeVar("T", bound="ConversationCreateRequest")


@_attrs_define
class ConversationCreateRequest:
    """A new conversation: `contact_id`, or a `contact` to find or create; an optional first `message`.

    Attributes:
        contact_id (str | Unset): An existing contact (`ct_…`). Send this or `contact`, not both; an unknown id is a 422
            `contact_not_found`.
        contact (ContactCreateRequest | Unset): A contact to create (also the `contact` object of a new conversation,
            found by `email` or `external_id`).
        subject (None | str | Unset): A short title, at most 500 characters; null or empty means none.
        priority (PriorityEnum | Unset): One of the listed values.
        tags (list[str] | None | Unset): At most 20 labels of 1–50 characters; duplicates are kept once, in order.
        assignee_id (None | str | Unset): A member's user id (`usr_…`, from `GET /members`) to assign; null or absent
            leaves it unassigned.
        channel (ChannelEnum | Unset): One of the listed values.
        handled_by (HandledByEnum | Unset): One of the listed values.
        message (FirstMessageRequest | Unset): The contact's first message of a new conversation.
    """

    contact_id: str | Unset = UNSET
    contact: ContactCreateRequest | Unset = UNSET
    subject: None | str | Unset = UNSET
    priority: PriorityEnum | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    assignee_id: None | str | Unset = UNSET
    channel: ChannelEnum | Unset = UNSET
    handled_by: HandledByEnum | Unset = UNSET
    message: FirstMessageRequest | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        contact: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contact, Unset):
            contact = self.contact.to_dict()

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        assignee_id: None | str | Unset
        if isinstance(self.assignee_id, Unset):
            assignee_id = UNSET
        else:
            assignee_id = self.assignee_id

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        handled_by: str | Unset = UNSET
        if not isinstance(self.handled_by, Unset):
            handled_by = self.handled_by.value

        message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message, Unset):
            message = self.message.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if contact is not UNSET:
            field_dict["contact"] = contact
        if subject is not UNSET:
            field_dict["subject"] = subject
        if priority is not UNSET:
            field_dict["priority"] = priority
        if tags is not UNSET:
            field_dict["tags"] = tags
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if channel is not UNSET:
            field_dict["channel"] = channel
        if handled_by is not UNSET:
            field_dict["handled_by"] = handled_by
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_create_request import ContactCreateRequest  # noqa: PLC0415
        from ..models.first_message_request import FirstMessageRequest  # noqa: PLC0415

        d = dict(src_dict)
        contact_id = d.pop("contact_id", UNSET)

        _contact = d.pop("contact", UNSET)
        contact: ContactCreateRequest | Unset
        if isinstance(_contact, Unset):
            contact = UNSET
        else:
            contact = ContactCreateRequest.from_dict(_contact)

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        _priority = d.pop("priority", UNSET)
        priority: PriorityEnum | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = PriorityEnum(_priority)

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_assignee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id", UNSET))

        _channel = d.pop("channel", UNSET)
        channel: ChannelEnum | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = ChannelEnum(_channel)

        _handled_by = d.pop("handled_by", UNSET)
        handled_by: HandledByEnum | Unset
        if isinstance(_handled_by, Unset):
            handled_by = UNSET
        else:
            handled_by = HandledByEnum(_handled_by)

        _message = d.pop("message", UNSET)
        message: FirstMessageRequest | Unset
        if isinstance(_message, Unset):
            message = UNSET
        else:
            message = FirstMessageRequest.from_dict(_message)

        conversation_create_request = cls(
            contact_id=contact_id,
            contact=contact,
            subject=subject,
            priority=priority,
            tags=tags,
            assignee_id=assignee_id,
            channel=channel,
            handled_by=handled_by,
            message=message,
        )

        return conversation_create_request
