"""Tests written for the mutants of leadiosa/api/idempotency.py that survived the area's tests
(tests/mutation/run.sh idempotency; the list and the equivalent ones: tests/mutation/RESULTS.md).

Each asserts what a client (or the operator) sees: the headers and body of a replayed error, a key
freed after a request that crashed past the view, the nightly purge of day-old keys.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import path
from django.utils import timezone
from rest_framework.response import Response

from leadiosa.api.views import WorkspaceAPIView
from leadiosa.models import IdempotencyRecord
from leadiosa.tasks import purge_expired_idempotency_keys
from tests.platform import urls as platform_urls


class EscapingView(WorkspaceAPIView):
    """A POST whose exception escapes the view's own error handling (as a failure while rendering
    or in a middleware would): the API's dispatch must still free the Idempotency-Key."""

    def post(self, request):
        raise RuntimeError("escaped the view")

    def handle_exception(self, exc):
        if isinstance(exc, RuntimeError):
            raise exc
        return super().handle_exception(exc)


class FineView(WorkspaceAPIView):
    def post(self, request):
        # Echoes ids in a list, as a bulk or batch answer would carry them.
        return Response({"ok": True, "related": list(request.data.get("related", []))}, status=201)


urlpatterns = [
    path("api/v1/_test/escape", EscapingView.as_view()),
    path("api/v1/_test/fine", FineView.as_view()),
    *platform_urls.urlpatterns,
]
handler404 = platform_urls.handler404
handler500 = platform_urls.handler500

pytestmark = pytest.mark.urls(__name__)


def post_member(persona, body, key):
    return persona.api.post("_test/members", body, headers={"Idempotency-Key": key})


def test_a_replayed_error_names_the_first_request_and_carries_this_ones_id(admin):
    """`replayed`: the body's request_id is the replay's own (as its X-Request-Id header), the first
    request's id moves to Original-Request-Id; the rest of the error is the first one's."""
    first = post_member(admin, {"email": "not-an-email"}, "replay-error")
    assert first.status_code == 400
    first_error = first.json()["error"]
    assert first_error["request_id"] == first["X-Request-Id"]
    assert "Original-Request-Id" not in first

    again = post_member(admin, {"email": "not-an-email"}, "replay-error")
    assert again.status_code == 400
    assert again["Idempotent-Replayed"] == "true"
    assert again["Original-Request-Id"] == first_error["request_id"]
    again_error = again.json()["error"]
    assert again["X-Request-Id"] != first["X-Request-Id"]
    assert again_error["request_id"] == again["X-Request-Id"]
    assert {k: v for k, v in again_error.items() if k != "request_id"} == {
        k: v for k, v in first_error.items() if k != "request_id"
    }


def test_a_replayed_success_has_no_original_request_id(admin):
    first = post_member(admin, {"email": "fine@example.com"}, "replay-ok")
    again = post_member(admin, {"email": "fine@example.com"}, "replay-ok")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert "Original-Request-Id" not in again


def test_a_request_that_crashes_past_the_view_frees_its_key(admin):
    """`release`: the key reserved before the view ran is dropped when the request dies, so the retry
    runs again (the same crash here) instead of answering 409 idempotency_conflict for 24 hours."""
    with pytest.raises(RuntimeError, match="escaped the view"):
        admin.api.post("_test/escape", {}, headers={"Idempotency-Key": "escape-1"})
    assert not IdempotencyRecord.all_workspaces.filter(key="escape-1").exists()
    with pytest.raises(RuntimeError, match="escaped the view"):
        admin.api.post("_test/escape", {}, headers={"Idempotency-Key": "escape-1"})
    # Another key of the same token, completed normally, is kept (release drops only its own record).
    assert admin.api.post("_test/fine", {}, headers={"Idempotency-Key": "fine-1"}).status_code == 201
    with pytest.raises(RuntimeError):
        admin.api.post("_test/escape", {}, headers={"Idempotency-Key": "escape-2"})
    assert list(IdempotencyRecord.all_workspaces.values_list("key", flat=True)) == ["fine-1"]


def test_the_purge_drops_keys_older_than_a_day_and_keeps_the_rest(admin, stranger):
    """`purge_expired` (the beat task): every workspace's day-old records go, younger ones stay, and the
    count it returns is what it deleted."""
    post_member(admin, {"email": "old@example.com"}, "old-key")
    post_member(admin, {"email": "young@example.com"}, "young-key")
    post_member(stranger, {"email": "old2@example.com"}, "old-key-2")
    records = IdempotencyRecord.all_workspaces
    records.filter(key__in=["old-key", "old-key-2"]).update(created_at=timezone.now() - timedelta(hours=25))
    records.filter(key="young-key").update(created_at=timezone.now() - timedelta(hours=23))
    assert purge_expired_idempotency_keys() == 2
    assert list(records.values_list("key", flat=True)) == ["young-key"]
    # The purged key is new again: the same request runs and is not a replay.
    fresh = post_member(admin, {"email": "old@example.com"}, "old-key")
    assert fresh.status_code == 201 and "Idempotent-Replayed" not in fresh
    replay = post_member(admin, {"email": "young@example.com"}, "young-key")
    assert replay["Idempotent-Replayed"] == "true"


def test_an_erasure_drops_a_stored_answer_that_names_the_contact_inside_a_list(admin):
    """`_public_ids` walks lists too: a stored answer that carries the contact's id only as an item of
    a list is a copy of its data, and erasing the contact must drop it (the retry then runs again
    instead of replaying the erased id)."""
    contact_id = admin.api.post("contacts", {"email": "listed@example.com"}).json()["id"]
    body = {"related": [contact_id]}
    first = admin.api.post("_test/fine", body, headers={"Idempotency-Key": "listed"})
    assert first.status_code == 201 and first.json()["related"] == [contact_id]
    assert admin.api.post("_test/fine", body, headers={"Idempotency-Key": "listed"})["Idempotent-Replayed"]
    assert admin.api.delete(f"contacts/{contact_id}").status_code == 204
    after = admin.api.post("_test/fine", body, headers={"Idempotency-Key": "listed"})
    assert after.status_code == 201
    assert "Idempotent-Replayed" not in after
