"""Beat: an article's ingestion is never lost between the database and the broker.

Ingestion is queued after commit (`services._queue_ingestion`, robust: a broker that is down does not
fail the write), so a broker outage at that moment, or a worker killed mid-task, leaves the article
`pending` with no task to finish it. The sweeper queues such articles again. A task that is only slow
and runs twice costs work, not correctness: the chunks are swapped only if the article is still at the
version the task read, and a second swap of the same version writes the same chunks.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Article

# Pending this long after its ingestion was queued: its task is taken for lost.
REQUEUE_AFTER = timedelta(minutes=10)
SWEEP_BATCH = 500


def requeue_stalled_ingestions() -> int:
    """Queue again the ingestion of every article pending since REQUEUE_AFTER; returns how many."""
    from .tasks import ingest_article

    now = timezone.now()
    with transaction.atomic():
        stalled = list(
            Article.all_workspaces.select_for_update(skip_locked=True)
            .filter(ingest_status=Article.IngestStatus.PENDING, ingest_queued_at__lte=now - REQUEUE_AFTER)
            .order_by("ingest_queued_at")
            .values_list("workspace_id", "id", "content_version")[:SWEEP_BATCH]
        )
        # Queued again now: the next sweeps leave them to this task for REQUEUE_AFTER.
        Article.all_workspaces.filter(id__in=[article_id for _ws, article_id, _v in stalled]).update(
            ingest_queued_at=now
        )
    for workspace_id, article_id, version in stalled:
        ingest_article.delay(workspace_id, article_id, version)
    return len(stalled)
