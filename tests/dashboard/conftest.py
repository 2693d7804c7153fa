"""Dashboard test helpers: a signed-in browser-like client per persona, and objects to look at."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.conversations.services import conversation_create
from apps.knowledge.services import article_create
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

PASSWORD = "a long enough passphrase 42"


def signed_in(persona) -> Client:
    client = Client()
    client.force_login(persona.member.user, backend="apps.dashboard.auth.EmailBackend")
    return client


@pytest.fixture
def as_user():
    return signed_in


def make_objects(workspace_id: str, *, email: str = "ada@example.com") -> dict:
    """A contact with one conversation (a first message) and a published article, made by the services."""
    with with_workspace(workspace_id), acting_as(SYSTEM):
        conversation = conversation_create(
            contact={"email": email, "name": "Ada Lovelace"},
            subject="Cannot sign in",
            handled_by="human",
            message_body="I forgot my password, how do I reset it?",
        )
        article = article_create(title="Resetting your password", body="Open Settings and choose Reset.")
    return {"conv_id": conversation.id, "ct_id": conversation.contact_id, "art_id": article.id}


@pytest.fixture
def objects(workspace):
    return make_objects(workspace.id)


@pytest.fixture
def dashboard_eager():
    """Celery tasks run in the caller (ingestion, the assistant), as the eager_tasks fixture does."""
    from config.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = before
