from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role_enum import RoleEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """A member of the workspace. `user_id` is what a conversation's `assignee_id` takes.

    Attributes:
        id (str): The membership's id (`mem_…`).
        user_id (str): The person's user id (`usr_…`): what a conversation's `assignee_id` takes, and a note's or a
            message's author id.
        email (str): The user's sign-in e-mail address.
        role (RoleEnum): One of the listed values.
        created_at (datetime.datetime): When the person joined the workspace (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        name (str | Unset): Full name; omitted when the user has none.
    """

    id: str
    user_id: str
    email: str
    role: RoleEnum
    created_at: datetime.datetime
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = self.user_id

        email = self.email

        role = self.role.value

        created_at = self.created_at.isoformat()

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "email": email,
                "role": role,
                "created_at": created_at,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("user_id")

        email = d.pop("email")

        role = RoleEnum(d.pop("role"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        name = d.pop("name", UNSET)

        member = cls(
            id=id,
            user_id=user_id,
            email=email,
            role=role,
            created_at=created_at,
            name=name,
        )

        member.additional_properties = d
        return member

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
