from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.search_article import SearchArticle


T = TypeVar("T", bound="SearchHit")


@_attrs_define
class SearchHit:
    """A chunk matching the search, with its relevance `score`.

    Attributes:
        id (str): The matching chunk's id (`chk_…`).
        article_id (str): The article it comes from (`art_…`).
        article (SearchArticle): The article a search hit comes from.
        position (int): The chunk's place in its article, from 0.
        text (str): The chunk's text.
        token_count (int): Its length in model tokens (approximate).
        score (float): Relevance, higher is better: the full-text rank (0–1), or the reciprocal-rank fusion score when
            vector search took part. Compare scores within one answer only.
    """

    id: str
    article_id: str
    article: SearchArticle
    position: int
    text: str
    token_count: int
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        article_id = self.article_id

        article = self.article.to_dict()

        position = self.position

        text = self.text

        token_count = self.token_count

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "article_id": article_id,
                "article": article,
                "position": position,
                "text": text,
                "token_count": token_count,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_article import SearchArticle  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        article_id = d.pop("article_id")

        article = SearchArticle.from_dict(d.pop("article"))

        position = d.pop("position")

        text = d.pop("text")

        token_count = d.pop("token_count")

        score = d.pop("score")

        search_hit = cls(
            id=id,
            article_id=article_id,
            article=article,
            position=position,
            text=text,
            token_count=token_count,
            score=score,
        )

        search_hit.additional_properties = d
        return search_hit

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
