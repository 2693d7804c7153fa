from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AiTokens")


@_attrs_define
class AiTokens:
    """AI tokens of the current billing period: the plan's allowance, used and remaining.

    Attributes:
        included (int): Model tokens the plan includes per billing period.
        used (int): Model tokens the assistant used so far this period.
        remaining (int): `included` − `used`, never below 0. At 0 the assistant hands conversations to your team
            (`ai_quota_exceeded`).
    """

    included: int
    used: int
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        included = self.included

        used = self.used

        remaining = self.remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "included": included,
                "used": used,
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        included = d.pop("included")

        used = d.pop("used")

        remaining = d.pop("remaining")

        ai_tokens = cls(
            included=included,
            used=used,
            remaining=remaining,
        )

        ai_tokens.additional_properties = d
        return ai_tokens

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
