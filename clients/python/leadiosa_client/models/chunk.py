from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Chunk")


@_attrs_define
class Chunk:
    """A searchable piece of an article, in order by `position`.

    Attributes:
        id (str): The chunk's id (`chk_…`); chunks are replaced, with new ids, on re-ingestion.
        article_id (str): The article it is a part of (`art_…`).
        position (int): Its place in the article, from 0.
        text (str): The passage, as indexed and quoted by the assistant.
        token_count (int): Its length in model tokens (approximate).
    """

    id: str
    article_id: str
    position: int
    text: str
    token_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        article_id = self.article_id

        position = self.position

        text = self.text

        token_count = self.token_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "article_id": article_id,
                "position": position,
                "text": text,
                "token_count": token_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        article_id = d.pop("article_id")

        position = d.pop("position")

        text = d.pop("text")

        token_count = d.pop("token_count")

        chunk = cls(
            id=id,
            article_id=article_id,
            position=position,
            text=text,
            token_count=token_count,
        )

        chunk.additional_properties = d
        return chunk

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
