from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.message_create_request_author_type import MessageCreateRequestAuthorType
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageCreateRequest")


@_attrs_define
class MessageCreateRequest:
    """A message to post as an agent (default) or on behalf of the contact.

    Attributes:
        body (str): The text (plain text, 1–10 000 characters, not blank).
        author_type (MessageCreateRequestAuthorType | Unset): `agent` (the token's creator is the author) or `contact`
            (relay an inbound message from the contact). Default: MessageCreateRequestAuthorType.AGENT.
    """

    body: str
    author_type: MessageCreateRequestAuthorType | Unset = (
        MessageCreateRequestAuthorType.AGENT
    )

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        author_type: str | Unset = UNSET
        if not isinstance(self.author_type, Unset):
            author_type = self.author_type.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
            }
        )
        if author_type is not UNSET:
            field_dict["author_type"] = author_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        _author_type = d.pop("author_type", UNSET)
        author_type: MessageCreateRequestAuthorType | Unset
        if isinstance(_author_type, Unset):
            author_type = UNSET
        else:
            author_type = MessageCreateRequestAuthorType(_author_type)

        message_create_request = cls(
            body=body,
            author_type=author_type,
        )

        return message_create_request
