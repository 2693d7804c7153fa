from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conversation_closed_event_type import ConversationClosedEventType

if TYPE_CHECKING:
    from ..models.conversation_closed_event_data import ConversationClosedEventData


T = TypeVar("T", bound="ConversationClosedEvent")


@_attrs_define
class ConversationClosedEvent:
    """The body of a `conversation.closed` delivery.

    Attributes:
        id (str): The event id, also the `webhook-id` header.
        type_ (ConversationClosedEventType): The event type.
        created_at (datetime.datetime): When it happened (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        workspace_id (str): The workspace it happened in (`ws_…`).
        data (ConversationClosedEventData): The resource and, for changes, the changed fields' previous values.
    """

    id: str
    type_: ConversationClosedEventType
    created_at: datetime.datetime
    workspace_id: str
    data: ConversationClosedEventData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        created_at = self.created_at.isoformat()

        workspace_id = self.workspace_id

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "created_at": created_at,
                "workspace_id": workspace_id,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_closed_event_data import ConversationClosedEventData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = ConversationClosedEventType(d.pop("type"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        workspace_id = d.pop("workspace_id")

        data = ConversationClosedEventData.from_dict(d.pop("data"))

        conversation_closed_event = cls(
            id=id,
            type_=type_,
            created_at=created_at,
            workspace_id=workspace_id,
            data=data,
        )

        conversation_closed_event.additional_properties = d
        return conversation_closed_event

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
