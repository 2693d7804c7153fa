from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FirstMessageRequest")


@_attrs_define
class FirstMessageRequest:
    """The contact's first message of a new conversation.

    Attributes:
        body (str): The contact's message (plain text, 1–10 000 characters, not blank).
    """

    body: str

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        first_message_request = cls(
            body=body,
        )

        return first_message_request
