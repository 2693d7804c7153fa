from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedWidgetUpdateRequest")


@_attrs_define
class PatchedWidgetUpdateRequest:
    """A PatchedWidgetUpdateRequest object.

    Attributes:
        allowed_origins (list[str] | Unset): The whole new list (it replaces the old one) of at most 20 origins that may
            embed the widget: `https://host[:port]`, no path (plain `http` only for localhost); duplicates kept once.
        greeting (None | str | Unset): The first line the widget shows a visitor, at most 500 characters; null or empty
            removes it.
        color (None | str | Unset): The accent color, `#rrggbb` (stored lower-case); null or empty removes it (the
            widget's default).
    """

    allowed_origins: list[str] | Unset = UNSET
    greeting: None | str | Unset = UNSET
    color: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed_origins: list[str] | Unset = UNSET
        if not isinstance(self.allowed_origins, Unset):
            allowed_origins = self.allowed_origins

        greeting: None | str | Unset
        if isinstance(self.greeting, Unset):
            greeting = UNSET
        else:
            greeting = self.greeting

        color: None | str | Unset
        if isinstance(self.color, Unset):
            color = UNSET
        else:
            color = self.color

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allowed_origins is not UNSET:
            field_dict["allowed_origins"] = allowed_origins
        if greeting is not UNSET:
            field_dict["greeting"] = greeting
        if color is not UNSET:
            field_dict["color"] = color

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_origins = cast(list[str], d.pop("allowed_origins", UNSET))

        def _parse_greeting(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        greeting = _parse_greeting(d.pop("greeting", UNSET))

        def _parse_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        color = _parse_color(d.pop("color", UNSET))

        patched_widget_update_request = cls(
            allowed_origins=allowed_origins,
            greeting=greeting,
            color=color,
        )

        return patched_widget_update_request
