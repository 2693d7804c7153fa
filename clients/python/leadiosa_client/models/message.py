from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status_enum import DeliveryStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.author import Author
    from ..models.usage import Usage


T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """A message of a conversation's thread.

    Attributes:
        id (str): The message's id (`msg_…`).
        conversation_id (str): The conversation it belongs to (`conv_…`).
        author (Author): Who wrote a message: the contact, an agent (user), the assistant or the system.
        body (str): The text, as written (plain text, at most 10 000 characters).
        created_at (datetime.datetime): When it was posted (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        usage (Usage | Unset): The tokens an assistant reply used.
        delivery_status (DeliveryStatusEnum | Unset): One of the listed values.
    """

    id: str
    conversation_id: str
    author: Author
    body: str
    created_at: datetime.datetime
    usage: Usage | Unset = UNSET
    delivery_status: DeliveryStatusEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        conversation_id = self.conversation_id

        author = self.author.to_dict()

        body = self.body

        created_at = self.created_at.isoformat()

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        delivery_status: str | Unset = UNSET
        if not isinstance(self.delivery_status, Unset):
            delivery_status = self.delivery_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "conversation_id": conversation_id,
                "author": author,
                "body": body,
                "created_at": created_at,
            }
        )
        if usage is not UNSET:
            field_dict["usage"] = usage
        if delivery_status is not UNSET:
            field_dict["delivery_status"] = delivery_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author import Author  # noqa: PLC0415
        from ..models.usage import Usage  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        conversation_id = d.pop("conversation_id")

        author = Author.from_dict(d.pop("author"))

        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _usage = d.pop("usage", UNSET)
        usage: Usage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = Usage.from_dict(_usage)

        _delivery_status = d.pop("delivery_status", UNSET)
        delivery_status: DeliveryStatusEnum | Unset
        if isinstance(_delivery_status, Unset):
            delivery_status = UNSET
        else:
            delivery_status = DeliveryStatusEnum(_delivery_status)

        message = cls(
            id=id,
            conversation_id=conversation_id,
            author=author,
            body=body,
            created_at=created_at,
            usage=usage,
            delivery_status=delivery_status,
        )

        message.additional_properties = d
        return message

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
