"""Tests written for the mutants of leadiosa/events.py that survived the area's tests
(tests/mutation/run.sh events; the list and the equivalent ones: tests/mutation/RESULTS.md).

The erasure's registry: a registered lock runs (with the workspace and the contact) before any eraser,
registering twice runs each once, an unregistered eraser runs no more; and the locks really hold the
contact's conversations from the start of the erasure, so an agent posting while the first eraser
runs waits and then finds the conversation gone.
"""

from __future__ import annotations

import pytest

from leadiosa import events
from tests.conftest import make_persona
from tests.contacts.test_erasure import eraser_posting_a_message
from tests.factories import WorkspaceFactory

pytestmark = pytest.mark.django_db


def test_a_registered_lock_runs_before_the_erasers_and_an_unregistered_eraser_no_more(admin):
    calls = []

    def lock(workspace_id, contact_id):
        calls.append(("lock", workspace_id, contact_id))

    def eraser(workspace_id, contact_id):
        calls.append(("erase", workspace_id, contact_id))

    events.register_eraser(eraser, lock=lock)
    events.register_eraser(eraser, lock=lock)  # twice: still once each
    try:
        first = admin.api.post("contacts", {"email": "first@example.com"}).json()["id"]
        assert admin.api.delete(f"contacts/{first}").status_code == 204
        assert calls, "neither the lock nor the eraser ran"
        assert calls[-1] == ("erase", admin.workspace.id, first)
        locks = calls[:-1]
        assert locks and set(locks) == {("lock", admin.workspace.id, first)}
        # The erasure takes its locks twice (before and after locking the contact's row, contact_erase):
        # registered twice, the lock still runs once per pass.
        assert len(locks) == 2
        passes = len(locks)

        events.unregister_eraser(eraser)
        events.unregister_eraser(eraser)  # already gone: nothing happens
        calls.clear()
        second = admin.api.post("contacts", {"email": "second@example.com"}).json()["id"]
        assert admin.api.delete(f"contacts/{second}").status_code == 204
        assert ("erase", admin.workspace.id, second) not in calls
        assert len(calls) == passes  # the lock stays registered: it still runs, once per pass
    finally:
        events.unregister_eraser(eraser)
        while lock in events._erasure_locks:
            events._erasure_locks.remove(lock)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_posted_before_the_first_eraser_runs_waits_for_the_erasure():
    workspace = WorkspaceFactory()
    admin = make_persona(workspace, "admin")
    conversation = admin.api.post(
        "conversations", {"contact": {"email": "early@example.org"}, "message": {"body": "hello"}}
    ).json()
    post_before_any_eraser, outcome, posters = eraser_posting_a_message(
        admin.api, conversation["id"], "too late"
    )
    # First of all erasers: only the erasure's locks stand between the agent's post and its commit.
    events._erasers.insert(0, post_before_any_eraser)
    try:
        assert admin.api.delete(f"contacts/{conversation['contact_id']}").status_code == 204
    finally:
        events._erasers.remove(post_before_any_eraser)
    posters[0].join(timeout=30)
    assert outcome["status"] == 404, outcome
    assert outcome["body"]["error"]["code"] == "conversation_not_found"
