from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_status_enum import WebhookStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookWithSecret")


@_attrs_define
class WebhookWithSecret:
    """A webhook endpoint with its signing secret, shown only in this response.

    Attributes:
        id (str): The endpoint's id (`wh_…`), also the `webhook-endpoint-id` header of its deliveries.
        url (str): Where deliveries are POSTed (`https`).
        events (list[str]): The catalogue event types it receives, or `["*"]` for every event (present and future).
        status (WebhookStatusEnum): One of the listed values.
        created_at (datetime.datetime): When it was registered (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        secret (str): `whsec_` + base64 of 32 random bytes. Shown only once.
        description (str | Unset): Your note about it; omitted when empty.
    """

    id: str
    url: str
    events: list[str]
    status: WebhookStatusEnum
    created_at: datetime.datetime
    secret: str
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        events = self.events

        status = self.status.value

        created_at = self.created_at.isoformat()

        secret = self.secret

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "events": events,
                "status": status,
                "created_at": created_at,
                "secret": secret,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        events = cast(list[str], d.pop("events"))

        status = WebhookStatusEnum(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        secret = d.pop("secret")

        description = d.pop("description", UNSET)

        webhook_with_secret = cls(
            id=id,
            url=url,
            events=events,
            status=status,
            created_at=created_at,
            secret=secret,
            description=description,
        )

        webhook_with_secret.additional_properties = d
        return webhook_with_secret

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
