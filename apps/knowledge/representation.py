"""A knowledge article as the API shows it (responses, webhook payloads, the archive): a plain function
over a row (see `leadiosa.representation`); `ArticleSerializer` describes it for the spec and delegates."""

from __future__ import annotations

from collections.abc import Mapping

from leadiosa.representation import Shape

ARTICLE = Shape(
    plain=(
        "id",
        "title",
        "body",
        "locale",
        "status",
        "source_url",
        "ingest_status",
        "ingest_error",
        "chunk_count",
    ),
    timestamps=("created_at", "updated_at"),
)


def article_data(a: Mapping) -> dict:
    data = {
        "id": a["id"],
        "title": a["title"],
        "body": a["body"],
        "locale": a["locale"],
        "status": a["status"],
    }
    if a["source_url"]:
        data["source_url"] = a["source_url"]
    data["ingest_status"] = a["ingest_status"]
    if a["ingest_error"]:
        data["ingest_error"] = a["ingest_error"]
    data["chunk_count"] = a["chunk_count"]
    data["created_at"] = a["created_at_text"]
    data["updated_at"] = a["updated_at_text"]
    return data


def article_representation(article) -> dict:
    return article_data(ARTICLE.row_of(article))
