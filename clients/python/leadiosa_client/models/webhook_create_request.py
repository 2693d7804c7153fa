from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreateRequest")


@_attrs_define
class WebhookCreateRequest:
    """A webhook endpoint to register: a public `https` URL and catalogue event names (or `["*"]`).

    Attributes:
        url (str): An `https` URL on a public host name (no credentials, no fragment), at most 2048 characters.
        events (list[str]): Catalogue event names, or `["*"]` alone for every event.
        description (str | Unset): Your note about it, at most 500 characters.
    """

    url: str
    events: list[str]
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events = self.events

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "events": events,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        events = cast(list[str], d.pop("events"))

        description = d.pop("description", UNSET)

        webhook_create_request = cls(
            url=url,
            events=events,
            description=description,
        )

        return webhook_create_request
