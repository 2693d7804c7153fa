"""Tests written for the mutants of leadiosa/api/idempotency.py that survived the area's tests
(tests/mutation/run.sh idempotency; the list and the equivalent ones: tests/mutation/RESULTS.md).

Each asserts what a client (or the operator) sees: the headers and body of a replayed error, a key
freed after a request that crashed past the view, the nightly purge of day-old keys.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import path
from django.utils import timezone
from rest_framework.response import Response

from apps.workspaces.models import Member
from leadiosa.api.views import WorkspaceAPIView
from leadiosa.models import IdempotencyRecord
from leadiosa.tasks import purge_expired_idempotency_keys
from tests.conftest import make_persona
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


def test_a_key_of_exactly_255_characters_is_taken_and_a_longer_one_refused_with_its_reason(admin):
    """`reserve`: 255 is the longest key (CONTRACT §1); a refused key says which header and why."""
    longest = "k" * 255
    first = post_member(admin, {"email": "long-key@example.com"}, longest)
    assert first.status_code == 201
    assert post_member(admin, {"email": "long-key@example.com"}, longest)["Idempotent-Replayed"] == "true"
    refused = post_member(admin, {"email": "long-key@example.com"}, longest + "k")
    assert refused.status_code == 400
    assert refused.json()["error"] == {
        "code": "invalid_parameter",
        "message": "Idempotency-Key must be 1 to 255 visible characters (spaces only between them).",
        "param": "Idempotency-Key",
        "request_id": refused["X-Request-Id"],
    }


def test_two_tokens_with_one_key_each_replay_their_own_answer(workspace, admin):
    """`reserve` looks a taken key up for this token only: another token of the workspace that used the
    same key must neither see this token's stored answer nor make this token's retry a 422."""
    other = make_persona(workspace, "admin")
    mine = post_member(admin, {"email": "mine@example.com"}, "shared-key")
    theirs = post_member(other, {"email": "theirs@example.com"}, "shared-key")
    assert mine.status_code == theirs.status_code == 201
    for persona, first in ((admin, mine), (other, theirs)):
        body = {"email": "mine@example.com" if persona is admin else "theirs@example.com"}
        again = post_member(persona, body, "shared-key")
        assert again.status_code == 201
        assert again["Idempotent-Replayed"] == "true"
        assert again.json() == first.json()


def test_a_tokens_second_key_replays_its_own_answer_not_the_first_keys(admin):
    first = post_member(admin, {"email": "one@example.com"}, "key-one")
    second = post_member(admin, {"email": "two@example.com"}, "key-two")
    again = post_member(admin, {"email": "two@example.com"}, "key-two")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == second.json() != first.json()


def test_a_reused_key_says_why(admin):
    post_member(admin, {"email": "a@example.com"}, "reused")
    response = post_member(admin, {"email": "b@example.com"}, "reused")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert response.json()["error"]["message"] == "This Idempotency-Key was used with a different request."


def test_a_key_whose_first_request_is_still_running_is_a_conflict_that_says_so(admin):
    """The first request holds the key (state running, locked a moment ago): the same request again is
    409 idempotency_conflict with its message, and nothing is created by the second one."""
    body = {"email": "running@example.com"}
    raw = json.dumps(body).encode()
    IdempotencyRecord.all_workspaces.create(
        workspace=admin.workspace,
        token_id=admin.token.id,
        key="still-running",
        fingerprint=hashlib.sha256(b"POST\0/api/v1/_test/members\0" + raw).hexdigest(),
    )
    response = post_member(admin, body, "still-running")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_conflict"
    assert (
        response.json()["error"]["message"] == "A request with this Idempotency-Key is still being processed."
    )
    assert not Member.all_workspaces.filter(user__email="running@example.com").exists()


def test_a_key_taken_back_by_another_request_at_every_attempt_is_a_conflict(admin):
    """`reserve` tries twice; when another request takes the key back after each of our attempts (here:
    a trigger puts every deleted record back, as a concurrent client re-reserving it would), the answer
    is 409 idempotency_conflict with its message, never a second object nor a 500."""
    table = IdempotencyRecord._meta.db_table
    post_member(admin, {"email": "contended@example.com"}, "contended")
    IdempotencyRecord.all_workspaces.filter(key="contended").update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_retake_idempotency_key() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f'BEGIN INSERT INTO "{table}" SELECT OLD.*; RETURN OLD; END $$'
        )
        cursor.execute(
            f'CREATE TRIGGER test_retake AFTER DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION test_retake_idempotency_key()"
        )
    response = post_member(admin, {"email": "contended-2@example.com"}, "contended")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_conflict"
    assert (
        response.json()["error"]["message"] == "A request with this Idempotency-Key is still being processed."
    )
    assert not Member.all_workspaces.filter(user__email="contended-2@example.com").exists()
