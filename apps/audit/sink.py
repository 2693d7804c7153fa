"""The emit() sink: one audit entry for every event, in the emitting transaction."""

from __future__ import annotations

from leadiosa.events import Event, Statement

from .chain import entry_insert

# Events whose entry keeps the resource id and nothing else (CONTRACT §2 contacts: erasure).
ID_ONLY_ACTIONS = frozenset({"contact.erased"})


def record_event(event: Event) -> list[Statement]:
    """The entry for `event` (emit() inserts it). Only ids, names and field *names* are kept: never
    `event.data`, `previous_attributes` or `extra`, which carry message text and contact PII."""
    id_only = event.type in ID_ONLY_ACTIONS
    return [
        entry_insert(
            workspace_id=event.workspace_id,
            action=event.type,
            actor_type=event.actor.type,
            actor_id=event.actor.id,
            resource_type=event.resource_type,
            resource_id=event.resource_id,
            request_id=event.request_id,
            ip=event.ip,
            changes=() if id_only else event.changes,
            created_at=event.occurred_at,
            source=event.source,
            client_request_id=event.client_request_id,
        )
    ]
