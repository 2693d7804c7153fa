from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_status_enum import WebhookStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedWebhookUpdateRequest")


@_attrs_define
class PatchedWebhookUpdateRequest:
    """The endpoint fields to change; `status: enabled` re-enables it.

    Attributes:
        events (list[str] | Unset): Catalogue event names, or `["*"]` alone for every event.
        description (str | Unset): Your note about it, at most 500 characters; empty removes it.
        status (WebhookStatusEnum | Unset): One of the listed values.
    """

    events: list[str] | Unset = UNSET
    description: str | Unset = UNSET
    status: WebhookStatusEnum | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if events is not UNSET:
            field_dict["events"] = events
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events = cast(list[str], d.pop("events", UNSET))

        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: WebhookStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = WebhookStatusEnum(_status)

        patched_webhook_update_request = cls(
            events=events,
            description=description,
            status=status,
        )

        return patched_webhook_update_request
