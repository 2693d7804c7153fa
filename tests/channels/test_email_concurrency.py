"""A provider that delivers the same message twice at once (a retry racing the first attempt) still
creates one conversation and one message: the second delivery waits on the first and finds its record."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from apps.channels_email.models import EmailRecord
from apps.conversations.models import Conversation, Message
from tests.channels.conftest import deliver, sample
from tests.factories import WorkspaceFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_deliveries_of_one_message_create_it_once():
    workspace = WorkspaceFactory()
    raw = sample("plain.eml")
    barrier = threading.Barrier(4)
    statuses = []

    def post():
        try:
            barrier.wait()
            statuses.append(deliver(workspace.id, raw).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [202] * 4
    assert Conversation.objects.for_workspace(workspace.id).count() == 1
    assert Message.objects.for_workspace(workspace.id).count() == 1
    assert EmailRecord.objects.for_workspace(workspace.id).count() == 1
