from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.note_created_event_type import NoteCreatedEventType

if TYPE_CHECKING:
    from ..models.note_created_event_data import NoteCreatedEventData


T = TypeVar("T", bound="NoteCreatedEvent")


@_attrs_define
class NoteCreatedEvent:
    """The body of a `note.created` delivery.

    Attributes:
        id (str): The event id, also the `webhook-id` header.
        type_ (NoteCreatedEventType): The event type.
        created_at (datetime.datetime): When it happened (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        workspace_id (str): The workspace it happened in (`ws_…`).
        data (NoteCreatedEventData): The resource and, for changes, the changed fields' previous values.
    """

    id: str
    type_: NoteCreatedEventType
    created_at: datetime.datetime
    workspace_id: str
    data: NoteCreatedEventData
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
        from ..models.note_created_event_data import NoteCreatedEventData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = NoteCreatedEventType(d.pop("type"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        workspace_id = d.pop("workspace_id")

        data = NoteCreatedEventData.from_dict(d.pop("data"))

        note_created_event = cls(
            id=id,
            type_=type_,
            created_at=created_at,
            workspace_id=workspace_id,
            data=data,
        )

        note_created_event.additional_properties = d
        return note_created_event

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
