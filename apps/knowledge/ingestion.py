"""Ingestion: an article's body becomes its chunks (full-text vectors, and embeddings when configured).

The slow parts (chunking, the embedding calls) run outside any transaction; the swap of the old chunks
for the new ones, the article's `ingest_status` and the `knowledge.article.ingested` event then commit
together, and only if the article is still at the version that was read — an edit made meanwhile has
queued its own ingestion, which wins. Searches never see a half-replaced article.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from leadiosa.events import emit
from leadiosa.ids import new_id
from leadiosa.tenancy import current_workspace_id

from . import metering
from .chunking import Chunk as ChunkPiece
from .chunking import chunk_text
from .locales import search_config_for
from .models import Article, Chunk
from .providers import EmbeddingProvider, ProviderError, embedding_provider
from .representation import article_representation
from .search import forget_profile

logger = logging.getLogger("apps.knowledge.ingestion")

_INSERT_CHUNKS = """
    INSERT INTO knowledge_chunk
        (id, workspace_id, article_id, position, text, token_count, search_config, search_vector,
         title_vector, embedding, published, locale, created_at)
    SELECT t.id, t.workspace_id, t.article_id, t.position, t.text, t.token_count, t.cfg,
           setweight(to_tsvector(t.cfg::regconfig, t.title), 'A')
             || setweight(to_tsvector(t.cfg::regconfig, t.text), 'B'),
           to_tsvector(t.cfg::regconfig, t.title),
           t.embedding::vector, t.published, t.locale, %s
    FROM unnest(%s::text[], %s::text[], %s::text[], %s::int[], %s::text[], %s::int[], %s::text[],
                %s::text[], %s::text[], %s::boolean[], %s::text[])
         AS t(id, workspace_id, article_id, position, text, token_count, cfg, title, embedding,
              published, locale)
"""


@dataclass
class PreparedArticle:
    """An article's new chunks, ready to be written."""

    article_id: str
    workspace_id: str
    title: str
    locale: str
    pieces: list[ChunkPiece]
    published: bool = True
    embeddings: list[list[float]] | None = None
    embedding_model: str = ""


def prepare(article: Article) -> PreparedArticle:
    return PreparedArticle(
        article_id=article.id,
        workspace_id=article.workspace_id,
        title=article.title,
        locale=article.locale,
        pieces=chunk_text(article.body),
        published=article.status == Article.Status.PUBLISHED,
    )


def embed(prepared: list[PreparedArticle], provider: EmbeddingProvider) -> None:
    """Embed every chunk (title + text) in as few calls as the provider's batch size allows; meter it."""
    texts = [f"{p.title}\n\n{piece.text}" for p in prepared for piece in p.pieces]
    if not texts:
        return
    result = provider.embed(texts)
    metering.record_usage(workspace_id=prepared[0].workspace_id, usage=result.usage)
    offset = 0
    for p in prepared:
        p.embeddings = result.vectors[offset : offset + len(p.pieces)]
        p.embedding_model = provider.model
        offset += len(p.pieces)


def write_chunks(prepared: list[PreparedArticle]) -> None:
    """Insert the chunks of several articles with one statement (callers hold the transaction)."""
    columns: list[list] = [[] for _ in range(11)]
    for p in prepared:
        config = search_config_for(p.locale)
        for index, piece in enumerate(p.pieces):
            vector = p.embeddings[index] if p.embeddings else None
            row = (
                new_id("chk"),
                p.workspace_id,
                p.article_id,
                piece.position,
                piece.text,
                piece.token_count,
                config,
                p.title,
                None if vector is None else "[" + ",".join(repr(float(v)) for v in vector) + "]",
                p.published,
                p.locale,
            )
            for column, value in zip(columns, row, strict=True):
                column.append(value)
    if not columns[0]:
        return
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_CHUNKS, [timezone.now(), *columns])


def _mark_failed(*, article_id: str, version: int, reason: str) -> None:
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(id=article_id, content_version=version).first()
        if article is None:
            return
        article.ingest_status = Article.IngestStatus.FAILED
        article.ingest_error = reason[:500]
        article.save(update_fields=["ingest_status", "ingest_error"])
        emit(
            "knowledge.article.ingest_failed",
            workspace_id=article.workspace_id,
            resource_type="knowledge.article",
            resource_id=article.id,
            data=article_representation(article),
            changes=["ingest_status", "ingest_error"],
        )


def article_ingest(*, article_id: str, version: int | None = None) -> Article | None:
    """(Re)build an article's chunks. Returns the article, or None when it is gone or was edited since."""
    article = Article.objects.filter(id=article_id).first()
    if article is None or (version is not None and article.content_version != version):
        return None
    version = article.content_version
    prepared = prepare(article)
    if not prepared.pieces:
        _mark_failed(article_id=article_id, version=version, reason="The body has no text to index.")
        return None
    provider = embedding_provider()
    if provider is not None:
        try:
            embed([prepared], provider)
        except (ProviderError, ValueError) as exc:
            logger.warning("embedding failed for %s: %s", article_id, exc)
            _mark_failed(article_id=article_id, version=version, reason=f"Embedding failed: {exc}")
            return None
    try:
        article = _swap_chunks(article_id=article_id, version=version, prepared=prepared)
    except Exception:
        # Rolled back: the previous chunks are intact. Say so on the article, then let the worker log it.
        _mark_failed(article_id=article_id, version=version, reason="Internal error while indexing.")
        raise
    return article


def _swap_chunks(*, article_id: str, version: int, prepared: PreparedArticle) -> Article | None:
    """Replace the chunks, in one transaction, if the article is still at `version`."""
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(id=article_id, content_version=version).first()
        if article is None:
            return None
        previous = {"ingest_status": article.ingest_status, "chunk_count": article.chunk_count}
        prepared.published = article.status == Article.Status.PUBLISHED  # as of now, under the lock
        Chunk.objects.filter(article_id=article_id).delete()
        write_chunks([prepared])
        article.ingest_status = Article.IngestStatus.READY
        article.ingest_error = ""
        article.chunk_count = len(prepared.pieces)
        article.embedding_model = prepared.embedding_model
        article.ingested_at = timezone.now()
        article.save(
            update_fields=["ingest_status", "ingest_error", "chunk_count", "embedding_model", "ingested_at"]
        )
        emit(
            "knowledge.article.ingested",
            workspace_id=article.workspace_id,
            resource_type="knowledge.article",
            resource_id=article.id,
            data=article_representation(article),
            previous_attributes=previous,
            changes=["ingest_status", "chunk_count"],
        )
        forget_profile(current_workspace_id())
    return article
