"""Deleting an article while its ingestion runs: the delete wins, never a 500 (issue 19).

Found by schemathesis: `POST /knowledge/articles {"title": "0", "body": "0"}` then `DELETE` of it while
the worker was swapping in its chunks failed at commit on the chunk → article foreign key. Here a real
ingestion (the task's own code, in its own thread and database connection) holds its swap open while
the API deletes the article in another thread; the test lets the swap commit only once PostgreSQL shows
the delete waiting on it, which is exactly the interleaving that used to fail.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connections, transaction

from apps.knowledge.models import Article, Chunk
from apps.knowledge.tasks import ingest_article
from tests.conftest import make_persona, waiting_on_a_lock
from tests.factories import WorkspaceFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_deleting_an_article_while_its_chunks_are_being_swapped_in_answers_204():
    admin = make_persona(WorkspaceFactory(), "admin")
    created = admin.api.post("knowledge/articles", {"title": "0", "body": "0"})
    assert created.status_code == 201, created.content
    article_id = created.json()["id"]

    swapped, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def ingestion():
        try:
            # The worker's task, unchanged; the outer transaction only keeps its swap uncommitted
            # (its chunks written, the article locked) until the delete is waiting for it.
            with transaction.atomic():
                outcome["chunks"] = ingest_article(admin.workspace.id, article_id, None)
                swapped.set()
                release.wait(20)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            outcome["ingestion_error"] = exc
        finally:
            swapped.set()
            connections.close_all()

    def delete():
        try:
            outcome["response"] = admin.api.delete(f"knowledge/articles/{article_id}")
        finally:
            connections.close_all()

    ingester = threading.Thread(target=ingestion)
    ingester.start()
    deleter = None
    try:
        assert swapped.wait(20)
        assert "ingestion_error" not in outcome, outcome
        assert outcome["chunks"] == 1
        deleter = threading.Thread(target=delete)
        deleter.start()
        deadline = time.monotonic() + 20
        while waiting_on_a_lock() == 0 and deleter.is_alive():
            assert time.monotonic() < deadline, "the delete never waited on the ingestion's lock"
            time.sleep(0.02)
    finally:
        release.set()
        ingester.join(30)
        if deleter is not None:
            deleter.join(30)

    response = outcome["response"]
    assert response.status_code == 204, response.content
    assert not Article.all_workspaces.filter(pk=article_id).exists()
    assert not Chunk.all_workspaces.filter(article_id=article_id).exists()
    again = admin.api.get(f"knowledge/articles/{article_id}")
    assert again.status_code == 404 and again.json()["error"]["code"] == "article_not_found"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_ingestion_that_starts_after_the_delete_leaves_nothing_behind():
    admin = make_persona(WorkspaceFactory(), "admin")
    article_id = admin.api.post("knowledge/articles", {"title": "0", "body": "0"}).json()["id"]
    assert admin.api.delete(f"knowledge/articles/{article_id}").status_code == 204
    assert ingest_article(admin.workspace.id, article_id, None) is None
    assert not Chunk.all_workspaces.filter(article_id=article_id).exists()
