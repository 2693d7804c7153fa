"""The webhook outbox: an emit() sink that writes event and delivery rows in the caller's transaction.

Rows are committed with the change itself, so a rolled-back change sends nothing and a committed one is
never lost; the delivery task is queued only once the transaction has committed.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from leadiosa.events import Event, Statement
from leadiosa.ids import is_public_id, new_id
from leadiosa.timestamps import format_timestamp

from . import claims
from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .queueing import queue_deliveries_after_commit

TEST_EVENT = "webhook.test"
# These payloads carry no personal data (contact.erased holds the id only), so an erasure keeps them.
NO_CONTACT_DATA = frozenset({"contact.erased"})


def event_body(*, event_id: str, event: Event) -> str:
    data = {"object": event.data}
    if event.previous_attributes:
        data["previous_attributes"] = event.previous_attributes
    return json.dumps(
        {
            "id": event_id,
            "type": event.type,
            "created_at": format_timestamp(event.occurred_at),
            "workspace_id": event.workspace_id,
            "data": data,
        },
        cls=DjangoJSONEncoder,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def webhook_outbox_sink(event: Event) -> list[Statement] | None:
    """For a catalogue event with a payload: one event row and one delivery per subscribed endpoint,
    as INSERTs for emit() to run with the other sinks' (after commit, a drain is queued per endpoint).

    The event row is written whenever the workspace has an endpoint at all, enabled or not, so that
    `GET /events` can list what a disabled or failing endpoint missed (kept WEBHOOKS_RETENTION_DAYS);
    a workspace with no endpoint stores nothing."""
    if not event.is_webhook_event or event.data is None:
        return None
    endpoints = list(WebhookEndpoint.objects.for_workspace(event.workspace_id).only("id", "events", "status"))
    if not endpoints:
        return None
    endpoints = [e for e in endpoints if e.status == WebhookEndpoint.Status.ENABLED]
    if event.type == TEST_EVENT:
        # A test event goes to the one endpoint it was sent for, whatever that endpoint subscribes to.
        targets = [e for e in endpoints if e.id == event.extra.get("webhook_id")]
    else:
        targets = [e for e in endpoints if e.subscribes_to(event.type)]
    event_id = event.extra.get("webhook_event_id")
    if not is_public_id(event_id, "evt"):
        event_id = new_id("evt")
    row = WebhookEvent(
        id=event_id,
        workspace_id=event.workspace_id,
        type=event.type,
        created_at=event.occurred_at,
        body=event_body(event_id=event_id, event=event),
        contact_id="" if event.type in NO_CONTACT_DATA else (event.contact_id or ""),
    )
    now = timezone.now()
    deliveries = [
        WebhookDelivery(
            workspace_id=event.workspace_id,
            endpoint_id=endpoint.id,
            event_id=row.id,
            event_type=event.type,
            next_attempt_at=now,
            dispatched_at=now,
            created_at=now,
        )
        for endpoint in targets
    ]
    if not deliveries:
        return [_insert_statement(WebhookEvent, [row])]
    queue_deliveries_after_commit(event.workspace_id, [d.endpoint_id for d in deliveries])
    return [_insert_statement(WebhookEvent, [row]), _insert_statement(WebhookDelivery, deliveries)]


def _insert_statement(model, rows: list) -> Statement:
    """`INSERT INTO <table> (<every column>) VALUES (…), …` for unsaved instances, their values prepared
    as save() prepares them (the model's _meta and each field's get_db_prep_save)."""
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(rows))
    params = [
        field.get_db_prep_save(field.pre_save(instance, add=True), connection)
        for instance in rows
        for field in fields
    ]
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}", params  # noqa: S608


def erase_contact_webhook_payloads(workspace_id: str, contact_id: str) -> None:
    """GDPR erasure: every stored payload that carried the contact's data, and its delivery records."""
    events = WebhookEvent.objects.for_workspace(workspace_id).filter(contact_id=contact_id)
    deliveries = WebhookDelivery.objects.for_workspace(workspace_id).filter(event__in=events)
    claims.lock_before_delete(deliveries)
    deliveries.delete()
    events.delete()


def webhook_payloads_move_contact(
    workspace_id: str, from_contact_id: str, to_contact_id: str, *, mentioning: list[str] | None = None
) -> int:
    """When a contact's data becomes another contact's (a widget visitor's anonymous conversations merged
    into the contact they proved to be): the stored payloads that carried it are erased with the new
    contact from now on. `mentioning`: only the payloads naming one of these ids (a conversation's, whose
    message events name it too); None: every payload of `from_contact_id`."""
    events = WebhookEvent.objects.for_workspace(workspace_id).filter(contact_id=from_contact_id)
    if mentioning is not None:
        if not mentioning:
            return 0
        query = Q()
        for resource_id in mentioning:
            query |= Q(body__contains=f'"{resource_id}"')
        events = events.filter(query)
    return events.update(contact_id=to_contact_id)
