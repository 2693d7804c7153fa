from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Widget")


@_attrs_define
class Widget:
    """A Widget object.

    Attributes:
        public_key (str): `wk_…`: goes into the embed snippet (public).
        allowed_origins (list[str]): Origins whose pages may embed the widget.
        greeting (str | Unset): The first line the widget shows a visitor; omitted when not set.
        color (str | Unset): The widget's accent color, `#rrggbb` (lower-case); omitted when not set.
    """

    public_key: str
    allowed_origins: list[str]
    greeting: str | Unset = UNSET
    color: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        public_key = self.public_key

        allowed_origins = self.allowed_origins

        greeting = self.greeting

        color = self.color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "public_key": public_key,
                "allowed_origins": allowed_origins,
            }
        )
        if greeting is not UNSET:
            field_dict["greeting"] = greeting
        if color is not UNSET:
            field_dict["color"] = color

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        public_key = d.pop("public_key")

        allowed_origins = cast(list[str], d.pop("allowed_origins"))

        greeting = d.pop("greeting", UNSET)

        color = d.pop("color", UNSET)

        widget = cls(
            public_key=public_key,
            allowed_origins=allowed_origins,
            greeting=greeting,
            color=color,
        )

        widget.additional_properties = d
        return widget

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
