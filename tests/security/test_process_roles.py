"""The processes the product runs log in to PostgreSQL as the runtime role (issue 15, part 2): a Celery
worker and gunicorn started here as `make run` and production start them, never as the owner with a
SET ROLE they could undo. From the worker's own session: who it is, and that the audit tables refuse
UPDATE, DELETE and TRUNCATE — while an audited change still commits (and is sealed) from it."""

from __future__ import annotations

import time
import uuid

import pytest
from django.core.cache import cache
from django.db import connection

from apps.audit.models import AuditEntry
from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE
from tests.platform.servers import Gunicorn
from tests.webhooks.workers import CeleryWorker, purge_broker

from .test_db_roles import AUDIT_TABLES, verify

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def embedded_only(settings):
    if settings.DATABASE_URL:
        pytest.skip("DATABASE_URL names the role the processes log in as")


@pytest.mark.worker
@pytest.mark.usefixtures("embedded_only")
def test_a_celery_worker_logs_in_as_the_runtime_role_and_cannot_rewrite_the_audit_log(
    workspace, settings, tmp_path
):
    from config.celery import app

    from .worker_probe import database_identity

    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    purge_broker()
    worker = CeleryWorker(settings.REDIS_URL, tmp_path, "roles", "tests.security.worker_settings").start()
    key = f"worker-probe-{uuid.uuid4().hex}"
    try:
        database_identity.delay(key, workspace.id)
        deadline = time.monotonic() + 30
        while (report := cache.get(key)) is None:
            assert worker.process.poll() is None, worker.log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, worker.log_path.read_text()[-3000:]
            time.sleep(0.1)
    finally:
        worker.stop()
        app.conf.task_always_eager = eager

    assert (report["current_user"], report["session_user"]) == (DEFAULT_RUNTIME_ROLE, DEFAULT_RUNTIME_ROLE)
    attempts = report["attempts"]
    assert set(attempts) >= {
        f"{verb} {table}" for verb in ("UPDATE", "DELETE", "TRUNCATE") for table in AUDIT_TABLES
    }
    for statement, outcome in attempts.items():
        assert "permission denied" in outcome, (statement, outcome)
    # The worker's own change: written, sealed at its commit, in a chain that verifies; from the system.
    entry = AuditEntry.objects.for_workspace(workspace.id).get(resource_id="conv_from_the_worker")
    assert (entry.actor_type, entry.source) == ("system", "system")
    assert report["source"] == "system"
    assert verify(workspace.id)[0]


@pytest.mark.usefixtures("embedded_only")
def test_gunicorn_as_the_tests_and_production_start_it_logs_in_as_the_runtime_role(owner, tmp_path):
    server = Gunicorn(tmp_path)
    try:
        created = server.client.post(
            "/api/v1/contacts",
            json={"email": "runtime@example.com"},
            headers={"Authorization": f"Bearer {owner.plaintext}", "X-Request-Id": "shape-check-1"},
        )
        assert created.status_code == 201, created.text
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT usename FROM pg_stat_activity "
                "WHERE application_name = 'shape-gunicorn' AND datname = current_database()"
            )
            logins = {row[0] for row in cursor.fetchall()}
    finally:
        server.stop()
    assert logins == {DEFAULT_RUNTIME_ROLE}
    entry = AuditEntry.objects.for_workspace(owner.workspace.id).get(resource_id=created.json()["id"])
    assert (entry.source, entry.client_request_id) == ("api", "shape-check-1")
    assert entry.request_id == created.headers["X-Request-Id"]
