from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation import Conversation
    from ..models.conversation_assigned_event_data_previous_attributes import (
        ConversationAssignedEventDataPreviousAttributes,
    )


T = TypeVar("T", bound="ConversationAssignedEventData")


@_attrs_define
class ConversationAssignedEventData:
    """The resource and, for changes, the changed fields' previous values.

    Attributes:
        object_ (Conversation): A conversation with a contact. Optional fields are omitted when empty.
        previous_attributes (ConversationAssignedEventDataPreviousAttributes | Unset): The changed fields' values before
            this change (omitted when none).
    """

    object_: Conversation
    previous_attributes: ConversationAssignedEventDataPreviousAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.to_dict()

        previous_attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.previous_attributes, Unset):
            previous_attributes = self.previous_attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
            }
        )
        if previous_attributes is not UNSET:
            field_dict["previous_attributes"] = previous_attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation import Conversation  # noqa: PLC0415
        from ..models.conversation_assigned_event_data_previous_attributes import (
            ConversationAssignedEventDataPreviousAttributes,  # noqa: PLC0415
        )

        d = dict(src_dict)
        object_ = Conversation.from_dict(d.pop("object"))

        _previous_attributes = d.pop("previous_attributes", UNSET)
        previous_attributes: ConversationAssignedEventDataPreviousAttributes | Unset
        if isinstance(_previous_attributes, Unset):
            previous_attributes = UNSET
        else:
            previous_attributes = (
                ConversationAssignedEventDataPreviousAttributes.from_dict(
                    _previous_attributes
                )
            )

        conversation_assigned_event_data = cls(
            object_=object_,
            previous_attributes=previous_attributes,
        )

        conversation_assigned_event_data.additional_properties = d
        return conversation_assigned_event_data

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
