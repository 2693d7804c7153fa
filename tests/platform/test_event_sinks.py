"""emit() runs every sink in the caller's transaction without a savepoint of its own: a failing sink
must still take the change and every record of it down with it."""

from __future__ import annotations

import pytest

from apps.audit.models import AuditEntry
from apps.contacts.models import Contact
from apps.contacts.services import contact_create
from leadiosa import events
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


class SinkFailed(Exception):
    pass


def _failing_sink(event):
    raise SinkFailed(event.type)


@pytest.fixture
def failing_last_sink():
    events.register_sink(_failing_sink)  # after the audit and webhook sinks, which have written by then
    try:
        yield
    finally:
        events.unregister_sink(_failing_sink)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_sink_leaves_neither_the_change_nor_any_record_of_it(workspace, failing_last_sink):
    with with_workspace(workspace.id), acting_as(SYSTEM):
        with pytest.raises(SinkFailed):
            contact_create(email="sink@example.org")
        assert not Contact.objects.filter(email="sink@example.org").exists()
        assert not AuditEntry.objects.filter(action="contact.created").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_answers_500_and_keeps_nothing_when_a_sink_fails(owner, failing_last_sink):
    owner.api.client.raise_request_exception = False
    response = owner.api.post("contacts", {"email": "sink-api@example.org"})
    assert response.status_code == 500
    with with_workspace(owner.workspace.id):
        assert not Contact.objects.filter(email="sink-api@example.org").exists()
        assert not AuditEntry.objects.filter(action="contact.created").exists()
