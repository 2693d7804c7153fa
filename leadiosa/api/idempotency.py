"""Idempotency-Key on POST (CONTRACT §1), stored in PostgreSQL for 24 hours.

The key is reserved in its own committed statement before the view runs, so a concurrent request with
the same key finds it and gets 409 idempotency_conflict instead of creating a second object. The
response is stored when the view finishes; a 5xx (or a crash) releases the key so the client can retry.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.response import Response

from leadiosa import context
from leadiosa.api.errors import ApiError
from leadiosa.api.spec import constraints
from leadiosa.crypto import seal_json, unseal_json
from leadiosa.models import IdempotencyRecord

MAX_KEY_LENGTH = 255
SEAL_PURPOSE = "idempotency-response"
PUBLIC_ID = re.compile(r"[a-z]{2,4}_[0-9A-Za-z]{22}")


def fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0")
    digest.update(request.get_full_path().encode())
    digest.update(b"\0")
    digest.update(request.body)
    return digest.hexdigest()


def reserve(request, key: str, ctx) -> IdempotencyRecord | Response | None:
    """Claim the key. Returns a replayed Response, or the record to complete after the view ran."""
    if len(key) > MAX_KEY_LENGTH or not constraints.matches(constraints.IDEMPOTENCY_KEY, key):
        # Control characters (a NUL above all, which PostgreSQL cannot store) are refused, not a 500; a
        # client's UTF-8 bytes arrive as Latin-1 text (WSGI) and are kept as such.
        raise ApiError(
            400,
            "invalid_parameter",
            "Idempotency-Key must be 1 to 255 visible characters (spaces only between them).",
            param="Idempotency-Key",
        )
    print_ = fingerprint(request)
    now = timezone.now()
    expired_before = now - timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)
    stale_lock_before = now - timedelta(seconds=settings.IDEMPOTENCY_LOCK_SECONDS)
    records = IdempotencyRecord.objects.for_workspace(ctx.workspace_id)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return records.create(
                    workspace_id=ctx.workspace_id, token_id=ctx.token_id, key=key, fingerprint=print_
                )
        except IntegrityError:
            pass
        with transaction.atomic():
            existing = records.select_for_update().filter(token_id=ctx.token_id, key=key).first()
            if existing is None:
                continue  # released between our insert and this read: try again
            if existing.created_at < expired_before or (
                existing.state == IdempotencyRecord.State.RUNNING and existing.locked_at < stale_lock_before
            ):
                existing.delete()
                continue
            if existing.fingerprint != print_:
                raise ApiError(
                    422, "idempotency_key_reused", "This Idempotency-Key was used with a different request."
                )
            if existing.state == IdempotencyRecord.State.RUNNING:
                raise ApiError(
                    409,
                    "idempotency_conflict",
                    "A request with this Idempotency-Key is still being processed.",
                )
            return replayed(
                unseal_json(existing.response_sealed, purpose=SEAL_PURPOSE), existing.response_status
            )
    raise ApiError(
        409, "idempotency_conflict", "A request with this Idempotency-Key is still being processed."
    )


def replayed(data, status: int) -> Response:
    """The first response, again. An error body's `request_id` becomes this request's, so the body, the
    X-Request-Id header and this request's log line agree; the first request's id, which the body held,
    is kept in `Original-Request-Id` (as Stripe's `Original-Request`)."""
    response = Response(data, status=status)
    response["Idempotent-Replayed"] = "true"
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict) and error.get("request_id"):
        response["Original-Request-Id"] = error["request_id"]
        current = context.current().request_id
        if current:
            response.data = {**data, "error": {**error, "request_id": current}}
    return response


def _public_ids(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for item in value.values():
            _public_ids(item, found)
    elif isinstance(value, list):
        for item in value:
            _public_ids(item, found)
    elif isinstance(value, str) and PUBLIC_ID.fullmatch(value):
        found.add(value)
    return found


def complete(record: IdempotencyRecord, response) -> None:
    if response.status_code >= 500:
        IdempotencyRecord.objects.for_workspace(record.workspace_id).filter(pk=record.pk).delete()
        return
    data = getattr(response, "data", None)
    IdempotencyRecord.objects.for_workspace(record.workspace_id).filter(pk=record.pk).update(
        state=IdempotencyRecord.State.DONE,
        response_status=response.status_code,
        resource_ids=sorted(_public_ids(data, set())),
        response_sealed=seal_json(data, purpose=SEAL_PURPOSE),
    )


def release(record: IdempotencyRecord) -> None:
    IdempotencyRecord.objects.for_workspace(record.workspace_id).filter(pk=record.pk).delete()


def forget_responses_naming(*, workspace_id: str, ids: list[str]) -> int:
    """Drop stored responses that name any of these ids (an erasure: they are copies of the data)."""
    deleted, _ = (
        IdempotencyRecord.objects.for_workspace(workspace_id).filter(resource_ids__overlap=ids).delete()
    )
    return deleted


def purge_expired() -> int:
    cutoff = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)
    deleted, _ = IdempotencyRecord.all_workspaces.filter(created_at__lt=cutoff).delete()
    return deleted
