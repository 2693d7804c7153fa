"""emit(): the one call every state change makes.

Called inside the service's transaction. The platform knows no app: apps register *sinks* in their
AppConfig.ready() (the audit log writes its entry, the webhook outbox its event row), and every sink
runs in the caller's transaction, so a rolled-back change leaves neither an audit entry nor an event.

A sink whose rows are plain INSERTs returns them as statements instead of running them: emit() sends
every sink's statements as one (data-modifying WITH queries), so an event costs one round trip for the
audit entry, the webhook event and its deliveries together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from leadiosa import context
from leadiosa.context import Actor

# Names of the events a webhook subscriber can receive (CONTRACT §2 webhooks).
WEBHOOK_EVENT_TYPES = (
    "conversation.created",
    "conversation.updated",
    "conversation.assigned",
    "conversation.closed",
    "conversation.reopened",
    "conversation.handed_off",
    "message.created",
    "note.created",
    "contact.created",
    "contact.updated",
    "contact.erased",
    "knowledge.article.created",
    "knowledge.article.updated",
    "knowledge.article.deleted",
    "knowledge.article.ingested",
    "workspace.closed",
    "workspace.restored",
    "workspace.archive.ready",
    "billing.ai_tokens.threshold_reached",
    "webhook.test",
)


@dataclass(frozen=True)
class Event:
    """One state change. `type` is the audit action; webhook sinks deliver only catalogue types."""

    type: str
    workspace_id: str
    resource_type: str
    resource_id: str
    actor: Actor
    occurred_at: datetime
    data: dict | None = None  # the resource as the API serializes it
    previous_attributes: dict | None = None
    changes: tuple[str, ...] = ()  # names of changed fields, never their values
    request_id: str | None = None
    ip: str | None = None
    source: str = "system"  # the door it came through (leadiosa.context.SOURCES)
    client_request_id: str | None = None  # the client's own X-Request-Id, when well formed
    # The contact whose personal data `data` carries (contact.*, conversation.*, message.*, note.*), so
    # an erasure can find and purge every stored copy of it.
    contact_id: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def is_webhook_event(self) -> bool:
        return self.type in WEBHOOK_EVENT_TYPES


# SQL with positional %s parameters, and the parameters: a data-modifying statement that returns
# nothing anyone reads (an INSERT), for emit() to send together with the other sinks'.
Statement = tuple[str, list]
Sink = Callable[[Event], "list[Statement] | None"]
_sinks: list[Sink] = []


def register_sink(sink: Sink) -> None:
    if sink not in _sinks:
        _sinks.append(sink)


def unregister_sink(sink: Sink) -> None:
    if sink in _sinks:
        _sinks.remove(sink)


def emit(
    event_type: str,
    *,
    workspace_id: str,
    resource_type: str,
    resource_id: str,
    data: dict | None = None,
    previous_attributes: dict | None = None,
    changes: Iterable[str] = (),
    actor: Actor | None = None,
    contact_id: str | None = None,
    **extra,
) -> Event:
    """Record a state change: every registered sink writes its row in the current transaction."""
    info = context.current()
    event = Event(
        type=event_type,
        workspace_id=workspace_id,
        resource_type=resource_type,
        resource_id=resource_id,
        actor=actor or info.actor,
        occurred_at=timezone.now(),
        data=data,
        previous_attributes=previous_attributes or None,
        changes=tuple(sorted(changes)),
        request_id=info.request_id,
        ip=info.ip,
        source=info.source,
        client_request_id=info.client_request_id,
        contact_id=contact_id,
        extra=extra,
    )
    # All sinks or none. Inside a service's transaction (the usual case) no savepoint of its own: a sink
    # that fails marks the enclosing transaction for rollback (Django's documented savepoint=False), so
    # the change and its records still go together, two round trips cheaper per write.
    with transaction.atomic(savepoint=False):
        statements: list[Statement] = []
        for sink in _sinks:
            statements += sink(event) or ()
        if statements:
            execute_together(statements)
    return event


def execute_together(statements: list[Statement]) -> None:
    """Run data-modifying statements in one round trip: all but the last as WITH queries, which
    PostgreSQL runs exactly once each, on one snapshot, whether or not anything reads them (so none may
    depend on another's rows; foreign keys between them hold because Django's are checked at commit)."""
    *leading, (last_sql, last_params) = statements
    sql, params = last_sql, list(last_params)
    if leading:
        ctes = ", ".join(f"written_{index} AS ({text})" for index, (text, _) in enumerate(leading))
        sql = f"WITH {ctes} {last_sql}"
        params = [value for _, values in leading for value in values] + params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# Erasure (GDPR): every app that keeps a contact's data (its own rows or copies) registers an eraser
# and erases its own rows; the contact erasure service runs them inside its transaction, so the 204
# means every copy is gone. An app whose rows a concurrent write could add to while the erasure runs
# also registers a *lock*: every lock runs before any eraser (and again once the contact row is locked),
# so such a write either committed before, and its copies are erased, or waits and then finds its
# parent gone.
Eraser = Callable[[str, str], None]  # (workspace_id, contact_id)
_erasers: list[Eraser] = []
_erasure_locks: list[Eraser] = []


def register_eraser(eraser: Eraser, *, lock: Eraser | None = None) -> None:
    if eraser not in _erasers:
        _erasers.append(eraser)
    if lock is not None and lock not in _erasure_locks:
        _erasure_locks.append(lock)


def unregister_eraser(eraser: Eraser) -> None:
    if eraser in _erasers:
        _erasers.remove(eraser)


def lock_contact_data(*, workspace_id: str, contact_id: str) -> None:
    """Take every registered erasure lock (inside the erasure's transaction)."""
    for lock in _erasure_locks:
        lock(workspace_id, contact_id)


def erase_contact_data(*, workspace_id: str, contact_id: str) -> None:
    with transaction.atomic():
        for eraser in _erasers:
            eraser(workspace_id, contact_id)
