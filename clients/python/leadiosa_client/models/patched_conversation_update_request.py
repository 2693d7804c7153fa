from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.conversation_status_enum import ConversationStatusEnum
from ..models.handled_by_enum import HandledByEnum
from ..models.priority_enum import PriorityEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedConversationUpdateRequest")


@_attrs_define
class PatchedConversationUpdateRequest:
    """The conversation fields to change.

    Attributes:
        status (ConversationStatusEnum | Unset): One of the listed values.
        priority (PriorityEnum | Unset): One of the listed values.
        subject (None | str | Unset): The new title, at most 500 characters; null or empty removes it.
        tags (list[str] | None | Unset): The whole new list (it replaces the old one): at most 20 labels of 1–50
            characters; null or `[]` removes them all.
        assignee_id (None | str | Unset): A member's user id (`usr_…`, from `GET /members`) to assign, or null to
            unassign.
        snoozed_until (datetime.datetime | None | Unset): With `status: snoozed`: when to open again (a future ISO-8601
            timestamp with an offset).
        handled_by (HandledByEnum | Unset): One of the listed values.
    """

    status: ConversationStatusEnum | Unset = UNSET
    priority: PriorityEnum | Unset = UNSET
    subject: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    assignee_id: None | str | Unset = UNSET
    snoozed_until: datetime.datetime | None | Unset = UNSET
    handled_by: HandledByEnum | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

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

        snoozed_until: None | str | Unset
        if isinstance(self.snoozed_until, Unset):
            snoozed_until = UNSET
        elif isinstance(self.snoozed_until, datetime.datetime):
            snoozed_until = self.snoozed_until.isoformat()
        else:
            snoozed_until = self.snoozed_until

        handled_by: str | Unset = UNSET
        if not isinstance(self.handled_by, Unset):
            handled_by = self.handled_by.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if priority is not UNSET:
            field_dict["priority"] = priority
        if subject is not UNSET:
            field_dict["subject"] = subject
        if tags is not UNSET:
            field_dict["tags"] = tags
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if snoozed_until is not UNSET:
            field_dict["snoozed_until"] = snoozed_until
        if handled_by is not UNSET:
            field_dict["handled_by"] = handled_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: ConversationStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ConversationStatusEnum(_status)

        _priority = d.pop("priority", UNSET)
        priority: PriorityEnum | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = PriorityEnum(_priority)

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

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

        def _parse_snoozed_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                snoozed_until_type_0 = datetime.datetime.fromisoformat(data)

                return snoozed_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        snoozed_until = _parse_snoozed_until(d.pop("snoozed_until", UNSET))

        _handled_by = d.pop("handled_by", UNSET)
        handled_by: HandledByEnum | Unset
        if isinstance(_handled_by, Unset):
            handled_by = UNSET
        else:
            handled_by = HandledByEnum(_handled_by)

        patched_conversation_update_request = cls(
            status=status,
            priority=priority,
            subject=subject,
            tags=tags,
            assignee_id=assignee_id,
            snoozed_until=snoozed_until,
            handled_by=handled_by,
        )

        return patched_conversation_update_request
