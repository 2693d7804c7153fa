"""An article's ingestion is never lost between the database and the broker: the beat sweeper queues
again every article still pending REQUEUE_AFTER after its ingestion was queued."""

from __future__ import annotations

from django.utils import timezone

from apps.knowledge.models import Article
from apps.knowledge.sweepers import REQUEUE_AFTER, requeue_stalled_ingestions
from tests.conftest import make_persona
from tests.factories import WorkspaceFactory

BODY = "Refunds are issued within five business days of the return arriving at our warehouse."


def _age(article_id: str, workspace_id: str, by=REQUEUE_AFTER) -> None:
    Article.objects.for_workspace(workspace_id).filter(pk=article_id).update(
        ingest_queued_at=timezone.now() - by
    )


def test_an_ingestion_lost_at_commit_is_queued_again_by_the_sweeper(admin, workspace, eager_tasks):
    # The request's on-commit task never runs in this test's transaction: as if the broker was down.
    created = admin.api.post("knowledge/articles", {"title": "Refunds", "body": BODY}).json()
    assert created["ingest_status"] == "pending"
    assert requeue_stalled_ingestions() == 0  # queued moments ago: its task may still be on its way

    _age(created["id"], workspace.id)
    assert requeue_stalled_ingestions() == 1
    article = admin.api.get(f"knowledge/articles/{created['id']}").json()
    assert (article["ingest_status"], article["chunk_count"] > 0) == ("ready", True)
    assert requeue_stalled_ingestions() == 0  # ready: nothing left to sweep


def test_a_requeued_ingestion_is_left_to_its_task_for_a_while(admin, workspace):
    created = admin.api.post("knowledge/articles", {"title": "Refunds", "body": BODY}).json()
    _age(created["id"], workspace.id)
    assert requeue_stalled_ingestions() == 1  # to the broker: no worker runs it in this test
    assert requeue_stalled_ingestions() == 0  # queued again just now: not yet taken for lost
    _age(created["id"], workspace.id)
    assert requeue_stalled_ingestions() == 1


def test_the_sweeper_serves_every_workspace_each_in_its_own(eager_tasks, db):
    personas = [make_persona(WorkspaceFactory(), "admin") for _ in range(2)]
    created = [p.api.post("knowledge/articles", {"title": "Refunds", "body": BODY}).json() for p in personas]
    for persona, article in zip(personas, created, strict=True):
        _age(article["id"], persona.workspace.id)
    assert requeue_stalled_ingestions() == 2
    for persona, article in zip(personas, created, strict=True):
        assert persona.api.get(f"knowledge/articles/{article['id']}").json()["ingest_status"] == "ready"
        other = personas[1 - personas.index(persona)]
        assert other.api.get(f"knowledge/articles/{article['id']}").status_code == 404


def test_an_edit_requeues_from_its_own_time(admin, workspace):
    created = admin.api.post("knowledge/articles", {"title": "Refunds", "body": BODY}).json()
    _age(created["id"], workspace.id)
    admin.api.patch(f"knowledge/articles/{created['id']}", {"body": BODY + " Gift cards are final."})
    assert requeue_stalled_ingestions() == 0  # the edit queued a new ingestion just now
