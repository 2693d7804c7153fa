from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_error_code import ErrorErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorError")


@_attrs_define
class ErrorError:
    """What went wrong.

    Attributes:
        code (ErrorErrorCode): Stable and machine-readable: branch on it. Listed with what to do at /docs/errors/.
        message (str): A human-readable explanation in English; its wording may change, so do not parse it.
        request_id (str | Unset): This request's id (`req_…`, also the `X-Request-Id` header): quote it when reporting a
            problem. Omitted only when the failure happened before an id was assigned. Example: req_a1b2c3.
        param (str | Unset): The offending field or query parameter, as a dotted path (e.g. `contact.email`,
            `events.2`); omitted when no single one is to blame.
    """

    code: ErrorErrorCode
    message: str
    request_id: str | Unset = UNSET
    param: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        request_id = self.request_id

        param = self.param

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if param is not UNSET:
            field_dict["param"] = param

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = ErrorErrorCode(d.pop("code"))

        message = d.pop("message")

        request_id = d.pop("request_id", UNSET)

        param = d.pop("param", UNSET)

        error_error = cls(
            code=code,
            message=message,
            request_id=request_id,
            param=param,
        )

        error_error.additional_properties = d
        return error_error

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
