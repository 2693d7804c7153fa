from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.article_status_enum import ArticleStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArticleCreateRequest")


@_attrs_define
class ArticleCreateRequest:
    """A new article: Markdown or plain text. `locale` defaults to `en`, `status` to `published`.

    Attributes:
        title (str): The title, 1–300 characters.
        body (str): The content, Markdown or plain text, at most 200 000 characters and not blank.
        locale (str | Unset): A language tag such as `en`, `fr` or `pt-BR` (stored normalised); default `en`. Default:
            'en'.
        status (ArticleStatusEnum | Unset): One of the listed values.
        source_url (None | str | Unset): Where the article came from: an http(s) URL of at most 2000 characters; null or
            empty means none.
    """

    title: str
    body: str
    locale: str | Unset = "en"
    status: ArticleStatusEnum | Unset = UNSET
    source_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        body = self.body

        locale = self.locale

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        source_url: None | str | Unset
        if isinstance(self.source_url, Unset):
            source_url = UNSET
        else:
            source_url = self.source_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "body": body,
            }
        )
        if locale is not UNSET:
            field_dict["locale"] = locale
        if status is not UNSET:
            field_dict["status"] = status
        if source_url is not UNSET:
            field_dict["source_url"] = source_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        body = d.pop("body")

        locale = d.pop("locale", UNSET)

        _status = d.pop("status", UNSET)
        status: ArticleStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ArticleStatusEnum(_status)

        def _parse_source_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_url = _parse_source_url(d.pop("source_url", UNSET))

        article_create_request = cls(
            title=title,
            body=body,
            locale=locale,
            status=status,
            source_url=source_url,
        )

        return article_create_request
