"""Issue 15, part 4: the smaller gaps the assessment found."""

from __future__ import annotations

import secrets

import pytest
from django.test import override_settings

from apps.workspaces.models import Workspace
from leadiosa.tokens import generate_token
from tests.conftest import ApiClient


def _close(workspace):
    Workspace.objects.filter(id=workspace.id).update(status=Workspace.Status.CLOSED)


# --- unknown query parameters -----------------------------------------------------------------------


def test_a_misspelt_filter_is_refused_naming_it_and_the_parameters_the_operation_takes(agent):
    """`?stauts=closed` used to be ignored: the client got open conversations and no hint of its typo."""
    created = agent.api.post(
        "conversations", {"contact": {"email": "typo@example.com"}, "handled_by": "human"}
    )
    assert created.status_code == 201, created.content  # an open conversation an ignored filter would list
    response = agent.api.get("conversations", {"stauts": "closed"})
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_parameter", "stauts")
    spec = ApiClient(None).get("/api/v1/openapi.json").json()
    takes = sorted(
        p["name"] for p in spec["paths"]["/api/v1/conversations"]["get"]["parameters"] if p["in"] == "query"
    )
    assert {"status", "limit", "after", "sort"} <= set(takes)
    assert error["message"] == f"Unknown query parameter 'stauts'. This operation takes: {', '.join(takes)}."
    # Alongside a known parameter, the unknown one is still refused.
    response = agent.api.get("conversations", {"status": "closed", "stauts": "closed"})
    assert (response.status_code, response.json()["error"]["param"]) == (400, "stauts")


# --- 401s --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [None, "Bearer lds_notarealtoken", "Basic dXNlcjpwYXNz", "Bearer", "lds_" + "a" * 40],
)
def test_every_401_carries_www_authenticate(anonymous, header):
    headers = {"Authorization": header} if header is not None else {}
    response = anonymous.get("conversations", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["error"]["request_id"] == response["X-Request-Id"]


def test_a_token_without_its_scheme_says_the_scheme_is_missing(owner, anonymous):
    response = anonymous.get("conversations", headers={"Authorization": owner.plaintext})
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "invalid_token"
    assert "Bearer" in error["message"] and "scheme" in error["message"].lower()
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


# --- idempotent replay of an error -------------------------------------------------------------------


def test_replayed_error_has_one_request_id_in_header_and_body(agent):
    headers = {"Idempotency-Key": "k-err-1"}
    first = agent.api.post("contacts", {"email": "not-an-email"}, headers=headers)
    assert first.status_code == 400
    replay = agent.api.post("contacts", {"email": "not-an-email"}, headers=headers)
    assert replay.status_code == 400
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["error"]["request_id"] == replay["X-Request-Id"]
    assert replay["X-Request-Id"] != first["X-Request-Id"]  # this request's id, as its log line has it
    assert replay["Original-Request-Id"] == first["X-Request-Id"] == first.json()["error"]["request_id"]


def test_replayed_success_has_no_original_request_id(agent):
    headers = {"Idempotency-Key": "k-ok-1"}
    first = agent.api.post("contacts", {"email": "ada@example.com"}, headers=headers)
    replay = agent.api.post("contacts", {"email": "ada@example.com"}, headers=headers)
    assert replay.json() == first.json()
    assert "Original-Request-Id" not in replay


# --- rate-limit headers on authenticated errors ------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "no-such-route", 404), ("delete", "workspace", 405)],
)
def test_authenticated_errors_carry_rate_limit_headers_and_count(owner, method, path, status):
    before = int(owner.api.get("me")["X-RateLimit-Remaining"])
    response = getattr(owner.api, method)(path)
    assert response.status_code == status
    assert response["X-RateLimit-Limit"]
    assert int(response["X-RateLimit-Remaining"]) == before - 1
    after = int(owner.api.get("me")["X-RateLimit-Remaining"])
    assert after == before - 2


def test_authenticated_oversized_body_carries_rate_limit_headers(owner):
    before = int(owner.api.get("me")["X-RateLimit-Remaining"])
    response = owner.api.post("contacts", raw='{"name": "' + "x" * (1024 * 1024 + 10) + '"}')
    assert response.status_code == 413
    assert int(response["X-RateLimit-Remaining"]) == before - 1


# --- webhook actions refuse unknown fields ----------------------------------------------------------


@pytest.mark.parametrize("action", ["rotate-secret", "test"])
@pytest.mark.parametrize("field", ["id", "workspace_id", "secret"])
def test_webhook_actions_refuse_unknown_body_fields(admin, action, field):
    hook = admin.api.post("webhooks", {"url": "https://hooks.example.com/x", "events": ["*"]}).json()
    response = admin.api.post(f"webhooks/{hook['id']}/{action}", {field: "x"})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["param"] == field


