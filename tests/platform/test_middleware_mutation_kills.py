"""Tests written for the mutants of leadiosa/api/middleware.py that survived the area's tests
(tests/mutation/run.sh middleware; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees: an authenticated request to an unknown API route is counted and carries the exact
X-RateLimit-* values; when the counting itself fails (Redis unreachable) the 404 stands and one warning
with the traceback says so; a NUL character in a query of a page outside /api/ is a plain 400, and
an encoded percent sign followed by 00 is not a NUL.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_route_miss_carries_the_tokens_window(owner):
    first = owner.api.get("no-such-route")
    second = owner.api.get("no-such-route-either")
    assert (first.status_code, second.status_code) == (404, 404)
    limit = owner.workspace.plan.rate_limit_per_minute  # the token's budget is its workspace plan's
    assert first["X-RateLimit-Limit"] == second["X-RateLimit-Limit"] == str(limit)
    assert int(first["X-RateLimit-Remaining"]) - int(second["X-RateLimit-Remaining"]) == 1
    reset = int(first["X-RateLimit-Reset"])
    assert reset % 60 == 0 and time.time() < reset <= time.time() + 60


def test_a_route_miss_whose_counting_fails_still_answers_404_and_says_why(owner, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    with caplog.at_level(logging.WARNING, logger="leadiosa.request"):
        response = owner.api.get("no-such-route")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "route_not_found"
    assert "X-RateLimit-Limit" not in response
    warnings = [r for r in caplog.records if r.name == "leadiosa.request" and r.levelno == logging.WARNING]
    assert [r.getMessage() for r in warnings] == ["rate limit not counted for an unrouted request"]
    assert warnings[0].exc_info and warnings[0].exc_info[0] is not None


def test_a_nul_in_a_pages_query_is_a_plain_400():
    response = Client().get("/login/?next=%2Fapp%2F&q=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "A query parameter contains a NUL character."


def test_an_encoded_percent_before_00_is_not_a_nul():
    # "%2500" decodes to the three characters "%00": no NUL, the page answers as usual.
    assert Client().get("/login/?q=%2500").status_code == 200


def test_a_changes_audit_entry_names_the_clients_address(admin):
    created = admin.api.post("contacts", {"email": "ip@example.com"}, REMOTE_ADDR="203.0.113.7")
    assert created.status_code == 201
    entries = admin.api.get("audit", {"resource_id": created.json()["id"]}).json()["data"]
    assert [(e["action"], e.get("ip")) for e in entries] == [("contact.created", "203.0.113.7")]


def test_only_unrouted_api_answers_are_counted_by_the_middleware(owner):
    headers = {"Authorization": f"Bearer {owner.plaintext}"}
    # The spec (a DRF view of its own, no rate limit) and a page outside /api/: never counted here.
    spec = Client().get("/api/v1/openapi.json", headers=headers)
    assert spec.status_code == 200 and "X-RateLimit-Limit" not in spec
    page = Client().get("/no-such-page-anywhere/", headers=headers)
    assert page.status_code == 404 and "X-RateLimit-Limit" not in page
    # A 404 answered by a view was counted by the view: the middleware does not count it again.
    first = owner.api.get("contacts/ct_missing")
    second = owner.api.get("contacts/ct_missing")
    assert (first.status_code, second.status_code) == (404, 404)
    assert int(first["X-RateLimit-Remaining"]) - int(second["X-RateLimit-Remaining"]) == 1


@pytest.mark.urls("tests.platform.urls")
def test_the_request_log_line_is_named_request_and_times_the_request(admin, caplog):
    with caplog.at_level(logging.INFO, logger="leadiosa.request"):
        response = admin.api.post("_test/members", {"email": "slow@example.com", "slow": True})
    assert response.status_code == 201
    [line] = [r for r in caplog.records if r.name == "leadiosa.request"]
    assert line.getMessage() == "request"
    assert isinstance(line.duration_ms, float)
    assert 500 <= line.duration_ms < 60_000  # the handler sleeps half a second
    assert line.duration_ms == round(line.duration_ms, 2)  # to the hundredth of a millisecond


def test_a_chunked_body_without_a_length_is_refused_with_411(admin):
    response = admin.api.client.generic(
        "POST",
        "/api/v1/contacts",
        b'{"email": "chunked@example.com"}',
        content_type="application/json",
        headers={**admin.api._headers(None), "Transfer-Encoding": "chunked"},
        CONTENT_LENGTH="",  # what a WSGI server hands Django for a de-chunked body
    )
    assert response.status_code == 411
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "length_required",
        "Send the request body with a Content-Length header, not chunked.",
    )


def test_a_transfer_encoding_with_a_length_is_read_as_usual(admin):
    body = b'{"email": "sized@example.com"}'
    response = admin.api.client.generic(
        "POST",
        "/api/v1/contacts",
        body,
        content_type="application/json",
        headers={**admin.api._headers(None), "Transfer-Encoding": "chunked"},
    )
    assert response.status_code == 201, response.content[:300]


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        (None, "10.0.0.2"),  # no X-Forwarded-For at all: the peer's address
        ("198.51.100.9", "198.51.100.9"),  # exactly one hop for one proxy: what our proxy saw
        ("6.6.6.6, 198.51.100.9", "198.51.100.9"),  # the client's own entry comes first: never taken
    ],
)
def test_behind_one_proxy_the_audited_address_is_what_the_proxy_saw(admin, settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    extra = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    created = admin.api.post("contacts", {"email": "hop@example.com"}, **extra)
    assert created.status_code == 201
    entries = admin.api.get("audit", {"resource_id": created.json()["id"]}).json()["data"]
    assert [e.get("ip") for e in entries] == [expected]


def test_a_body_over_one_mebibyte_is_refused_before_any_view_reads_it(admin):
    # A GET reads no body: only the middleware, judging Content-Length, refuses it.
    big = b"x" * (1024 * 1024 + 1)
    response = admin.api.client.generic(
        "GET", "/api/v1/contacts", big, content_type="application/json", headers=admin.api._headers(None)
    )
    assert response.status_code == 413
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("request_too_large", "The request body exceeds 1 MiB.")


def test_a_body_of_exactly_one_mebibyte_and_an_unreadable_length_pass_the_middleware(admin):
    exact = b" " * (1024 * 1024)
    response = admin.api.client.generic(
        "GET", "/api/v1/contacts", exact, content_type="application/json", headers=admin.api._headers(None)
    )
    assert response.status_code == 200
    response = admin.api.client.generic(
        "GET", "/api/v1/contacts", b"", headers=admin.api._headers(None), CONTENT_LENGTH="not-a-number"
    )
    assert response.status_code == 200


def test_a_query_that_is_only_a_nul_is_refused_too():
    assert Client().get("/login/?q=%00").status_code == 400
