from celery import shared_task

from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


@shared_task
def ingest_article(workspace_id: str, article_id: str, version: int | None = None) -> int | None:
    """Chunk and index one article; returns its chunk count (None when it changed or vanished meanwhile)."""
    from .ingestion import article_ingest

    with with_workspace(workspace_id), acting_as(SYSTEM):
        article = article_ingest(article_id=article_id, version=version)
    return article.chunk_count if article is not None else None


@shared_task
def requeue_stalled_ingestions() -> int:
    """Beat: queue again the ingestions lost between the database and the broker."""
    from .sweepers import requeue_stalled_ingestions as sweep

    return sweep()
