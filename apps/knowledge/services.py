"""Every write to knowledge articles. Each one emits its event and, when the text changed, queues
ingestion after commit (`ingest_status` → `pending` until the task has swapped the chunks)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from leadiosa.events import emit
from leadiosa.tenancy import current_workspace_id

from .models import Article, Chunk
from .representation import article_representation
from .search import forget_profile

WRITABLE = ("title", "body", "locale", "status", "source_url")
# Changing one of these changes the chunks or their language: the article is ingested again.
REINGEST_FIELDS = frozenset({"title", "body", "locale"})


def _queue_ingestion(article: Article) -> None:
    from .tasks import ingest_article

    workspace_id, article_id, version = article.workspace_id, article.id, article.content_version
    transaction.on_commit(lambda: ingest_article.delay(workspace_id, article_id, version), robust=True)


def _emit(event_type: str, article: Article, **kwargs) -> None:
    emit(
        event_type,
        workspace_id=article.workspace_id,
        resource_type="knowledge.article",
        resource_id=article.id,
        data=article_representation(article),
        **kwargs,
    )


def _forget_profile_on_commit() -> None:
    forget_profile(current_workspace_id())


@transaction.atomic
def article_create(
    *,
    title: str,
    body: str,
    locale: str = "en",
    status: str = Article.Status.PUBLISHED,
    source_url: str | None = None,
) -> Article:
    """A new article, `ingest_status: pending`; its ingestion is queued after commit."""
    now = timezone.now()
    article = Article.objects.create(
        title=title,
        body=body,
        locale=locale,
        status=status,
        source_url=source_url or "",
        created_at=now,
        updated_at=now,
        ingest_queued_at=now,
    )
    _emit("knowledge.article.created", article, changes=[f for f in WRITABLE if getattr(article, f)])
    _queue_ingestion(article)
    return article


@transaction.atomic
def article_update(*, article: Article, changes: dict) -> Article:
    """Apply a PATCH. A change of title, body or locale re-ingests; a status change does not."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if "source_url" in changes:
        changes["source_url"] = changes["source_url"] or ""
    before = article_representation(article)
    changed = [name for name, value in changes.items() if getattr(article, name) != value]
    if not changed:
        return article
    for name in changed:
        setattr(article, name, changes[name])
    article.updated_at = timezone.now()
    fields = [*changed, "updated_at"]
    if REINGEST_FIELDS.intersection(changed):
        article.content_version = F("content_version") + 1
        article.ingest_status = Article.IngestStatus.PENDING
        article.ingest_error = ""
        article.ingest_queued_at = article.updated_at
        fields += ["content_version", "ingest_status", "ingest_error", "ingest_queued_at"]
    article.save(update_fields=fields)
    article.refresh_from_db(fields=["content_version"])
    if "status" in changed:
        Chunk.objects.filter(article_id=article.id).update(
            published=article.status == Article.Status.PUBLISHED
        )
    after = article_representation(article)
    moved = sorted(key for key in after.keys() | before.keys() if before.get(key) != after.get(key))
    _emit(
        "knowledge.article.updated",
        article,
        previous_attributes={key: before.get(key) for key in moved if key != "updated_at"},
        changes=[key for key in moved if key != "updated_at"],
    )
    if REINGEST_FIELDS.intersection(changed):
        _queue_ingestion(article)
    _forget_profile_on_commit()
    return article


@transaction.atomic
def article_reingest(*, article: Article) -> Article:
    """Ingest again without a change (e.g. after configuring an embedding provider)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    previous = {"ingest_status": article.ingest_status}
    article.content_version = F("content_version") + 1
    article.ingest_status = Article.IngestStatus.PENDING
    article.ingest_error = ""
    article.ingest_queued_at = timezone.now()
    article.save(update_fields=["content_version", "ingest_status", "ingest_error", "ingest_queued_at"])
    article.refresh_from_db(fields=["content_version"])
    _emit(
        "knowledge.article.updated",
        article,
        previous_attributes=previous if previous["ingest_status"] != article.ingest_status else None,
        changes=["ingest_status"] if previous["ingest_status"] != article.ingest_status else [],
    )
    _queue_ingestion(article)
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article and its chunks (the event carries the article as it was).

    The article's row is locked first, as ingestion locks it before swapping the chunks: a running
    swap finishes before the delete reads the chunks (so its new chunks go too, never an orphan that
    fails the foreign key at commit), and a swap that starts later finds the article gone.
    """
    locked = Article.objects.select_for_update().filter(pk=article.pk).first()
    if locked is None:  # deleted meanwhile by another request: nothing left to do
        return
    _emit("knowledge.article.deleted", locked)
    Chunk.objects.filter(article_id=locked.pk).delete()
    locked.delete()
    _forget_profile_on_commit()
