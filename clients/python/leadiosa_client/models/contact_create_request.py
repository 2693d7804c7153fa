from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_create_request_attributes_type_0 import (
        ContactCreateRequestAttributesType0,
    )


T = TypeVar("T", bound="ContactCreateRequest")


@_attrs_define
class ContactCreateRequest:
    """A contact to create (also the `contact` object of a new conversation, found by `email` or `external_id`).

    Attributes:
        email (None | str | Unset): E-mail address (stored lower-cased), unique in the workspace; null or empty means
            none.
        name (None | str | Unset): Full name, at most 200 characters; null or empty means none.
        phone (None | str | Unset): Phone number, free text of at most 50 characters; null or empty means none.
        external_id (None | str | Unset): Your system's id for this person, at most 200 characters, unique in the
            workspace; null or empty means none.
        attributes (ContactCreateRequestAttributesType0 | None | Unset): A flat object of at most 100 keys (1–100
            characters) with string (≤ 1000 characters), number or boolean values. On update it merges into the stored
            attributes and a null value removes that key.
    """

    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    attributes: ContactCreateRequestAttributesType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_create_request_attributes_type_0 import (
            ContactCreateRequestAttributesType0,  # noqa: PLC0415
        )

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, ContactCreateRequestAttributesType0):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_create_request_attributes_type_0 import (
            ContactCreateRequestAttributesType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        def _parse_attributes(
            data: object,
        ) -> ContactCreateRequestAttributesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attributes_type_0 = ContactCreateRequestAttributesType0.from_dict(data)

                return attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactCreateRequestAttributesType0 | None | Unset, data)

        attributes = _parse_attributes(d.pop("attributes", UNSET))

        contact_create_request = cls(
            email=email,
            name=name,
            phone=phone,
            external_id=external_id,
            attributes=attributes,
        )

        return contact_create_request
