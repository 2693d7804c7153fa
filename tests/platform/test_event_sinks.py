"""emit() runs every sink in the caller's transaction without a savepoint of its own: a failing sink
must still take the change and every record of it down with it, whether it fails in Python or its
statement fails in the database (after the audit entry and the webhook rows, which go in the same
statement)."""

from __future__ import annotations

import pytest
from django.db import DataError

from apps.audit.models import AuditEntry
from apps.contacts.models import Contact
from apps.contacts.services import contact_create
from apps.webhooks.models import WebhookDelivery, WebhookEvent
from leadiosa import events
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace
from tests.webhooks.factories import make_endpoint


class SinkFailed(Exception):
    pass


def _failing_sink(event):
    raise SinkFailed(event.type)


def _failing_statement_sink(event):
    """An INSERT the database fails (a division by zero), sent last, with the other sinks' statements."""
    return [("INSERT INTO audit_entry (id) SELECT (1 / %s)::text", [0])]


@pytest.fixture(params=["python", "database"])
def failing_last_sink(request):
    sink = _failing_sink if request.param == "python" else _failing_statement_sink
    events.register_sink(sink)  # after the audit and webhook sinks
    try:
        yield SinkFailed if request.param == "python" else DataError
    finally:
        events.unregister_sink(sink)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_sink_leaves_neither_the_change_nor_any_record_of_it(workspace, failing_last_sink):
    make_endpoint(workspace, events=["*"])  # the outbox writes an event and a delivery too
    with with_workspace(workspace.id), acting_as(SYSTEM):
        with pytest.raises(failing_last_sink):
            contact_create(email="sink@example.org")
        assert not Contact.objects.filter(email="sink@example.org").exists()
        assert not AuditEntry.objects.filter(action="contact.created").exists()
    assert not WebhookEvent.all_workspaces.filter(workspace=workspace).exists()
    assert not WebhookDelivery.all_workspaces.filter(workspace=workspace).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_answers_500_and_keeps_nothing_when_a_sink_fails(owner, failing_last_sink):
    owner.api.client.raise_request_exception = False
    response = owner.api.post("contacts", {"email": "sink-api@example.org"})
    assert response.status_code == 500
    with with_workspace(owner.workspace.id):
        assert not Contact.objects.filter(email="sink-api@example.org").exists()
        assert not AuditEntry.objects.filter(action="contact.created").exists()
