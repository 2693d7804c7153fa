"""The bulk path: many articles chunked, (embedded,) written and indexed in batches.

Used by `manage.py knowledge_import`. A batch is one transaction: its articles are created (or, for a
`source_url` the workspace already has, updated), their chunks inserted with one statement, and each
article's events emitted, like the API's path but without a task per article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from leadiosa.events import emit
from leadiosa.ids import new_id
from leadiosa.tenancy import current_workspace_id

from .chunking import chunk_text
from .ingestion import PreparedArticle, embed, write_chunks
from .locales import normalize_locale
from .models import Article, Chunk
from .providers import ProviderError, embedding_provider
from .representation import article_representation
from .search import forget_profile

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


_url_validator = URLValidator()
MAX_TITLE_CHARS = 300
MAX_BODY_CHARS = 200_000


def _check_record(data: dict) -> tuple[dict | None, str | None]:
    """The API's rules for a new article, without a serializer per record (this path runs 10⁴ times)."""
    title, body = data.get("title"), data.get("body")
    if not isinstance(title, str) or not title.strip():
        return None, "title: a non-empty string is required"
    if len(title.strip()) > MAX_TITLE_CHARS:
        return None, f"title: at most {MAX_TITLE_CHARS} characters"
    if not isinstance(body, str):
        return None, "body: a string is required"
    if len(body) > MAX_BODY_CHARS:
        return None, f"body: at most {MAX_BODY_CHARS} characters"
    locale = normalize_locale(data.get("locale"))
    if locale is None:
        return None, "locale: expected a language tag such as 'en', 'fr' or 'pt-BR'"
    status = data.get("status")
    if status not in Article.Status.values:
        return None, f"status: one of {', '.join(Article.Status.values)}"
    source_url = data.get("source_url") or ""
    if source_url:
        try:
            if not isinstance(source_url, str) or len(source_url) > 2000:
                raise ValidationError("too long")
            _url_validator(source_url)
        except ValidationError:
            return None, "source_url: not a valid URL"
    return {
        "title": title.strip(),
        "body": body,
        "locale": locale,
        "status": status,
        "source_url": source_url,
    }, None


@dataclass
class Record:
    origin: str  # "file.jsonl:12" or a path, for messages
    data: dict


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    chunks: int = 0
    skipped: list[str] = field(default_factory=list)
    # Why the import stopped before the end (the embedding provider failed after its retries).
    aborted: str = ""

    @property
    def imported(self) -> int:
        return self.created + self.updated


def read_records(path: Path) -> Iterator[Record]:
    """Records from a JSON Lines file (one article object a line) or a directory of Markdown/text files
    (optional `---` front matter with title, locale, status, source_url; else the first `# ` heading or
    the file name is the title)."""
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()):
            yield Record(str(file), _file_record(file))
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError:
                data = {"_error": "not valid JSON"}
            yield Record(
                f"{path.name}:{number}", data if isinstance(data, dict) else {"_error": "not an object"}
            )


def count_records(path: Path) -> int:
    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
    with path.open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip())


def _file_record(file: Path) -> dict:
    text = file.read_text(encoding="utf-8")
    data: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() in ("title", "locale", "status", "source_url"):
                data[key.strip()] = value.strip().strip("\"'")
        text = text[match.end() :]
    if "title" not in data:
        heading = _H1.search(text)
        data["title"] = heading.group(1).strip() if heading else file.stem.replace("-", " ").replace("_", " ")
    data["body"] = text
    return data


def _validate(record: Record, defaults: dict) -> tuple[dict | None, str | None]:
    if "_error" in record.data:
        return None, record.data["_error"]
    return _check_record({**defaults, **record.data})


