"""Crafted input answers 400 (or 411/413) in the envelope, never 500 (issue 15, part 1).

Each case came from an outside assessment: the value reached PostgreSQL (which refused it) or blew the
parser's stack, and the API answered 500 internal_error.
"""

from __future__ import annotations

import json
import re

import pytest

from apps.contacts.models import Contact

REQUEST_ID = re.compile(r"req_[A-Za-z0-9]{20}")


def assert_envelope(response, status, code, param=None):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    assert error["request_id"] == response["X-Request-Id"]
    if param is not None:
        assert error.get("param") == param, error
    return error


# --- lone surrogates (a \\ud800 escape is valid JSON, but not text PostgreSQL will store) -------------

SURROGATE = "\\ud800"  # as it appears in the raw JSON text


@pytest.mark.parametrize(
    ("raw", "param"),
    [
        ('{"attributes": {"k": "@@"}}'.replace("@@", SURROGATE), "attributes.k"),
        ('{"name": "Ada @@"}'.replace("@@", SURROGATE), "name"),
        ('{"email": "a@b.co", "attributes": {"@@": "v"}}'.replace("@@", SURROGATE), "attributes"),
        ('{"attributes": {"k": "\\udfff\\ud800"}}', "attributes.k"),
    ],
)
def test_lone_surrogate_in_contact_create_is_a_validation_error(agent, raw, param):
    response = agent.api.post("contacts", raw=raw)
    assert_envelope(response, 400, "validation_error", param)
    assert Contact.all_workspaces.count() == 0


def test_lone_surrogate_in_contact_patch_is_a_validation_error(agent):
    contact = agent.api.post("contacts", {"email": "ada@example.com"}).json()
    response = agent.api.patch(
        f"contacts/{contact['id']}", raw='{"attributes": {"k": "@@"}}'.replace("@@", SURROGATE)
    )
    assert_envelope(response, 400, "validation_error", "attributes.k")


def test_lone_surrogate_in_nested_contact_of_a_new_conversation_is_a_validation_error(agent):
    raw = '{"contact": {"email": "a@b.co", "name": "x@@"}, "message": {"body": "hi"}}'.replace(
        "@@", SURROGATE
    )
    response = agent.api.post("conversations", raw=raw)
    assert_envelope(response, 400, "validation_error", "contact.name")


def test_lone_surrogate_in_a_list_names_the_element(agent):
    raw = '{"contact": {"email": "a@b.co"}, "tags": ["ok", "@@"]}'.replace("@@", SURROGATE)
    assert_envelope(agent.api.post("conversations", raw=raw), 400, "validation_error", "tags.1")


def test_surrogate_pair_is_an_ordinary_character(agent):
    # A correct pair (here U+1F600) is one character, stored and returned as such.
    response = agent.api.post("contacts", raw='{"name": "Ada \\ud83d\\ude00"}')
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Ada \U0001f600"


# --- numbers JSON allows but no column can hold ------------------------------------------------------


@pytest.mark.parametrize("number", ["1e400", "-1e999", "1E+309"])
def test_number_out_of_range_is_a_validation_error(agent, number):
    response = agent.api.post("contacts", raw='{"attributes": {"k": @@}}'.replace("@@", number))
    assert_envelope(response, 400, "validation_error", "attributes.k")
    assert Contact.all_workspaces.count() == 0


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_json_constants_are_invalid_json(agent, constant):
    response = agent.api.post("contacts", raw='{"attributes": {"k": @@}}'.replace("@@", constant))
    assert_envelope(response, 400, "invalid_json")


def test_large_but_finite_numbers_still_work(agent):
    response = agent.api.post("contacts", raw='{"attributes": {"k": 1e300, "n": 12345678901234567890}}')
    assert response.status_code == 201, response.content
    assert response.json()["attributes"]["k"] == 1e300


# --- nesting ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [100, 1_500, 100_000])
@pytest.mark.parametrize("path", ["contacts", "conversations", "webhooks", "knowledge/articles"])
def test_deeply_nested_json_is_refused_on_every_endpoint(owner, path, depth):
    raw = '{"attributes": ' + "[" * depth + "]" * depth + "}"
    error = assert_envelope(owner.api.post(path, raw=raw), 400, "invalid_json")
    assert "deep" in error["message"]


def test_nesting_up_to_the_limit_reaches_validation(agent):
    # A few levels are ordinary JSON: the serializer judges them (attributes are flat: 400 with param).
    raw = '{"attributes": {"k": [[[1]]]}}'
    assert_envelope(agent.api.post("contacts", raw=raw), 400, "validation_error")


# --- Django's SuspiciousOperation family -------------------------------------------------------------


def test_too_many_query_parameters_is_a_400_not_a_500(agent):
    response = agent.api.get("/api/v1/contacts?" + "a&" * 1_001)
    assert_envelope(response, 400, "too_many_parameters")


def test_too_many_query_parameters_on_a_write_is_a_400(agent):
    response = agent.api.post("/api/v1/contacts?" + "a=1&" * 1_001, {"name": "Ada"})
    assert_envelope(response, 400, "too_many_parameters")
    assert Contact.all_workspaces.count() == 0


def test_disallowed_host_is_an_envelope(agent):
    response = agent.api.get("contacts", HTTP_HOST="evil.example")
    assert_envelope(response, 400, "bad_request")


# --- other doors for the same kind of text ---------------------------------------------------------


@pytest.mark.parametrize("key", ["k\x00ey", "k\x1bey", "k\tey", "x" * 256, " "])
def test_idempotency_keys_with_control_characters_are_refused(agent, key):
    response = agent.api.post("contacts", {"name": "Ada"}, headers={"Idempotency-Key": key})
    assert_envelope(response, 400, "invalid_parameter", "Idempotency-Key")
    assert Contact.all_workspaces.count() == 0


@pytest.mark.parametrize("key", ["order-42/retry:1", "\xc3\xa9t\xc3\xa9", "x" * 255])
def test_printable_idempotency_keys_still_work(agent, key):
    response = agent.api.post("contacts", {"name": "Ada"}, headers={"Idempotency-Key": key})
    assert response.status_code == 201, response.content
    replay = agent.api.post("contacts", {"name": "Ada"}, headers={"Idempotency-Key": key})
    assert replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize("encoded", ["%00", "%ED%A0%80", "%FF", "%C0%80"])
@pytest.mark.parametrize("name", ["q", "email", "external_id", "after"])
def test_odd_bytes_in_query_parameters_never_crash(agent, name, encoded):
    # A percent-encoded NUL, a UTF-8-encoded surrogate, invalid and overlong UTF-8.
    response = agent.api.get(f"/api/v1/contacts?{name}=a{encoded}b")
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert_envelope(response, 400, response.json()["error"]["code"], name)


def test_nul_in_json_string_value_is_refused(agent):
    response = agent.api.post("contacts", raw='{"attributes": {"k": "a\\u0000b"}}')
    assert_envelope(response, 400, "validation_error", "attributes.k")
    response = agent.api.post("contacts", raw='{"attributes": {"a\\u0000b": "v"}}')
    assert_envelope(response, 400, "validation_error", "attributes")


def test_invalid_json_body_is_not_echoed(agent):
    raw = json.dumps({"name": "secret-name"})[:-1]
    error = assert_envelope(agent.api.post("contacts", raw=raw), 400, "invalid_json")
    assert "secret-name" not in json.dumps(error)
