from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_entry import AuditEntry
    from ..models.pagination import Pagination


T = TypeVar("T", bound="PaginatedAuditEntryList")


@_attrs_define
class PaginatedAuditEntryList:
    """A page of AuditEntry objects and the cursor to the next one.

    Attributes:
        data (list[AuditEntry]): This page's items, in the list's order.
        pagination (Pagination): The cursor contract of every list: keyset pages (never offsets), stable when rows are
            added. When `has_more` is true, pass `next_cursor` as `after` to get the next page; `next_cursor` is omitted on
            the last page. A cursor is bound to its list, its filters' order and the workspace.
    """

    data: list[AuditEntry]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry import AuditEntry  # noqa: PLC0415
        from ..models.pagination import Pagination  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = AuditEntry.from_dict(data_item_data)

            data.append(data_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        paginated_audit_entry_list = cls(
            data=data,
            pagination=pagination,
        )

        paginated_audit_entry_list.additional_properties = d
        return paginated_audit_entry_list

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
