from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_source_enum import AuditSourceEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_actor import AuditActor
    from ..models.audit_resource import AuditResource


T = TypeVar("T", bound="AuditEntry")


@_attrs_define
class AuditEntry:
    """One audit entry: the action, its actor, the resource and the names of the changed fields (never their values).

    Attributes:
        id (str): The entry's id (`aud_…`).
        action (str): What was done, e.g. `conversation.updated`, `token.created`, `audit.exported`.
        actor (AuditActor): Who made the change: a token, a user (dashboard or admin) or the system.
        resource (AuditResource): The resource an audit entry is about.
        created_at (datetime.datetime): When it happened (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        source (AuditSourceEnum | Unset): One of the listed values.
        request_id (str | Unset): Our id of the request that made the change (`req_…`, its `X-Request-Id`).
        client_request_id (str | Unset): The `X-Request-Id` the client sent with that request, when it was well formed
            (1–128 characters of `A–Z a–z 0–9 . _ : -`).
        ip (str | Unset): The client's IP address (IPv4 or IPv6) for API and dashboard requests; omitted otherwise.
        changes (list[str] | Unset): The names of the changed fields, never their values; omitted when none apply.
    """

    id: str
    action: str
    actor: AuditActor
    resource: AuditResource
    created_at: datetime.datetime
    source: AuditSourceEnum | Unset = UNSET
    request_id: str | Unset = UNSET
    client_request_id: str | Unset = UNSET
    ip: str | Unset = UNSET
    changes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        action = self.action

        actor = self.actor.to_dict()

        resource = self.resource.to_dict()

        created_at = self.created_at.isoformat()

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value

        request_id = self.request_id

        client_request_id = self.client_request_id

        ip = self.ip

        changes: list[str] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = self.changes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "action": action,
                "actor": actor,
                "resource": resource,
                "created_at": created_at,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if client_request_id is not UNSET:
            field_dict["client_request_id"] = client_request_id
        if ip is not UNSET:
            field_dict["ip"] = ip
        if changes is not UNSET:
            field_dict["changes"] = changes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_actor import AuditActor  # noqa: PLC0415
        from ..models.audit_resource import AuditResource  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        action = d.pop("action")

        actor = AuditActor.from_dict(d.pop("actor"))

        resource = AuditResource.from_dict(d.pop("resource"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _source = d.pop("source", UNSET)
        source: AuditSourceEnum | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = AuditSourceEnum(_source)

        request_id = d.pop("request_id", UNSET)

        client_request_id = d.pop("client_request_id", UNSET)

        ip = d.pop("ip", UNSET)

        changes = cast(list[str], d.pop("changes", UNSET))

        audit_entry = cls(
            id=id,
            action=action,
            actor=actor,
            resource=resource,
            created_at=created_at,
            source=source,
            request_id=request_id,
            client_request_id=client_request_id,
            ip=ip,
            changes=changes,
        )

        audit_entry.additional_properties = d
        return audit_entry

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
