from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workspace_status_enum import WorkspaceStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Workspace")


@_attrs_define
class Workspace:
    """The token's workspace.

    Attributes:
        id (str): The workspace's id (`ws_…`).
        name (str): Its display name.
        status (WorkspaceStatusEnum): One of the listed values.
        plan (str): The plan's id, e.g. `team` (see `GET /billing/subscription`).
        created_at (datetime.datetime): When the workspace was created (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        closed_at (datetime.datetime | Unset): When it was closed (UTC); present only while closed.
        purge_after (datetime.datetime | Unset): When a closed workspace and all its data are erased for good (UTC, 30
            days after closing); present only while closed. `POST /workspace/restore` before then reopens it.
    """

    id: str
    name: str
    status: WorkspaceStatusEnum
    plan: str
    created_at: datetime.datetime
    closed_at: datetime.datetime | Unset = UNSET
    purge_after: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status = self.status.value

        plan = self.plan

        created_at = self.created_at.isoformat()

        closed_at: str | Unset = UNSET
        if not isinstance(self.closed_at, Unset):
            closed_at = self.closed_at.isoformat()

        purge_after: str | Unset = UNSET
        if not isinstance(self.purge_after, Unset):
            purge_after = self.purge_after.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "plan": plan,
                "created_at": created_at,
            }
        )
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if purge_after is not UNSET:
            field_dict["purge_after"] = purge_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        status = WorkspaceStatusEnum(d.pop("status"))

        plan = d.pop("plan")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _closed_at = d.pop("closed_at", UNSET)
        closed_at: datetime.datetime | Unset
        if isinstance(_closed_at, Unset):
            closed_at = UNSET
        else:
            closed_at = datetime.datetime.fromisoformat(_closed_at)

        _purge_after = d.pop("purge_after", UNSET)
        purge_after: datetime.datetime | Unset
        if isinstance(_purge_after, Unset):
            purge_after = UNSET
        else:
            purge_after = datetime.datetime.fromisoformat(_purge_after)

        workspace = cls(
            id=id,
            name=name,
            status=status,
            plan=plan,
            created_at=created_at,
            closed_at=closed_at,
            purge_after=purge_after,
        )

        workspace.additional_properties = d
        return workspace

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
