"""Tests written for the mutants of `leadiosa.events.emit` that survived tests/mutation/run.sh events
(the list and the equivalent ones: tests/mutation/RESULTS.md, "Fifth batch").

emit() takes no savepoint of its own inside a service's transaction (Django's savepoint=False): a sink
that fails marks that transaction for rollback instead, two round trips cheaper per write. The test's
own transaction turns the request's and the service's transactions into savepoints; emit adds none.
"""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from tests.conversations.factories import ConversationFactory
from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db


def test_a_message_takes_no_savepoint_around_its_event_records(agent, workspace):
    make_endpoint(workspace, events=["*"])
    conversation = ConversationFactory(workspace=workspace)
    assert agent.api.get("me").status_code == 200  # the token is cached from here on
    with CaptureQueriesContext(connections["default"]) as queries:
        response = agent.api.post(f"conversations/{conversation.id}/messages", {"body": "Hello"})
    assert response.status_code == 201, response.json()
    sql = [q["sql"] for q in queries.captured_queries]
    records = [i for i, s in enumerate(sql) if s.startswith("WITH written_")]
    assert len(records) == 1, sql
    # The statements of the service's transaction: from its savepoint (the last one opened before the
    # lock) to the records, no other savepoint is opened.
    lock = next(i for i, s in enumerate(sql) if "FOR UPDATE" in s and "conversations_conversation" in s)
    assert sql[lock - 1].startswith("SAVEPOINT"), sql
    assert not [s for s in sql[lock : records[0]] if s.startswith("SAVEPOINT")], sql
