import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from apps.workspaces.models import Member
from leadiosa.models import IdempotencyRecord
from tests.conftest import make_persona
from tests.factories import WorkspaceFactory

pytestmark = pytest.mark.urls("tests.platform.urls")


def post(persona, body, key):
    return persona.api.post("_test/members", body, headers={"Idempotency-Key": key})


def test_same_key_same_request_replays_the_first_response(admin):
    first = post(admin, {"email": "once@example.com"}, "key-1")
    again = post(admin, {"email": "once@example.com"}, "key-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Member.all_workspaces.filter(user__email="once@example.com").count() == 1


def test_same_key_different_body_is_idempotency_key_reused(admin):
    post(admin, {"email": "a1@example.com"}, "key-2")
    response = post(admin, {"email": "a2@example.com"}, "key-2")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"


def test_same_key_different_path_is_idempotency_key_reused(admin):
    post(admin, {"email": "p1@example.com"}, "key-3")
    response = admin.api.post(
        "_test/members?x=1", {"email": "p1@example.com"}, headers={"Idempotency-Key": "key-3"}
    )
    assert response.status_code == 422


def test_keys_are_per_token(workspace, admin):
    other = make_persona(workspace, "admin")
    post(admin, {"email": "k1@example.com"}, "shared")
    response = post(other, {"email": "k2@example.com"}, "shared")
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response


def test_validation_errors_are_replayed_too(admin):
    first = post(admin, {"email": "nope"}, "key-4")
    again = post(admin, {"email": "nope"}, "key-4")
    assert first.status_code == again.status_code == 400
    assert again["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize("key", ["", "x" * 256])
def test_key_must_be_1_to_255_characters(admin, key):
    response = post(admin, {"email": "l@example.com"}, key)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "Idempotency-Key"


def test_expired_keys_are_forgotten_after_24_hours(admin):
    from datetime import timedelta

    from django.utils import timezone

    post(admin, {"email": "e1@example.com"}, "key-5")
    IdempotencyRecord.all_workspaces.update(created_at=timezone.now() - timedelta(hours=25))
    response = post(admin, {"email": "e2@example.com"}, "key-5")
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_with_one_key_create_one_object():
    persona = make_persona(WorkspaceFactory(), "admin")
    barrier = threading.Barrier(4)

    def call(_):
        try:
            barrier.wait()
            return post(persona, {"email": "race@example.com", "slow": True}, "race-key")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(call, range(4)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) >= 1
    assert set(statuses) <= {201, 409}
    created = [r for r in responses if r.status_code == 201 and "Idempotent-Replayed" not in r]
    assert len(created) == 1
    for conflict in (r for r in responses if r.status_code == 409):
        assert conflict.json()["error"]["code"] == "idempotency_conflict"
    assert (
        Member.all_workspaces.filter(workspace=persona.workspace, user__email="race@example.com").count() == 1
    )
    replay = post(persona, {"email": "race@example.com", "slow": True}, "race-key")
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == created[0].json()


def test_a_crashing_request_releases_its_key_so_the_client_can_retry(owner):
    body = {"email": "z@example.com", "explode": True}
    first = owner.api.post("_test/members", body, headers={"Idempotency-Key": "k-crash"})
    assert first.status_code == 500
    assert not IdempotencyRecord.all_workspaces.filter(key="k-crash").exists()
    retry = owner.api.post("_test/members", body, headers={"Idempotency-Key": "k-crash"})
    assert retry.status_code == 500  # ran again, not a replay and not a conflict
    assert "Idempotent-Replayed" not in retry


def test_a_reservation_abandoned_by_a_dead_process_is_taken_over(owner):
    from datetime import timedelta

    from django.utils import timezone

    IdempotencyRecord.all_workspaces.create(
        workspace=owner.workspace,
        token_id=owner.token.id,
        key="k-dead",
        fingerprint="whatever",
        locked_at=timezone.now() - timedelta(minutes=10),
    )
    response = owner.api.post(
        "_test/members", {"email": "d@example.com"}, headers={"Idempotency-Key": "k-dead"}
    )
    assert response.status_code == 201


def test_stored_responses_are_encrypted_at_rest(admin):
    post(admin, {"email": "sealed-person@example.com"}, "key-sealed")
    record = IdempotencyRecord.all_workspaces.get(key="key-sealed")
    assert "sealed-person" not in record.response_sealed
    assert record.resource_ids and all(value.startswith(("mem_", "usr_")) for value in record.resource_ids)


def test_responses_naming_an_id_can_be_forgotten(admin):
    from leadiosa.api.idempotency import forget_responses_naming

    created = post(admin, {"email": "forget-me@example.com"}, "key-forget").json()
    post(admin, {"email": "keep-me@example.com"}, "key-keep")
    assert forget_responses_naming(workspace_id=admin.workspace.id, ids=[created["id"]]) == 1
    assert list(IdempotencyRecord.all_workspaces.values_list("key", flat=True)) == ["key-keep"]


def test_erasing_a_contact_drops_replayable_responses_that_carry_it(admin):
    created = admin.api.post("contacts", {"email": "gone@example.com"}, headers={"Idempotency-Key": "c-1"})
    assert created.status_code == 201
    conversation = admin.api.post(
        "conversations", {"contact_id": created.json()["id"]}, headers={"Idempotency-Key": "c-2"}
    )
    assert conversation.status_code == 201
    post(admin, {"email": "unrelated@example.com"}, "c-3")
    assert admin.api.delete(f"contacts/{created.json()['id']}").status_code == 204
    assert list(IdempotencyRecord.all_workspaces.values_list("key", flat=True)) == ["c-3"]