def import_articles(
    records: Iterable[Record], *, defaults: dict | None = None, batch_size: int = 100, progress=None
) -> ImportReport:
    """Import records into the current workspace in batches; invalid records are skipped and reported."""
    defaults = {"locale": "en", "status": Article.Status.PUBLISHED, **(defaults or {})}
    report = ImportReport()
    batch: list[tuple[dict, PreparedArticle]] = []
    provider = embedding_provider()
    workspace_id = current_workspace_id()
    for record in records:
        data, problem = _validate(record, defaults)
        if data is not None:
            pieces = chunk_text(data["body"])
            if pieces:
                batch.append(
                    (
                        data,
                        PreparedArticle(
                            article_id=new_id("art"),
                            workspace_id=workspace_id,
                            title=data["title"],
                            locale=data["locale"],
                            pieces=pieces,
                            published=data["status"] == Article.Status.PUBLISHED,
                        ),
                    )
                )
            else:
                problem = "body: the body has no text to index"
        if problem:
            report.skipped.append(f"{record.origin}: {problem}")
        if len(batch) >= batch_size:
            if not _write_batch_or_abort(batch, provider, report):
                break
            batch = []
        if progress is not None:
            progress.update(1)
    else:
        if batch:
            _write_batch_or_abort(batch, provider, report)
    forget_profile(workspace_id)
    return report


def _write_batch_or_abort(batch, provider, report: ImportReport) -> bool:
    """Write a batch; on an embedding failure, stop the import (earlier batches stay committed)."""
    try:
        _write_batch(batch, provider, report)
    except (ProviderError, ValueError) as exc:
        report.aborted = f"embedding failed: {exc}"
        return False
    return True


def _write_batch(batch: list[tuple[dict, PreparedArticle]], provider, report: ImportReport) -> None:
    if provider is not None:
        embed([prepared for _, prepared in batch], provider)  # a failure stops the import loudly
    now = timezone.now()
    with transaction.atomic():
        urls = [data["source_url"] for data, _ in batch if data.get("source_url")]
        existing = {}
        if urls:
            for article in (
                Article.objects.select_for_update().filter(source_url__in=urls).order_by("created_at")
            ):
                existing.setdefault(article.source_url, article)
        created: list[Article] = []
        updated: list[tuple[Article, dict]] = []
        for data, prepared in batch:
            fields = {
                "title": data["title"],
                "body": data["body"],
                "locale": data["locale"],
                "status": data["status"],
                "source_url": data.get("source_url") or "",
                "ingest_status": Article.IngestStatus.READY,
                "ingest_error": "",
                "chunk_count": len(prepared.pieces),
                "embedding_model": prepared.embedding_model,
                "ingested_at": now,
                "updated_at": now,
            }
            article = existing.pop(fields["source_url"], None) if fields["source_url"] else None
            if article is None:
                created.append(
                    Article(
                        id=prepared.article_id, workspace_id=prepared.workspace_id, created_at=now, **fields
                    )
                )
            else:
                before = article_representation(article)
                for name, value in fields.items():
                    setattr(article, name, value)
                prepared.article_id = article.id
                updated.append((article, before))
        Article.objects.bulk_create(created, batch_size=500)
        if updated:
            Chunk.objects.filter(article_id__in=[a.id for a, _ in updated]).delete()
            for article, _ in updated:
                article.content_version = F("content_version") + 1
            Article.objects.bulk_update(
                [a for a, _ in updated],
                [
                    "title",
                    "body",
                    "locale",
                    "status",
                    "source_url",
                    "ingest_status",
                    "ingest_error",
                    "chunk_count",
                    "embedding_model",
                    "ingested_at",
                    "updated_at",
                    "content_version",
                ],
            )
        write_chunks([prepared for _, prepared in batch])
        for article in created:
            data = article_representation(article)
            for event_type in ("knowledge.article.created", "knowledge.article.ingested"):
                emit(
                    event_type,
                    workspace_id=article.workspace_id,
                    resource_type="knowledge.article",
                    resource_id=article.id,
                    data=data,
                    changes=["title", "body", "locale", "status"]
                    if event_type.endswith("created")
                    else ["ingest_status", "chunk_count"],
                )
        for article, before in updated:
            data = article_representation(article)
            moved = sorted(
                k for k in data.keys() | before.keys() if data.get(k) != before.get(k) and k != "updated_at"
            )
            emit(
                "knowledge.article.updated",
                workspace_id=article.workspace_id,
                resource_type="knowledge.article",
                resource_id=article.id,
                data=data,
                previous_attributes={k: before.get(k) for k in moved},
                changes=moved,
            )
            emit(
                "knowledge.article.ingested",
                workspace_id=article.workspace_id,
                resource_type="knowledge.article",
                resource_id=article.id,
                data=data,
                changes=["ingest_status", "chunk_count"],
            )
    report.created += len(created)
    report.updated += len(updated)
    report.chunks += sum(len(prepared.pieces) for _, prepared in batch)
