from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EmailChannel")


@_attrs_define
class EmailChannel:
    """A EmailChannel object.

    Attributes:
        address (str): The workspace's inbound address; replies are sent from it.
        inbound_url (str): POST each received message here, raw (Content-Type: message/rfc822); keep it secret.
    """

    address: str
    inbound_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        inbound_url = self.inbound_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "inbound_url": inbound_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        inbound_url = d.pop("inbound_url")

        email_channel = cls(
            address=address,
            inbound_url=inbound_url,
        )

        email_channel.additional_properties = d
        return email_channel

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
