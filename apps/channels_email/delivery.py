"""Sending one reply by SMTP (Django's e-mail backend), with retries that keep the message visible.

A failed attempt sets `delivery_status: retrying` and schedules the next one (RETRY_DELAYS); after the
last, `failed`. The message itself is never touched otherwise: the agent's words stay in the thread.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from apps.conversations.models import Message
from apps.workspaces.models import Workspace
from leadiosa.errors import Conflict, NotFound
from leadiosa.events import emit
from leadiosa.ids import is_public_id

from .addresses import reply_address
from .models import DeliveryStatus, EmailRecord

logger = logging.getLogger(__name__)

# Seconds before attempts 2, 3, … (six attempts over about four hours).
RETRY_DELAYS = (30, 120, 600, 1800, 7200)
PENDING = (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING)
# An attempt due this long ago and still pending lost its task (broker down at commit, worker killed):
# the sweeper queues it again.
REDISPATCH_AFTER = timedelta(seconds=120)
# A retry's task may run a little before its due time (clocks, countdown rounding).
EARLY_SLACK = timedelta(seconds=5)
SWEEP_BATCH = 500


def _set_status(record: EmailRecord, status: str, **fields) -> None:
    previous = record.delivery_status
    record.delivery_status = status
    for name, value in fields.items():
        setattr(record, name, value)
    record.save(update_fields=["delivery_status", *fields])
    Message.objects.for_workspace(record.workspace_id).filter(pk=record.message_id).update(
        delivery_status=status
    )
    if status != previous:
        # Audited, and it moves the dashboard's change stamp (the thread's label follows). Not a webhook
        # event: the catalogue (CONTRACT §2) has no such type; subscribers read delivery_status from the
        # message (message.created carries "queued"; GET …/messages the current value).
        emit(
            "message.delivery_status_changed",
            workspace_id=record.workspace_id,
            resource_type="message",
            resource_id=record.message_id,
            previous_attributes={"delivery_status": previous},
            changes=["delivery_status"],
            contact_id=record.contact_id,
            conversation_id=record.conversation_id,
        )


def _email(record: EmailRecord, body: str, workspace_name: str) -> EmailMessage:
    headers = {"Message-ID": record.message_id_header, "X-Loop": record.from_address}
    if record.in_reply_to:
        headers["In-Reply-To"] = record.in_reply_to
    if record.references:
        headers["References"] = record.references
    display = workspace_name.replace('"', "").replace("\\", "")
    return EmailMessage(
        subject=record.subject or "(no subject)",
        body=body,
        from_email=f'"{display}" <{record.from_address}>',
        to=[record.to_address],
        reply_to=[reply_address(record.workspace_id, record.conversation_id)],
        headers=headers,
    )


def email_deliver(*, workspace_id: str, record_id: int) -> int | None:
    """One attempt. Returns the delay before the next attempt, or None when done (sent, failed, gone)."""
    with transaction.atomic():
        record = (
            EmailRecord.objects.for_workspace(workspace_id)
            .select_for_update(skip_locked=True)
            .filter(
                pk=record_id, delivery_status__in=PENDING, next_attempt_at__lte=timezone.now() + EARLY_SLACK
            )
            .first()
        )
        if record is None:  # sent meanwhile, being sent by another worker, or erased with the contact
            return None
        if not record.to_address:
            _set_status(record, DeliveryStatus.FAILED, last_error="no_recipient_address")
            return None
        body = (
            Message.objects.for_workspace(workspace_id)
            .filter(pk=record.message_id)
            .values_list("body", flat=True)
            .first()
        )
        name = Workspace.objects.filter(pk=workspace_id).values_list("name", flat=True).first() or ""
        attempts = record.attempts + 1
        try:
            get_connection(fail_silently=False).send_messages([_email(record, body or "", name)])
        except (smtplib.SMTPException, OSError) as exc:
            error = type(exc).__name__
            if isinstance(exc, smtplib.SMTPResponseException):
                error = f"smtp_{exc.smtp_code}"
            logger.warning("e-mail reply not sent", extra={"record": record_id, "error": error})
            if attempts > len(RETRY_DELAYS):
                _set_status(record, DeliveryStatus.FAILED, attempts=attempts, last_error=error[:200])
                return None
            delay = RETRY_DELAYS[attempts - 1]
            _set_status(
                record,
                DeliveryStatus.RETRYING,
                attempts=attempts,
                last_error=error[:200],
                next_attempt_at=timezone.now() + timedelta(seconds=delay),
            )
            return delay
        _set_status(
            record,
            DeliveryStatus.SENT,
            attempts=attempts,
            last_error="",
            sent_at=timezone.now(),
            next_attempt_at=None,
        )
        return None


@transaction.atomic
def email_resend(*, workspace_id: str, message_id: str) -> None:
    """Queue a reply whose every attempt failed for a fresh round of attempts (a person's decision, e.g.
    after the SMTP settings were fixed): `failed` → `queued`, sent after commit. Audited as a
    delivery status change. Only a failed reply: 404 for any other id, 409 while it is still pending or
    once it was sent."""
    record = (
        EmailRecord.objects.for_workspace(workspace_id)
        .select_for_update()
        .filter(message_id=message_id, direction="outbound")
        .first()
        if is_public_id(message_id, "msg")
        else None
    )
    if record is None:
        raise NotFound("message_not_found", "No e-mail reply with this id.")
    if record.delivery_status != DeliveryStatus.FAILED:
        raise Conflict(
            "email_not_failed", f"This reply is {record.delivery_status}: only a failed one is resent."
        )
    _set_status(record, DeliveryStatus.QUEUED, attempts=0, last_error="", next_attempt_at=timezone.now())
    from .tasks import email_send

    record_id = record.id
    # robust: a broker that is down must not fail the request; the sweeper sends it then.
    transaction.on_commit(lambda: email_send.delay(workspace_id, record_id), robust=True)


def sweep_pending_emails() -> int:
    """Beat: queue again every pending reply whose attempt is overdue (its task was lost), so a reply is
    never lost between the database and the broker. Returns how many were queued."""
    from .tasks import email_send

    now = timezone.now()
    with transaction.atomic():
        due = list(
            EmailRecord.all_workspaces.select_for_update(skip_locked=True)
            .filter(delivery_status__in=PENDING, next_attempt_at__lte=now - REDISPATCH_AFTER)
            .order_by("next_attempt_at")
            .values_list("workspace_id", "id")[:SWEEP_BATCH]
        )
        # Due again from now: the next sweep leaves them to this dispatch for REDISPATCH_AFTER.
        EmailRecord.all_workspaces.filter(id__in=[record_id for _ws, record_id in due]).update(
            next_attempt_at=now
        )
    for workspace_id, record_id in due:
        email_send.delay(workspace_id, record_id)
    return len(due)
