from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.archive_status_status_enum import ArchiveStatusStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArchiveStatus")


@_attrs_define
class ArchiveStatus:
    """The newest workspace archive: its state and, once ready, a signed, expiring link (owners only).

    Attributes:
        status (ArchiveStatusStatusEnum): One of the listed values.
        requested_at (datetime.datetime | Unset): When it was requested (UTC); omitted with `none`.
        completed_at (datetime.datetime | Unset): When it was finished (UTC); present once `ready` or `failed`.
        size_bytes (int | Unset): The zip file's size in bytes; present once `ready`.
        download_url (str | Unset): Signed and expiring; shown to owners only, when the archive is ready.
        expires_at (datetime.datetime | Unset): When download_url stops working.
    """

    status: ArchiveStatusStatusEnum
    requested_at: datetime.datetime | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    size_bytes: int | Unset = UNSET
    download_url: str | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        requested_at: str | Unset = UNSET
        if not isinstance(self.requested_at, Unset):
            requested_at = self.requested_at.isoformat()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        size_bytes = self.size_bytes

        download_url = self.download_url

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if requested_at is not UNSET:
            field_dict["requested_at"] = requested_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes
        if download_url is not UNSET:
            field_dict["download_url"] = download_url
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = ArchiveStatusStatusEnum(d.pop("status"))

        _requested_at = d.pop("requested_at", UNSET)
        requested_at: datetime.datetime | Unset
        if isinstance(_requested_at, Unset):
            requested_at = UNSET
        else:
            requested_at = datetime.datetime.fromisoformat(_requested_at)

        _completed_at = d.pop("completed_at", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        size_bytes = d.pop("size_bytes", UNSET)

        download_url = d.pop("download_url", UNSET)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        archive_status = cls(
            status=status,
            requested_at=requested_at,
            completed_at=completed_at,
            size_bytes=size_bytes,
            download_url=download_url,
            expires_at=expires_at,
        )

        archive_status.additional_properties = d
        return archive_status

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
