from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rotate_widget_secret_response_401_error_code import (
    RotateWidgetSecretResponse401ErrorCode,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="RotateWidgetSecretResponse401Error")


@_attrs_define
class RotateWidgetSecretResponse401Error:
    """
    Attributes:
        code (RotateWidgetSecretResponse401ErrorCode | Unset):
        message (str | Unset):
        request_id (str | Unset):
        param (str | Unset):
    """

    code: RotateWidgetSecretResponse401ErrorCode | Unset = UNSET
    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    param: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str | Unset = UNSET
        if not isinstance(self.code, Unset):
            code = self.code.value

        message = self.message

        request_id = self.request_id

        param = self.param

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if param is not UNSET:
            field_dict["param"] = param

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _code = d.pop("code", UNSET)
        code: RotateWidgetSecretResponse401ErrorCode | Unset
        if isinstance(_code, Unset):
            code = UNSET
        else:
            code = RotateWidgetSecretResponse401ErrorCode(_code)

        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        param = d.pop("param", UNSET)

        rotate_widget_secret_response_401_error = cls(
            code=code,
            message=message,
            request_id=request_id,
            param=param,
        )

        rotate_widget_secret_response_401_error.additional_properties = d
        return rotate_widget_secret_response_401_error

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
