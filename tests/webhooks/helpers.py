"""Emitting events the way services do, for tests that need outbox rows."""

from __future__ import annotations

from django.db import transaction

from leadiosa.events import emit
from leadiosa.tenancy import with_workspace


def emit_contact_event(
    workspace_id: str,
    *,
    event_type: str = "contact.updated",
    contact_id: str = "ct_0000000000000000000001",
    name: str = "Ada Lovelace",
    previous: dict | None = None,
):
    """A committed-in-caller's-transaction state change carrying a contact's data."""
    data = {
        "id": contact_id,
        "email": "ada@example.com",
        "name": name,
        "created_at": "2026-01-01T00:00:00.000Z",
    }
    with with_workspace(workspace_id), transaction.atomic():
        return emit(
            event_type,
            workspace_id=workspace_id,
            resource_type="contact",
            resource_id=contact_id,
            data=data,
            previous_attributes=previous,
            changes=list(previous or {}),
            contact_id=contact_id,
        )
