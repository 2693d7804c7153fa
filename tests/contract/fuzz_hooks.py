"""Schemathesis hooks for the fuzz run (loaded through SCHEMATHESIS_HOOKS): the two things a schema
cannot tell a generator, supplied for positive (schema-valid) cases only; negative cases are left as
generated, so the server's refusals are still exercised.

- `Idempotency-Key` must be unique per distinct request (CONTRACT §1: the same key with another request
  is 422 `idempotency_key_reused`): a generated key is replaced by a fresh one. The header stays in the
  request, so keys are still stored, compared and replayed.
- `after` is an opaque, signed cursor (`cur_…`, leadiosa/api/cursors.py): only the server can make one.
  A generated value is dropped; a real one reaches the list through the stateful phase's links
  (`pagination.next_cursor`) and is kept.
- a body's `assignee_id` must be a member's user id and a new conversation's `contact_id` an existing
  contact (membership and existence are state, 422 otherwise): generated ones are replaced by the fuzz
  workspace's own (FUZZ_USER_ID, FUZZ_CONTACT_ID), so the update and create logic past them is reached.
- `snoozed_until` must be in the future when a conversation is snoozed (CONTRACT §2 conversations; the
  spec says a snooze needs one, but no schema compares with the clock): a generated past instant is
  moved to tomorrow; `snoozed_until: null` without a `status` is dropped (refused on a conversation that is
  snoozed at the time, accepted on any other).
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta

import schemathesis


def _positive(case) -> bool:
    meta = getattr(case, "meta", None)
    return meta is not None and meta.generation.mode.is_positive


def _issued_by_the_server(cursor) -> bool:
    return isinstance(cursor, str) and cursor.startswith("cur_") and len(cursor) > 40


def _in_the_future(value) -> bool:
    try:
        return datetime.fromisoformat(value) > datetime.now(UTC) + timedelta(minutes=5)
    except (TypeError, ValueError):
        return False  # absent, or a form Python does not read: replaced by one it does


@schemathesis.hook
def map_case(context, case):
    if not _positive(case):
        return case
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            headers[name] = f"fuzz-{uuid.uuid4().hex}"
    query = case.query or {}
    if "after" in query and not _issued_by_the_server(query["after"]):
        del query["after"]
    body = case.body
    if not isinstance(body, dict):
        return case
    if isinstance(body.get("assignee_id"), str) and os.environ.get("FUZZ_USER_ID"):
        body["assignee_id"] = os.environ["FUZZ_USER_ID"]
    if (
        isinstance(body.get("contact_id"), str)
        and case.method.upper() == "POST"
        and os.environ.get("FUZZ_CONTACT_ID")
    ):
        body["contact_id"] = os.environ["FUZZ_CONTACT_ID"]
    if "status" not in body and "snoozed_until" in body and body["snoozed_until"] is None:
        # Clearing the time of a conversation snoozed right now, without a new status, is refused (400: a
        # snooze needs a future time); on any other conversation it is accepted. State again.
        del body["snoozed_until"]
    if body.get("status") == "snoozed" and not _in_the_future(body.get("snoozed_until")):
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        body["snoozed_until"] = (
            tomorrow.strftime("%Y-%m-%dT%H:%M:%S.") + f"{tomorrow.microsecond // 1000:03d}Z"
        )
    return case
