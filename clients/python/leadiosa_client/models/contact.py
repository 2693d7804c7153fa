from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_attributes import ContactAttributes


T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """A person your workspace talks to. Optional fields are omitted when empty.

    Attributes:
        id (str): The contact's id (`ct_…`).
        created_at (datetime.datetime): When the contact was created (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        updated_at (datetime.datetime): When any of its fields last changed (UTC).
        email (str | Unset): E-mail address, lower-cased; unique in the workspace. Omitted when the contact has none.
        name (str | Unset): Full name, as given; omitted when unknown.
        phone (str | Unset): Phone number as given (free text, not normalised); omitted when unknown.
        external_id (str | Unset): Your own system's id for this person (e.g. a CRM id); unique in the workspace.
            Omitted when not set.
        attributes (ContactAttributes | Unset): Your own key–value data: a flat object of at most 100 keys whose values
            are strings, numbers or booleans. Omitted when empty.
        last_seen_at (datetime.datetime | Unset): When the contact last wrote a message (UTC); omitted when it never
            has.
    """

    id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    email: str | Unset = UNSET
    name: str | Unset = UNSET
    phone: str | Unset = UNSET
    external_id: str | Unset = UNSET
    attributes: ContactAttributes | Unset = UNSET
    last_seen_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        email = self.email

        name = self.name

        phone = self.phone

        external_id = self.external_id

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        last_seen_at: str | Unset = UNSET
        if not isinstance(self.last_seen_at, Unset):
            last_seen_at = self.last_seen_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if last_seen_at is not UNSET:
            field_dict["last_seen_at"] = last_seen_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_attributes import ContactAttributes  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        email = d.pop("email", UNSET)

        name = d.pop("name", UNSET)

        phone = d.pop("phone", UNSET)

        external_id = d.pop("external_id", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: ContactAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ContactAttributes.from_dict(_attributes)

        _last_seen_at = d.pop("last_seen_at", UNSET)
        last_seen_at: datetime.datetime | Unset
        if isinstance(_last_seen_at, Unset):
            last_seen_at = UNSET
        else:
            last_seen_at = datetime.datetime.fromisoformat(_last_seen_at)

        contact = cls(
            id=id,
            created_at=created_at,
            updated_at=updated_at,
            email=email,
            name=name,
            phone=phone,
            external_id=external_id,
            attributes=attributes,
            last_seen_at=last_seen_at,
        )

        contact.additional_properties = d
        return contact

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