@pytest.mark.parametrize("action", ["rotate-secret", "test"])
def test_webhook_actions_still_take_an_empty_body(admin, action):
    hook = admin.api.post("webhooks", {"url": "https://hooks.example.com/x", "events": ["*"]}).json()
    assert admin.api.post(f"webhooks/{hook['id']}/{action}", raw="").status_code in (200, 201)
    assert admin.api.post(f"webhooks/{hook['id']}/{action}", {}).status_code in (200, 201)


@pytest.mark.parametrize("path", ["workspace/archive", "workspace/close", "workspace/restore"])
def test_workspace_actions_refuse_unknown_body_fields(owner, path):
    response = owner.api.post(path, {"workspace_id": "ws_x"})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["param"] == "workspace_id"


# --- erasure while closed ---------------------------------------------------------------------------


def test_erasure_is_allowed_while_the_workspace_is_closed_other_writes_are_not(owner, admin):
    contact = admin.api.post("contacts", {"email": "ada@example.com"}).json()
    other = admin.api.post("contacts", {"email": "bob@example.com"}).json()
    assert owner.api.post("workspace/close").status_code == 200
    assert admin.api.delete(f"contacts/{contact['id']}").status_code == 204
    assert admin.api.get(f"contacts/{contact['id']}").status_code == 404
    response = admin.api.patch(f"contacts/{other['id']}", {"name": "Bob"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workspace_closed"
    assert admin.api.post("contacts", {"email": "c@example.com"}).status_code == 409


# --- the failed-authentication budget is checked before the token lookup ---------------------------


def _redis_keys():
    from django.conf import settings
    from django_redis import get_redis_connection

    connection = get_redis_connection("default")
    # This run's keys only: other test runs share the Redis server under their own prefixes.
    pattern = f"{settings.REDIS_KEY_PREFIX}:*ratelimit*"
    return {key: connection.get(key) for key in connection.scan_iter(match=pattern, count=1000)}


def _written(before: dict, after: dict) -> dict:
    """The keys that were created or changed between two `_redis_keys()` reads. A key read as None
    expired (or was deleted) between its SCAN and its GET: nothing wrote it, so it does not count —
    an earlier test's counter that runs out meanwhile cannot make the comparison flaky."""
    return {key: value for key, value in after.items() if value is not None and before.get(key) != value}


def test_the_written_keys_comparison_ignores_expiry_and_sees_every_write():
    before = {b"p:ratelimit:token:old": b"3", b"p:ratelimit:ip:a": b"1"}
    # Expired between SCAN and GET (None), or gone from the second read: not a write.
    assert _written(before, {b"p:ratelimit:token:old": None, b"p:ratelimit:ip:a": b"1"}) == {}
    assert _written(before, {}) == {}
    # A new key, or a counter that moved, is.
    assert _written(before, {b"p:ratelimit:ip:a": b"2"}) == {b"p:ratelimit:ip:a": b"2"}
    assert _written(before, {b"p:ratelimit:token:new": b"1"}) == {b"p:ratelimit:token:new": b"1"}


@override_settings(RATE_LIMIT_FAILED_AUTH_PER_MINUTE=2)
def test_an_address_over_its_failure_budget_costs_no_lookup_and_no_write(db, count_queries):
    ip = f"192.0.2.{secrets.randbelow(250) + 1}-{secrets.token_hex(4)}"
    for _ in range(2):
        assert ApiClient(generate_token()).get("workspace", REMOTE_ADDR=ip).status_code == 401
    before = _redis_keys()
    response, queries = count_queries(lambda: ApiClient(generate_token()).get("workspace", REMOTE_ADDR=ip))
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert queries == 0  # no token lookup
    # No counter written, for the token or the address (an earlier test's key may expire meanwhile).
    after = _redis_keys()
    assert _written(before, after) == {}


@override_settings(RATE_LIMIT_FAILED_AUTH_PER_MINUTE=2)
def test_a_token_in_use_still_works_from_an_address_over_its_budget(owner):
    ip = f"192.0.2.{secrets.randbelow(250) + 1}-{secrets.token_hex(4)}"
    assert owner.api.get("workspace", REMOTE_ADDR=ip).status_code == 200  # in use: cached
    for _ in range(3):
        ApiClient(generate_token()).get("workspace", REMOTE_ADDR=ip)
    assert owner.api.get("workspace", REMOTE_ADDR=ip).status_code == 200
