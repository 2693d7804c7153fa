"""Which commits wait for the WAL flush: every API write does; the worker's bookkeeping does not.

A delivery worker claims rows and records outcomes in short transactions of its own. Losing one of those
commits in a server crash only means the delivery is sent again with the same webhook-id (at-least-once),
so they commit with `synchronous_commit = off` and leave the disk's flushes to the commits that need
them: the API write that created the outbox rows, which must never be lost.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.webhooks.models import WebhookDelivery

from .factories import make_endpoint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_delivery")]

RELAX = "SET LOCAL synchronous_commit = off"


def _statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def test_an_api_write_commits_durably_and_the_workers_claim_and_record_do_not(workspace, admin, receiver):
    from apps.webhooks.delivery import attempt_delivery
    from leadiosa.tenancy import with_workspace

    make_endpoint(workspace, url=receiver.url)
    with CaptureQueriesContext(connection) as write:
        created = admin.api.post("contacts", {"email": "durable@example.com"})
    assert created.status_code == 201, created.content
    assert not [sql for sql in _statements(write) if "synchronous_commit" in sql]

    delivery = WebhookDelivery.all_workspaces.get(workspace=workspace, event_type="contact.created")
    with with_workspace(workspace.id), CaptureQueriesContext(connection) as attempt:
        assert attempt_delivery(delivery.id) == "succeeded"
    statements = _statements(attempt)
    claim_at = next(i for i, sql in enumerate(statements) if "FOR UPDATE SKIP LOCKED" in sql)
    record_at = next(i for i, sql in enumerate(statements) if "webhooks_webhookdeliveryattempt" in sql)
    relaxed = [i for i, sql in enumerate(statements) if sql == RELAX]
    # One relaxation just before the claim, one in the transaction that records the outcome.
    assert relaxed[0] == claim_at - 1
    assert any(claim_at < i < record_at for i in relaxed)
    [received] = receiver.wait_for(1)
    assert received.headers["webhook-id"] == delivery.event_id
