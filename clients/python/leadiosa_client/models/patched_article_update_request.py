from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.article_status_enum import ArticleStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedArticleUpdateRequest")


@_attrs_define
class PatchedArticleUpdateRequest:
    """The article fields to change; a new title or body queues ingestion.

    Attributes:
        title (str | Unset): The new title, 1–300 characters; queues ingestion again.
        body (str | Unset): The new content (Markdown or plain text, at most 200 000 characters, not blank); queues
            ingestion again.
        locale (str | Unset): The new language tag (e.g. `en`, `pt-BR`); queues ingestion again.
        status (ArticleStatusEnum | Unset): One of the listed values.
        source_url (None | str | Unset): The new http(s) URL of its source (at most 2000 characters); null or empty
            removes it.
    """

    title: str | Unset = UNSET
    body: str | Unset = UNSET
    locale: str | Unset = UNSET
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

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if body is not UNSET:
            field_dict["body"] = body
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
        title = d.pop("title", UNSET)

        body = d.pop("body", UNSET)

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

        patched_article_update_request = cls(
            title=title,
            body=body,
            locale=locale,
            status=status,
            source_url=source_url,
        )

        return patched_article_update_request
