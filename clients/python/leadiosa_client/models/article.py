from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.article_status_enum import ArticleStatusEnum
from ..models.ingest_status_enum import IngestStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Article")


@_attrs_define
class Article:
    """A knowledge-base article. Published articles are searched and used by the assistant once `ingest_status` is `ready`.

    Attributes:
        id (str): The article's id (`art_…`).
        title (str): The title, at most 300 characters.
        body (str): The content, Markdown or plain text (at most 200 000 characters).
        locale (str | Unset): Its language tag (BCP 47, e.g. `en`, `pt-BR`): chooses the full-text search language.
            Default `en`.
        status (ArticleStatusEnum | Unset): One of the listed values.
        source_url (str | Unset): Where the article came from (an http(s) URL); omitted when not set.
        ingest_status (IngestStatusEnum | Unset): One of the listed values.
        ingest_error (str | Unset): Why the last ingestion failed (at most 500 characters); present only when
            `ingest_status` is `failed`.
        chunk_count (int | Unset): How many chunks the article is indexed as; 0 until the first ingestion.
        created_at (datetime.datetime | Unset): When the article was created (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
        updated_at (datetime.datetime | Unset): When any of its fields last changed (UTC).
    """

    id: str
    title: str
    body: str
    locale: str | Unset = UNSET
    status: ArticleStatusEnum | Unset = UNSET
    source_url: str | Unset = UNSET
    ingest_status: IngestStatusEnum | Unset = UNSET
    ingest_error: str | Unset = UNSET
    chunk_count: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        body = self.body

        locale = self.locale

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        source_url = self.source_url

        ingest_status: str | Unset = UNSET
        if not isinstance(self.ingest_status, Unset):
            ingest_status = self.ingest_status.value

        ingest_error = self.ingest_error

        chunk_count = self.chunk_count

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
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
        if ingest_status is not UNSET:
            field_dict["ingest_status"] = ingest_status
        if ingest_error is not UNSET:
            field_dict["ingest_error"] = ingest_error
        if chunk_count is not UNSET:
            field_dict["chunk_count"] = chunk_count
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        body = d.pop("body")

        locale = d.pop("locale", UNSET)

        _status = d.pop("status", UNSET)
        status: ArticleStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ArticleStatusEnum(_status)

        source_url = d.pop("source_url", UNSET)

        _ingest_status = d.pop("ingest_status", UNSET)
        ingest_status: IngestStatusEnum | Unset
        if isinstance(_ingest_status, Unset):
            ingest_status = UNSET
        else:
            ingest_status = IngestStatusEnum(_ingest_status)

        ingest_error = d.pop("ingest_error", UNSET)

        chunk_count = d.pop("chunk_count", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        article = cls(
            id=id,
            title=title,
            body=body,
            locale=locale,
            status=status,
            source_url=source_url,
            ingest_status=ingest_status,
            ingest_error=ingest_error,
            chunk_count=chunk_count,
            created_at=created_at,
            updated_at=updated_at,
        )

        article.additional_properties = d
        return article

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
