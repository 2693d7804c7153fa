from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.me_token import MeToken
    from ..models.me_workspace import MeWorkspace
    from ..models.member import Member


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """The calling token, its member and its workspace.

    Attributes:
        member (Member): A member of the workspace. `user_id` is what a conversation's `assignee_id` takes.
        token (MeToken): The calling token: its effective role (never above its member's) and scope.
        workspace (MeWorkspace): The token's workspace.
    """

    member: Member
    token: MeToken
    workspace: MeWorkspace
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        member = self.member.to_dict()

        token = self.token.to_dict()

        workspace = self.workspace.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "member": member,
                "token": token,
                "workspace": workspace,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.me_token import MeToken  # noqa: PLC0415
        from ..models.me_workspace import MeWorkspace  # noqa: PLC0415
        from ..models.member import Member  # noqa: PLC0415

        d = dict(src_dict)
        member = Member.from_dict(d.pop("member"))

        token = MeToken.from_dict(d.pop("token"))

        workspace = MeWorkspace.from_dict(d.pop("workspace"))

        me = cls(
            member=member,
            token=token,
            workspace=workspace,
        )

        me.additional_properties = d
        return me

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
